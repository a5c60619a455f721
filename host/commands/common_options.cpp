#include "commands/common_options.hpp"

#include "data/data_source.hpp"

namespace ssmd {

OptionSpec as_of_option() { return option("as-of", "DATE", "answer as of this calendar date (YYYY-MM-DD)"); }

OptionSpec at_option() {
  return option("at", "REF", "read the metadata as of a git commit, branch or tag (the working tree is not read)");
}

OptionSpec import_path_option() {
  return option("import-path", "DIR",
                "also search DIR for imported schema files (repository-relative or absolute; may repeat; sets "
                "<format>.import_paths)")
      .repeatable();
}

std::vector<OptionSpec> feed_version_options() {
  return {
      option("version", "VERSION", "the version's name, e.g. v2"),
      option("effective-from", "DATE", "first day in force (YYYY-MM-DD)"),
      option("effective-to", "DATE", "first day no longer in force (exclusive)"),
      option("endpoint", "URL", "the endpoint URL, e.g. wss://host/path"),
      option("protocol", "P", "wss, ws, https, http or udp (default: the URL's scheme)"),
      option("auth-method", "M", "how connections authenticate, e.g. api_key or none"),
      option("rate-limit-per-second", "N", "requests per second allowed"),
      option("max-symbols-per-connection", "N", "symbols per connection allowed"),
      option("supports-orderbook", "BOOL", "true or false").with_choices({"true", "false"}),
      option("supports-trades", "BOOL", "true or false").with_choices({"true", "false"}),
      option("channels", "A,B", "comma-separated channel names"),
  };
}

std::vector<OptionSpec> data_source_options(Context &ctx) {
  std::vector<OptionSpec> out = {
      option("feed", "FEED", "the feed whose data to inspect").require(),
      option("env", "ENV", "read where the data lives from this environment's storage"),
      option("raw", "URL", "root of the raw data (a path, file:// or a plugin's scheme)"),
      option("normalized", "URL", "root of the normalized data"),
      option("endpoint", "URL",
             "endpoint of the storage service (an object store on a private address, say); sets <scheme>.endpoint"),
  };
  for (const auto &scheme : data::storage_schemes(ctx))
    out.push_back(option(scheme + "-endpoint", "URL",
                         "endpoint for " + scheme + ":// URLs; beats --endpoint and the plugin's environment variables"));
  return out;
}

} // namespace ssmd
