// `ssmd validate --format sarif` against the shape SARIF 2.1.0 requires of what code-scanning services read,
// and the rule table ssmd promises: every rule a result names is described (`shortDescription`) and linked
// (`helpUri`): a host rule to its page in docs/rules/, a plugin's rule to the documentation its manifest names.
#include "plugin_env.hpp"

#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

#include <fstream>
#include <map>
#include <set>

using namespace ssmd::test;
using ssmd::strict_json::Json;
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
std::map<std::string, const Json *> check_shape(const Json &root) {
  std::map<std::string, const Json *> rules;
  EXPECT_EQ(root.at("version"), "2.1.0");
  EXPECT_EQ(root.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  const Json &runs = root.at("runs");
  EXPECT_TRUE(runs.is_array() && runs.size() == 1);
  if (!runs.is_array() || runs.empty()) return rules;
  const Json &run = runs[0];
  const Json &driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "ssmd");
  EXPECT_TRUE(driver.at("informationUri").get<std::string>().starts_with("https://"));
  const Json &list = driver.at("rules");
  EXPECT_TRUE(list.is_array());
  for (const auto &rule : list) {
    const std::string id = rule.at("id").get<std::string>();
    EXPECT_TRUE(rules.emplace(id, &rule).second) << "rule " << id << " is described twice";
    EXPECT_FALSE(rule.at("shortDescription").at("text").get<std::string>().empty()) << id;
    const std::string help = rule.at("helpUri").get<std::string>();
    EXPECT_TRUE(help.starts_with("https://") && help.find(' ') == std::string::npos) << id;
    if (rule.contains("defaultConfiguration")) {
      const std::string level = rule.at("defaultConfiguration").at("level").get<std::string>();
      EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << id << ": " << level;
    }
  }
  const Json &results = run.at("results");
  EXPECT_TRUE(results.is_array());
  for (const auto &result : results) {
    const std::string id = result.at("ruleId").get<std::string>();
    const Json &index = result.at("ruleIndex");
    EXPECT_TRUE(index.is_number_unsigned() && index.get<size_t>() < list.size() && list[index.get<size_t>()].at("id") == id)
        << "ruleIndex of " << id << " points at another rule";
    const std::string level = result.at("level").get<std::string>();
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
    EXPECT_FALSE(result.at("message").at("text").get<std::string>().empty());
    const Json &location = result.at("locations").at(0).at("physicalLocation");
    EXPECT_FALSE(location.at("artifactLocation").at("uri").get<std::string>().starts_with("/"));
    EXPECT_EQ(location.at("artifactLocation").at("uriBaseId"), "%SRCROOT%");
    if (location.contains("region")) {
      EXPECT_GE(location.at("region").at("startLine").get<uint64_t>(), 1u);
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
  Json root;
  ASSERT_FALSE(ssmd::strict_json::parse(sarif.out, root)) << sarif.out;
  auto rules = check_shape(root);

  // The host rules, each linked to its page.
  ASSERT_TRUE(rules.count("feed/unknown-key"));
  const Json &unknown_key = *rules["feed/unknown-key"];
  EXPECT_EQ(unknown_key.at("helpUri"), "https://github.com/ssmd/ssmd/blob/main/docs/rules/feed/unknown-key.md");
  EXPECT_EQ(unknown_key.at("defaultConfiguration").at("level"), "warning");
  EXPECT_EQ(unknown_key.at("properties").at("category"), "structure");
  EXPECT_TRUE(rules.count("plugin/missing") && rules.count("schema/false-compatibility-claim"));

  // The plugin's rule the result names, described as `ssmd rules list` describes it.
  ASSERT_TRUE(rules.count("kalshi/endpoint-host")) << sarif.out;
  const Json &kalshi = *rules["kalshi/endpoint-host"];
  EXPECT_EQ(kalshi.at("helpUri"), "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md");
  EXPECT_EQ(kalshi.at("properties").at("plugin"), "feed-kalshi");
  EXPECT_EQ(kalshi.at("properties").at("category"), "endpoint");
  EXPECT_EQ(kalshi.at("defaultConfiguration").at("level"), "error");
  auto listed = env.run({"rules", "list", "--output", "json"});
  Json catalogue;
  ASSERT_FALSE(ssmd::strict_json::parse(listed.out, catalogue));
  for (const auto &rule : catalogue) {
    if (rule.at("id") == "kalshi/endpoint-host") {
      EXPECT_EQ(kalshi.at("shortDescription").at("text"), rule.at("purpose"));
    }
  }

  std::set<std::string> reported;
  for (const auto &result : root.at("runs").at(0).at("results")) reported.insert(result.at("ruleId").get<std::string>());
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
  Json root;
  ASSERT_FALSE(ssmd::strict_json::parse(sarif.out, root)) << sarif.out;
  auto rules = check_shape(root);
  ASSERT_TRUE(rules.count("faulty/calm")) << sarif.out;
  const Json &calm = *rules["faulty/calm"];
  EXPECT_EQ(calm.at("shortDescription").at("text"),
            "A rule no installed plugin lists; `ssmd rules list` shows every rule the plugins describe.");
  EXPECT_EQ(calm.at("helpUri"), "https://github.com/ssmd/ssmd/blob/main/docs/rules/README.md");
  EXPECT_FALSE(calm.contains("defaultConfiguration"));
}
