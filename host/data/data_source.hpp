// The flags every `ssmd data` command shares: which feed, and where its raw and normalized data live.
#pragma once

#include "cli/command.hpp"
#include "data/store.hpp"

#include <memory>
#include <string>

namespace ssmd::data {

void add_source_options(CommandLine &cl);

struct Source {
  std::string feed;
  std::unique_ptr<Store> raw;        // null when not configured
  std::unique_ptr<Store> normalized; // null when not configured
};

// Opens the stores named by --raw/--normalized, or by the `storage:` of the environment named by --env
// (see docs/data.md). --endpoint URL sets configuration key `<scheme>.endpoint` for the storage plugin.
// Throws UsageError when no location is given, EnvironmentError when a store cannot be opened.
Source open_source(Context &ctx, const po::variables_map &vm);

} // namespace ssmd::data
