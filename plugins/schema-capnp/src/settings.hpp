// The repository's configuration for this plugin, read from the host on every call:
//   capnp.import_paths:   directories searched for absolute imports (`import "/x/y.capnp"`), before the
//                         system include directory. Relative entries are repository directories read
//                         through the host (so they work at any git commit); absolute entries are on disk,
//                         and count only when a trusted layer (a flag, the user's own file) names them.
//   capnp.disabled_rules: lint rule ids the repository switches off.
#pragma once

#include "file_set.hpp"
#include "report.hpp"

#include <ssmd/plugin.hpp>

#include <set>
#include <string>
#include <vector>

namespace ssmd::capnp_schema {

// Where `/capnp/...` imports come from when nothing else provides them.
inline constexpr std::string_view k_system_include_dir = "/usr/include";

struct Settings {
  std::vector<ImportDir> import_dirs; // in search order; the system include directory comes last
  std::set<std::string, std::less<>> disabled_rules;
  std::vector<std::string> problems; // one sentence per malformed entry, for rule::config
};

Settings read_settings(const ssmd::Host &host);

} // namespace ssmd::capnp_schema
