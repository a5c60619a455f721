#include "data/data_source.hpp"

#include "core/errors.hpp"

namespace ssmd::data {

void add_source_options(CommandLine &cl) {
  cl.options.add_options()
      ("feed", po::value<std::string>()->required()->value_name("FEED"), "the feed whose data to inspect")
      ("raw", po::value<std::string>()->value_name("URL"), "root of the raw data (a path, file:// or a plugin's scheme)")
      ("normalized", po::value<std::string>()->value_name("URL"), "root of the normalized data");
}

Source open_source(Context &ctx, const po::variables_map &vm) {
  Source source;
  source.feed = vm["feed"].as<std::string>();
  if (!vm.count("raw") && !vm.count("normalized"))
    throw UsageError("say where the data lives: --raw URL and/or --normalized URL");
  if (vm.count("raw")) source.raw = open_store(ctx, vm["raw"].as<std::string>());
  if (vm.count("normalized")) source.normalized = open_store(ctx, vm["normalized"].as<std::string>());
  return source;
}

} // namespace ssmd::data
