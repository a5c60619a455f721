// Which files `ssmd log` follows: one definition's files, or all metadata.
#pragma once

#include "git/history.hpp"
#include "git/metadata_paths.hpp"
#include "git/workspace.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::git {

// "feed", "schema", "env" or "environment" as a definition kind; nullopt for any other word.
std::optional<DefinitionKind> parse_definition_kind(std::string_view word);

// Every metadata file: exchanges/ compared subtree by subtree, and the plugin lock.
HistoryFilter metadata_filter(const Workspace &ws);

// The files of one definition. A feed or an environment is its YAML file. A schema is its YAML file plus
// its definition files: those HEAD's YAML names (`schema_file`, `versions[].file`) and those named
// `<name>.<anything>` under exchanges/schemas/, the naming convention of `schema register`.
HistoryFilter definition_filter(const Workspace &ws, DefinitionKind kind, const std::string &name);

} // namespace ssmd::git
