// The core integrity rules: everything that can be checked without a plugin.
//
// `ssmd validate` runs check_repository() first and then hands each file to the plugin that owns it
// (feed validator by `exchange:`, schema-format checker by `format:`, secret backend by key source);
// those checks are not here. Writing commands run the same rules on the repository they are about to
// produce and refuse changes that add errors (registry/change.hpp).
#pragma once

#include "registry/repository.hpp"

#include <string_view>
#include <vector>

namespace ssmd::registry {

struct RuleInfo {
  std::string_view id;       // "feed/overlapping-versions"; never reused
  Severity severity;         // the most severe level it reports (team settings may change it)
  std::string_view category; // "structure", "reference", ... (see check.cpp)
  std::string_view purpose;  // one sentence
};

// Every rule id the loader and the core rules can report, sorted by id.
const std::vector<RuleInfo> &core_rules();

// Loads everything and returns the loader's findings plus every core rule's, sorted by file, line, column.
Diagnostics check_repository(Repository &repo);

// The rules of one kind of file, for check_repository() and for tests.
void check_feed(const LoadedFeed &feed, Diagnostics &out);
void check_schema(Repository &repo, const LoadedSchema &schema, Diagnostics &out);
void check_environment(Repository &repo, const LoadedEnvironment &env, Diagnostics &out);
// Names against stems, duplicate names, orphan schema files.
void check_layout(Repository &repo, Diagnostics &out);
// The name rules of one file on its own (check_layout() without the rules that compare files): its name
// matches the pattern (repo/invalid-name) and equals its file stem (repo/name-mismatch).
void check_own_name(const LoadedFeed &feed, Diagnostics &out);
void check_own_name(const LoadedSchema &schema, Diagnostics &out);
void check_own_name(const LoadedEnvironment &env, Diagnostics &out);

// Whether /usr/share/zoneinfo (or $TZDIR) holds a TZif file of that name.
bool is_iana_timezone(std::string_view name);

} // namespace ssmd::registry
