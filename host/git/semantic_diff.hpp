// What a change to one metadata file means, in the words an operator uses:
//
//   feed <name>: + version v3 (effective 2025-07-01)     feed <name>: - version v1
//   feed <name>: v2 endpoint changed                     feed <name>: status active → deprecated
//   schema <name>: + version v3 (draft)                  schema <name>: v2 draft → active
//   environment <name>: schema trade:v1 → trade:v2       environment <name>: feed a → b
//   environment <name>: + key k                          feed <name>: created / deleted
//   schema file <file>: added / modified / deleted       feed <name>: modified (display_name)
//
// Both sides are parsed with host/yaml/document.hpp and compared by meaning (key order, quoting and
// comments do not count). Anything the rules do not describe ends in the generic "modified (<keys>)".
// Works on bytes alone and knows nothing of the registry model, so it serves the working tree, the
// index and any two commits alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::git {

// The summary lines for `path` (relative to the ssmd root) going from `before` to `after`; nullopt means
// the file does not exist on that side. Empty when both sides hold the same bytes.
std::vector<std::string> summarize_change(std::string_view path, const std::optional<std::string> &before,
                                          const std::optional<std::string> &after);

} // namespace ssmd::git
