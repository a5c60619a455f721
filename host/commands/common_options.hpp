// Options several commands share, as data (cli/command_spec.hpp). What each one's value means is read where it
// is used: registry/command_support.hpp (--as-of, --at), registry/feed_edit.hpp (the version flags),
// data/data_source.hpp (where data lives), schema/format_plugin.hpp (--import-path).
#pragma once

#include "cli/command_spec.hpp"

#include <utility>
#include <vector>

namespace ssmd {

class Context;

// --as-of DATE: answer as of a calendar date.
OptionSpec as_of_option();
// --at REF: read the metadata as of a commit instead of the working tree.
OptionSpec at_option();
// --import-path DIR (repeatable): directories the schema-format plugin searches for imported files.
OptionSpec import_path_option();
// The flags that set a feed version's fields, shared by `feed create` and `feed add-version`.
std::vector<OptionSpec> feed_version_options();
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
