// `ssmd validate --format sarif` against the shape SARIF 2.1.0 requires of what code-scanning services read,
// and the rule table ssmd promises: every rule a result names is described (`shortDescription`) and linked
// (`helpUri`): a host rule to its page in docs/rules/, a plugin's rule to the documentation its manifest names.
#include "plugin_env.hpp"

#include "core/json_parse.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

using namespace ssmd::test;
using ssmd::json::Node;
namespace fs = std::filesystem;

namespace {

const char *kKalshiFeed = R"(name: kalshi
display_name: Kalshi
type: websocket
status: active
versions:
  - version: v2
    effective_from: 2025-01-01
    protocol: wss
    endpoint: wss://evil.example.com/trade-api/ws/v2
    auth_method: api_key
    rate_limit_per_second: 10
    max_symbols_per_connection: 100
    supports_orderbook: true
    supports_trades: true
    suports_trades: true
calendar:
  timezone: America/New_York
)";

// Checks what SARIF 2.1.0 requires of the parts ssmd writes, and returns the run's rules by id.
std::map<std::string, const Node *> check_shape(const Node &root) {
  std::map<std::string, const Node *> rules;
  EXPECT_EQ(root.get("version")->text, "2.1.0");
  EXPECT_EQ(root.get("$schema")->text, "https://json.schemastore.org/sarif-2.1.0.json");
  const Node *runs = root.get("runs");
  EXPECT_TRUE(runs && runs->is(Node::Kind::Array) && runs->items.size() == 1);
  if (!runs || runs->items.empty()) return rules;
  const Node &run = runs->items[0];
  const Node *driver = run.get("tool")->get("driver");
  EXPECT_EQ(driver->get("name")->text, "ssmd");
  EXPECT_TRUE(driver->get("informationUri")->text.starts_with("https://"));
  const Node *list = driver->get("rules");
  EXPECT_TRUE(list && list->is(Node::Kind::Array));
  for (const auto &rule : list->items) {
    const std::string id = rule.get("id")->text;
    EXPECT_TRUE(rules.emplace(id, &rule).second) << "rule " << id << " is described twice";
    const Node *description = rule.get("shortDescription");
    EXPECT_TRUE(description && description->get("text") && !description->get("text")->text.empty()) << id;
    const Node *help = rule.get("helpUri");
    EXPECT_TRUE(help && help->text.starts_with("https://") && help->text.find(' ') == std::string::npos) << id;
    if (const Node *config = rule.get("defaultConfiguration")) {
      const std::string level = config->get("level")->text;
      EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << id << ": " << level;
    }
  }
  const Node *results = run.get("results");
  EXPECT_TRUE(results && results->is(Node::Kind::Array));
  for (const auto &result : results->items) {
    const std::string id = result.get("ruleId")->text;
    const auto index = result.get("ruleIndex")->as_uint();
    EXPECT_TRUE(index && *index < list->items.size() && list->items[*index].get("id")->text == id)
        << "ruleIndex of " << id << " points at another rule";
    const std::string level = result.get("level")->text;
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
    EXPECT_FALSE(result.get("message")->get("text")->text.empty());
    const Node *location = result.get("locations")->items.at(0).get("physicalLocation");
    EXPECT_FALSE(location->get("artifactLocation")->get("uri")->text.starts_with("/"));
    EXPECT_EQ(location->get("artifactLocation")->get("uriBaseId")->text, "%SRCROOT%");
    if (const Node *region = location->get("region")) {
      EXPECT_GE(region->get("startLine")->as_uint().value_or(0), 1u);
    }
  }
  return rules;
}

} // namespace

TEST(ValidateSarif, DescribesAndLinksEveryRuleItReportsPluginRulesIncluded) {
  PluginEnv env;
  fs::create_directories(env.repo() / "exchanges" / "feeds");
  std::ofstream(env.repo() / "exchanges" / "feeds" / "kalshi.yaml") << kKalshiFeed;
  auto sarif = env.run({"validate", "--no-cache", "--format", "sarif"});
  EXPECT_EQ(sarif.exit_code, 1) << sarif.out << sarif.err;
  Node root;
  ASSERT_FALSE(ssmd::json::parse(sarif.out, root)) << sarif.out;
  auto rules = check_shape(root);

  // The host rules, each linked to its page.
  ASSERT_TRUE(rules.count("feed/unknown-key"));
  EXPECT_EQ(rules["feed/unknown-key"]->get("helpUri")->text,
            "https://github.com/ssmd/ssmd/blob/main/docs/rules/feed/unknown-key.md");
  EXPECT_EQ(rules["feed/unknown-key"]->get("defaultConfiguration")->get("level")->text, "warning");
  EXPECT_EQ(rules["feed/unknown-key"]->get("properties")->get("category")->text, "structure");
  EXPECT_TRUE(rules.count("plugin/missing") && rules.count("schema/false-compatibility-claim"));

  // The plugin's rule the result names, described as `ssmd rules list` describes it.
  ASSERT_TRUE(rules.count("kalshi/endpoint-host")) << sarif.out;
  const Node &kalshi = *rules["kalshi/endpoint-host"];
  EXPECT_EQ(kalshi.get("helpUri")->text, "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md");
  EXPECT_EQ(kalshi.get("properties")->get("plugin")->text, "feed-kalshi");
  EXPECT_EQ(kalshi.get("properties")->get("category")->text, "endpoint");
  EXPECT_EQ(kalshi.get("defaultConfiguration")->get("level")->text, "error");
  auto listed = env.run({"rules", "list", "--output", "json"});
  Node catalogue;
  ASSERT_FALSE(ssmd::json::parse(listed.out, catalogue));
  for (const auto &rule : catalogue.items) {
    if (rule.get("id")->text == "kalshi/endpoint-host") {
      EXPECT_EQ(kalshi.get("shortDescription")->get("text")->text, rule.get("purpose")->text);
    }
  }

  std::set<std::string> reported;
  for (const auto &result : root.get("runs")->items[0].get("results")->items) reported.insert(result.get("ruleId")->text);
  EXPECT_TRUE(reported.count("kalshi/endpoint-host") && reported.count("feed/unknown-key")) << sarif.out;
}

// A plugin may report a rule it lists nowhere: SARIF still describes and links it, saying so.
TEST(ValidateSarif, ARuleNoPluginListsStillHasADescriptionAndALink) {
  PluginEnv env;
  env.add("faulty", "test-faulty");
  std::string feed = kKalshiFeed;
  feed.replace(feed.find("name: kalshi"), 12, "name: calm");
  feed.replace(feed.find("    suports_trades: true\n"), 25, "");
  fs::create_directories(env.repo() / "exchanges" / "feeds");
  std::ofstream(env.repo() / "exchanges" / "feeds" / "calm.yaml") << feed;
  auto sarif = env.run({"validate", "--no-cache", "--format", "sarif"});
  EXPECT_EQ(sarif.exit_code, 0) << sarif.out << sarif.err;
  Node root;
  ASSERT_FALSE(ssmd::json::parse(sarif.out, root)) << sarif.out;
  auto rules = check_shape(root);
  ASSERT_TRUE(rules.count("faulty/calm")) << sarif.out;
  EXPECT_EQ(rules["faulty/calm"]->get("shortDescription")->get("text")->text,
            "A rule no installed plugin lists; `ssmd rules list` shows every rule the plugins describe.");
  EXPECT_EQ(rules["faulty/calm"]->get("helpUri")->text, "https://github.com/ssmd/ssmd/blob/main/docs/rules/README.md");
  EXPECT_EQ(rules["faulty/calm"]->get("defaultConfiguration"), nullptr);
}
