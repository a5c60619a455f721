// The host's rule catalogue (host/validate/host_rules.cpp): the core rules and validation's own, each with a
// severity, a category and its page.
#include "plugins/plugin_rules.hpp"
#include "registry/check.hpp"
#include "validate/host_rules.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace ssmd;

TEST(HostRules, EveryRuleIsWellFormedSortedAndLinkedToItsPage) {
  const auto &rules = validate::host_rules();
  const std::set<std::string> categories = {"file",      "structure", "reference", "time",
                                            "lifecycle", "integrity", "settings",  "plugin"};
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto &rule = rules[i];
    SCOPED_TRACE(rule.id);
    if (i > 0) {
      EXPECT_LT(rules[i - 1].id, rule.id) << "sorted, each id once";
    }
    EXPECT_TRUE(is_valid_rule_id(rule.id));
    ASSERT_TRUE(rule.severity);
    EXPECT_NE(*rule.severity, Severity::Info);
    EXPECT_TRUE(categories.count(rule.category)) << rule.category;
    EXPECT_TRUE(rule.purpose.ends_with(".")) << rule.purpose;
    EXPECT_EQ(rule.help_uri, "https://github.com/ssmd/ssmd/blob/main/docs/rules/" + rule.id + ".md");
    EXPECT_TRUE(rule.plugin.empty());
  }
}

TEST(HostRules, HoldTheCoreRulesAndValidationsOwn) {
  std::set<std::string> ids;
  for (const auto &rule : validate::host_rules()) ids.insert(rule.id);
  for (const auto &rule : registry::core_rules()) EXPECT_TRUE(ids.count(std::string(rule.id))) << rule.id;
  for (const char *id :
       {"plugin/exception", "plugin/failed", "plugin/missing", "plugin/unavailable", "schema/false-compatibility-claim"})
    EXPECT_TRUE(ids.count(id)) << id;
  EXPECT_EQ(ids.size(), registry::core_rules().size() + 5);
}
