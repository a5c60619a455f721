// The rules a loaded plugin lists: read out of the rule tables of its extension points, after checking that
// they are well formed (the tables of ABI 1.3, `ssmd_rule_table`, and the plain arrays of older plugins).
#pragma once

#include <ssmd/plugin.h>

#include <optional>
#include <string>
#include <vector>

namespace ssmd {

// One rule of a plugin, copied out of its table.
struct PluginRule {
  std::string id;
  std::optional<ssmd_severity> severity; // nullopt: listed in a table older than ABI 1.3, which has none
  std::string category;                  // empty when the plugin gives none
  std::string purpose;
  std::string source;
};

// What is wrong with a plugin's rule tables. `errors` make the host refuse the plugin; `warnings` are
// shown only by `ssmd plugin check` (a rule with no category, an extension point that lists no rules).
struct RuleTableReview {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// Checks every rule table of `plugin`, whose extension tables verify_plugin_table() has already accepted:
// sizes sane, ids `family/name` and unique within a table, severities valid, text printable UTF-8, and an id
// listed by two extension points described the same way by both.
RuleTableReview review_rule_tables(const ssmd_plugin &plugin);

// Every rule `plugin` lists, each id once, sorted by id. Call only on a plugin whose review found no error.
std::vector<PluginRule> plugin_rules(const ssmd_plugin &plugin);

// Whether `id` has the shape of a rule id: '/'-separated segments of `[a-z0-9][a-z0-9_-]*`, at least two,
// at most 128 bytes in all.
bool is_valid_rule_id(std::string_view id);

} // namespace ssmd
