// Options several commands share: each as data (cli/command_spec.hpp), next to what its value means once
// parsed. (Where data lives, --feed/--env/--raw/..., is read by commands/data_source.hpp.)
#pragma once

#include "cli/command.hpp"
#include "core/date.hpp"
#include "registry/model.hpp"
#include "registry/repository.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ssmd {

// --as-of DATE: answer as of a calendar date.
OptionSpec as_of_option();
// Its value when given (a malformed date is a UsageError, exit 2).
std::optional<Date> as_of_flag(const po::variables_map &vm);

// --at REF: read the metadata as of a commit instead of the working tree.
OptionSpec at_option();
// The repository a read-only command answers from: the working tree (from the feed cache when `cache`
// says so) or, with --at REF, the commit REF names, read from git's objects without touching the working
// tree. An unknown REF is a DomainError (exit 1); no git repository is an EnvironmentError (exit 3).
registry::Repository open_for_reading(Context &ctx, const po::variables_map &vm,
                                      registry::ReadCache cache = registry::ReadCache::Skip);

// --import-path DIR (repeatable): directories the schema-format plugin searches for imported files.
OptionSpec import_path_option();
// Its directories, in order; none without the flag. An empty one is a UsageError.
std::vector<std::string> import_path_flag(const po::variables_map &vm);

// The flags that set a feed version's fields, shared by `feed create` and `feed add-version`.
std::vector<OptionSpec> feed_version_options();
// Overwrites the fields of `v` given on the command line. An --endpoint without --protocol sets the
// protocol to the endpoint's URL scheme. Throws UsageError on a malformed value.
void apply_feed_version_flags(const po::variables_map &vm, registry::FeedVersion &v);
// --feed, --env, --raw, --normalized, --endpoint, and `--<scheme>-endpoint URL` for every scheme a storage
// plugin's manifest provides (read without loading the plugin).
std::vector<OptionSpec> data_source_options(Context &ctx);

inline void append(std::vector<OptionSpec> &to, OptionSpec option) { to.push_back(std::move(option)); }
inline void append(std::vector<OptionSpec> &to, std::vector<OptionSpec> options) {
  for (auto &option : options) to.push_back(std::move(option));
}

// `base` followed by each of `more` (an option or a list of them), in order:
// `with(data_source_options(ctx), option("date", ...), output_option())`.
template <typename... More> std::vector<OptionSpec> with(std::vector<OptionSpec> base, More &&...more) {
  (append(base, std::forward<More>(more)), ...);
  return base;
}

} // namespace ssmd
