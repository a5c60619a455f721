#include "commands/common_options.hpp"

#include "cli/context.hpp"
#include "commands/data_source.hpp"
#include "core/split.hpp"
#include "core/errors.hpp"
#include "git/commit_reader.hpp"
#include "registry/url.hpp"

#include <charconv>

namespace ssmd {

namespace {
int64_t int_flag(const po::variables_map &vm, const char *flag) {
  const auto &text = vm[flag].as<std::string>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw UsageError(std::string("--") + flag + " takes an integer, not '" + text + "'");
  return value;
}

bool bool_flag(const po::variables_map &vm, const char *flag) {
  const auto &text = vm[flag].as<std::string>();
  if (text == "true") return true;
  if (text == "false") return false;
  throw UsageError(std::string("--") + flag + " takes true or false, not '" + text + "'");
}

} // namespace

void apply_feed_version_flags(const po::variables_map &vm, registry::FeedVersion &v) {
  if (vm.count("version")) v.version = vm["version"].as<std::string>();
  if (vm.count("effective-from")) v.effective_from = Date::parse(date_arg(vm, "effective-from"));
  if (vm.count("effective-to")) v.effective_to = Date::parse(date_arg(vm, "effective-to"));
  if (vm.count("endpoint")) {
    v.endpoint = vm["endpoint"].as<std::string>();
    auto url = registry::parse_url(v.endpoint);
    if (!url) throw UsageError("--endpoint takes a URL such as wss://host/path, not '" + v.endpoint + "'");
    if (!vm.count("protocol")) v.protocol = url->scheme;
  }
  if (vm.count("protocol")) v.protocol = vm["protocol"].as<std::string>();
  if (vm.count("auth-method")) v.auth_method = vm["auth-method"].as<std::string>();
  if (vm.count("rate-limit-per-second")) v.rate_limit_per_second = int_flag(vm, "rate-limit-per-second");
  if (vm.count("max-symbols-per-connection")) v.max_symbols_per_connection = int_flag(vm, "max-symbols-per-connection");
  if (vm.count("supports-orderbook")) v.supports_orderbook = bool_flag(vm, "supports-orderbook");
  if (vm.count("supports-trades")) v.supports_trades = bool_flag(vm, "supports-trades");
  if (vm.count("channels")) v.channels = split_skipping_empty(vm["channels"].as<std::string>(), ',');
}

OptionSpec as_of_option() { return option("as-of", "DATE", "answer as of this calendar date (YYYY-MM-DD)"); }

std::optional<Date> as_of_flag(const po::variables_map &vm) {
  if (!vm.count("as-of")) return std::nullopt;
  return Date::parse(date_arg(vm, "as-of"));
}

OptionSpec at_option() {
  return option("at", "REF", "read the metadata as of a git commit, branch or tag (the working tree is not read)");
}

registry::Repository open_for_reading(Context &ctx, const po::variables_map &vm, registry::ReadCache cache) {
  if (!vm.count("at")) return registry::Repository(ctx.repo_root(), {}, cache);
  const std::string &ref = vm["at"].as<std::string>();
  if (ref.empty()) throw UsageError("--at needs a commit, branch or tag");
  return registry::Repository(ctx.repo_root(), git::commit_reader(ctx.repo_root(), ref));
}

OptionSpec import_path_option() {
  return option("import-path", "DIR",
                "also search DIR for imported schema files (repository-relative or absolute; may repeat; sets "
                "<format>.import_paths)")
      .repeatable();
}

std::vector<std::string> import_path_flag(const po::variables_map &vm) {
  if (!vm.count("import-path")) return {};
  auto dirs = vm["import-path"].as<std::vector<std::string>>();
  for (const auto &dir : dirs)
    if (dir.empty()) throw UsageError("--import-path needs a directory");
  return dirs;
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
