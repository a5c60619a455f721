// The Kalshi plugin as a whole: its manifest and rule table, its README, the bundled fixtures, and odd shapes.
#include "kalshi_test_support.hpp"

#include <map>
#include <regex>

using namespace ssmd::test;

namespace {

const std::set<std::string> k_rule_ids = {
    "kalshi/feed-type",     "kalshi/endpoint-scheme",  "kalshi/endpoint-host",    "kalshi/endpoint-path",
    "kalshi/auth-method",   "kalshi/channel-unknown",  "kalshi/channel-legacy",   "kalshi/channels-websocket-only",
    "kalshi/rate-limit",    "kalshi/rate-limit-tier",  "kalshi/env-key-fields",   "kalshi/env-host-mismatch",
};

std::string from(ssmd_str s) { return std::string(s.data, s.size); }

} // namespace

TEST_F(KalshiTest, ManifestInTheLibraryNamesTheFeedItProvides) {
  std::string bytes = read_file(build_dir() / "plugins" / "feed-kalshi.so");
  EXPECT_NE(bytes.find("ssmd-manifest 2\nname feed-kalshi\nversion 0.1.0\nabi 1.4\nurl "
                       "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md\nprovides feed kalshi\n"),
            std::string::npos);
}

TEST_F(KalshiTest, RulesAreListedWithPurposeAndKalshiDocumentationSource) {
  EXPECT_EQ(harness().rule_ids(), k_rule_ids);
  const ssmd_feed_validator &v = harness().validator();
  EXPECT_EQ(v.struct_size, sizeof(ssmd_feed_validator));
  ASSERT_NE(v.check_environment, nullptr);
  for (size_t i = 0; i < v.rule_count; ++i) {
    SCOPED_TRACE(from(v.rules[i].id));
    EXPECT_TRUE(from(v.rules[i].purpose).starts_with("Checks that") || from(v.rules[i].purpose).starts_with("Warns"));
    EXPECT_TRUE(from(v.rules[i].source).starts_with("https://docs.kalshi.com/"));
  }
  // The table of ABI 1.3 lists the same rules with their severity and category: a rule that only ever warns
  // says so, and so does one that can fail a run.
  ASSERT_NE(v.rule_table, nullptr);
  ASSERT_EQ(v.rule_table->rule_count, v.rule_count);
  std::map<std::string, ssmd_severity> severities;
  for (size_t i = 0; i < v.rule_table->rule_count; ++i) {
    const ssmd_rule &rule = *v.rule_table->rules[i];
    EXPECT_EQ(rule.struct_size, sizeof(ssmd_rule));
    EXPECT_FALSE(from(rule.category).empty()) << from(rule.id);
    severities[from(rule.id)] = rule.severity;
  }
  EXPECT_EQ(severities.at("kalshi/endpoint-host"), SSMD_SEVERITY_ERROR);
  EXPECT_EQ(severities.at("kalshi/rate-limit-tier"), SSMD_SEVERITY_WARNING);
  EXPECT_EQ(severities.at("kalshi/env-key-fields"), SSMD_SEVERITY_WARNING);
}

TEST_F(KalshiTest, ReadmeTableDocumentsExactlyTheRules) {
  std::string readme = read_file(source_dir() / "plugins" / "feed-kalshi" / "README.md");
  std::set<std::string> documented;
  std::regex row(R"(\n\| `(kalshi/[a-z0-9-]+)` \|[^\n]*\| https://docs\.kalshi\.com/[^\n]*\|)");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), row); it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1]);
  EXPECT_EQ(documented, k_rule_ids);
}

TEST_F(KalshiTest, BundledProductionFeedPassesClean) {
  EXPECT_EQ(check(fixture("feed-kalshi/fixtures/kalshi.yaml")), SSMD_OK);
  expect_clean(c);
}

TEST_F(KalshiTest, BundledDemoAndRestFeedsPassClean) {
  check(fixture("feed-kalshi/fixtures/kalshi-demo.yaml"));
  check(fixture("feed-kalshi/fixtures/kalshi-rest.yaml"));
  expect_clean(c);
}

TEST_F(KalshiTest, BundledEnvironmentsPassCleanWithTheirFeeds) {
  check_env(fixture("feed-kalshi/fixtures/environments/kalshi-prod.yaml"), fixture("feed-kalshi/fixtures/kalshi.yaml"));
  check_env(fixture("feed-kalshi/fixtures/environments/kalshi-demo.yaml"),
            fixture("feed-kalshi/fixtures/kalshi-demo.yaml"));
  expect_clean(c);
}

TEST_F(KalshiTest, BundledProductionEnvironmentOnTheDemoFeedIsWarned) {
  check_env(fixture("feed-kalshi/fixtures/environments/kalshi-prod.yaml"),
            fixture("feed-kalshi/fixtures/kalshi-demo.yaml"));
  expect_only(c, "kalshi/env-host-mismatch", "name");
}

TEST_F(KalshiTest, OddShapesAreSkippedWithoutThrowing) {
  const char *const documents[] = {
      "name: kalshi\ntype: websocket\nversions: {v1: {endpoint: x}}\n",
      "name: kalshi\ntype: websocket\nversions: [v1, [1, 2], ~]\n",
      "name: kalshi\ntype: [websocket]\nversions:\n  - endpoint: {host: x}\n    channels: [[trade], {a: b}]\n"
      "    rate_limit_per_second: [1]\n    rate_limit_tier: {a: 1}\n    protocol: [wss]\n",
      "[]\n",
      "just text\n",
  };
  for (const char *doc : documents) {
    Collector one;
    harness().check_feed(doc, one);
    harness().check_environment("name: x\nkeys: [a, b]\n", doc, one);
    harness().check_environment("keys: {kalshi: [key_id]}\n", doc, one);
    SCOPED_TRACE(doc);
    EXPECT_FALSE(one.has_rule("plugin/exception")) << one.dump();
    for (const auto &f : one.findings) EXPECT_TRUE(k_rule_ids.count(f.rule)) << one.dump();
  }
}
