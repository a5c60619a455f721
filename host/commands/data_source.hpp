// The flags every `ssmd data` command shares: which feed, and where its raw and normalized data live.
#pragma once

#include "cli/command.hpp"
#include "data/store.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ssmd::data {

// The URL schemes storage plugins provide, from their manifests, sorted; empty when discovery fails.
std::vector<std::string> storage_schemes(Context &ctx);

struct Source {
  std::string feed;
  std::unique_ptr<Store> raw;        // null when not configured
  std::unique_ptr<Store> normalized; // null when not configured
};

// Opens the stores where the feed's data lives (commands/data_location.hpp: the flags, --env, the feed's
// environments, else the configuration's `data:`; see docs/data.md). `--<scheme>-endpoint URL`, else
// `--endpoint URL`, sets configuration key `<scheme>.endpoint` for the storage plugin, as a flag.
// Throws UsageError for a malformed name or when nothing says where the data lives, DomainError for a feed
// that is not registered or an environment of another feed, EnvironmentError when a local root does not exist
// or a store cannot be opened.
Source open_source(Context &ctx, const po::variables_map &vm);

} // namespace ssmd::data
