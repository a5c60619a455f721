// The Polymarket plugin as a whole: manifest, rule table, README, environments, bundled fixtures, odd shapes.
#include "polymarket_test_support.hpp"

#include <regex>

using namespace ssmd::test;

namespace {

const std::set<std::string> k_rule_ids = {
    "polymarket/feed-type",       "polymarket/endpoint-scheme", "polymarket/endpoint-host",
    "polymarket/endpoint-path",   "polymarket/auth-method",     "polymarket/channel-unknown",
    "polymarket/channels-websocket-only", "polymarket/custom-feature", "polymarket/subscription-field",
    "polymarket/asset-id",        "polymarket/condition-id",    "polymarket/env-key-fields",
};

std::string from(ssmd_str s) { return std::string(s.data, s.size); }

std::string env_yaml(const std::string &keys) {
  return "name: polymarket-user\nfeed: polymarket-user\nschema: trade:v1\n" + keys;
}
std::string polymarket_key(const std::string &fields, const std::string &name = "polymarket") {
  return "keys:\n  " + name + ":\n    type: api_key\n    required: true\n    fields: " + fields +
         "\n    source: env\n";
}

} // namespace

TEST_F(PolymarketTest, ManifestInTheLibraryNamesTheFeedItProvides) {
  std::string bytes = read_file(build_dir() / "plugins" / "feed-polymarket.so");
  EXPECT_NE(bytes.find("ssmd-manifest 2\nname feed-polymarket\nversion 0.1.0\nabi 1.4\nurl https://github.com/"
                       "ssmd/ssmd/blob/main/plugins/feed-polymarket/README.md\nprovides feed polymarket\n"),
            std::string::npos);
}

TEST_F(PolymarketTest, RulesAreListedWithPurposeAndPolymarketDocumentationSource) {
  EXPECT_EQ(harness().rule_ids(), k_rule_ids);
  const ssmd_feed_validator &v = harness().validator();
  ASSERT_NE(v.check_environment, nullptr);
  for (size_t i = 0; i < v.rule_count; ++i) {
    SCOPED_TRACE(from(v.rules[i].id));
    EXPECT_TRUE(from(v.rules[i].purpose).starts_with("Checks that"));
    EXPECT_TRUE(from(v.rules[i].source).starts_with("https://docs.polymarket.com/"));
  }
}

TEST_F(PolymarketTest, ReadmeTableDocumentsExactlyTheRules) {
  std::string readme = read_file(source_dir() / "plugins" / "feed-polymarket" / "README.md");
  std::set<std::string> documented;
  std::regex row(R"(\n\| `(polymarket/[a-z0-9-]+)` \|[^\n]*\| https://docs\.polymarket\.com/[^\n]*\|)");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), row); it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1]);
  EXPECT_EQ(documented, k_rule_ids);
}

// ---- polymarket/env-key-fields -------------------------------------------------------------------------
// Warnings (docs/plugins.md): the collector decides which field names it reads.
TEST_F(PolymarketTest, EnvKeyFieldsWarnsAboutAKeyWithoutThePassphrase) {
  check_env(env_yaml(polymarket_key("[apiKey, secret]")), ws_feed(user_version()));
  expect_only(c, "polymarket/env-key-fields", "keys.polymarket.fields");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("has no `passphrase`;"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(PolymarketTest, EnvKeyFieldsWarnsAboutSnakeCaseNames) {
  check_env(env_yaml(polymarket_key("[api_key, secret, passphrase]")), ws_feed(user_version()));
  expect_only(c, "polymarket/env-key-fields", "keys.polymarket.fields");
  EXPECT_NE(c.findings[0].message.find("has no `apiKey`;"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, EnvKeyFieldsWarnsWithoutAKeyForTheUserChannel) {
  check_env(env_yaml(""), ws_feed(user_version()));
  expect_only(c, "polymarket/env-key-fields", "keys");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
}

TEST_F(PolymarketTest, EnvKeyFieldsRequiresAKeyForASignedClobFeed) {
  check_env(env_yaml(""), rest_feed(clob_version().set("auth_method", "api_key")));
  expect_only(c, "polymarket/env-key-fields", "keys");
}

TEST_F(PolymarketTest, EnvKeyFieldsAcceptsTheCredentialsOrNoKeyForPublicFeeds) {
  check_env(env_yaml(polymarket_key("[apiKey, secret, passphrase]")), ws_feed(user_version()));
  check_env(env_yaml(polymarket_key("[passphrase, secret, apiKey]", "clob_l2")), ws_feed(user_version()));
  check_env(env_yaml(""), ws_feed(market_version()));
  check_env(env_yaml(""), rest_feed(clob_version()));
  expect_clean(c);
  EXPECT_EQ(status, SSMD_OK);
}

// ---- fixtures and robustness ---------------------------------------------------------------------------
TEST_F(PolymarketTest, BundledMarketChannelFeedPassesClean) {
  EXPECT_EQ(check(fixture("feed-polymarket/fixtures/polymarket.yaml")), SSMD_OK);
  expect_clean(c);
}

TEST_F(PolymarketTest, BundledUserChannelAndClobFeedsPassClean) {
  check(fixture("feed-polymarket/fixtures/polymarket-user.yaml"));
  check(fixture("feed-polymarket/fixtures/polymarket-clob.yaml"));
  check_env(fixture("feed-polymarket/fixtures/environments/polymarket-user.yaml"),
            fixture("feed-polymarket/fixtures/polymarket-user.yaml"));
  expect_clean(c);
}

TEST_F(PolymarketTest, OddShapesAreSkippedWithoutThrowing) {
  const char *const documents[] = {
      "name: polymarket\ntype: websocket\nversions: {v1: {endpoint: x}}\n",
      "name: polymarket\ntype: websocket\nversions: [v1, [1, 2], ~]\n",
      "name: polymarket\ntype: [websocket]\nversions:\n  - endpoint: {host: x}\n    channels: [[book], {a: b}]\n"
      "    assets: {a: 1}\n    markets: [[0x1]]\n    custom_feature_enabled: [true]\n    auth_method: [none]\n",
      "[]\n",
      "just text\n",
  };
  for (const char *doc : documents) {
    Collector one;
    harness().check_feed(doc, one);
    harness().check_environment("name: x\nkeys: [a, b]\n", doc, one);
    harness().check_environment("keys: {polymarket: [apiKey]}\n", doc, one);
    SCOPED_TRACE(doc);
    EXPECT_FALSE(one.has_rule("plugin/exception")) << one.dump();
    for (const auto &f : one.findings) EXPECT_TRUE(k_rule_ids.count(f.rule)) << one.dump();
  }
}
