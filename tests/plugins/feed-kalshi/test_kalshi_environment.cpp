// Kalshi environment rules: the signing key's fields, and production/demo intent against the feed's hosts.
#include "kalshi_test_support.hpp"

using namespace ssmd::test;

namespace {

// An environment named `name` with the given `keys:` block (YAML, indented by two).
std::string env_yaml(const std::string &name, const std::string &keys) {
  return "name: " + name + "\nfeed: kalshi\nschema: trade:v1\n" + keys +
         "transport: { type: nats, url: \"nats://localhost:4222\" }\n";
}

std::string kalshi_key(const std::string &name = "kalshi", const std::string &fields = "[key_id, private_key]",
                       const std::string &source = "env") {
  return "keys:\n  " + name + ":\n    type: api_key\n    required: true\n    fields: " + fields +
         "\n    source: " + source + "\n    rotation_days: 90\n";
}

std::string production_feed() { return kalshi_ws_feed(kalshi_ws_version()); }
std::string demo_feed() {
  return kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://demo-api.kalshi.co/trade-api/ws/v2"));
}

} // namespace

// ---- kalshi/env-key-fields -----------------------------------------------------------------------------
// The collector, not Kalshi, decides which field names it reads: names the plugin does not recognise are a
// warning that says which it knows, and the environment passes.
TEST_F(KalshiTest, EnvKeyFieldsWarnsAboutTheGenericApiKeyAndSecretPair) {
  check_env(env_yaml("kalshi-dev", kalshi_key("kalshi", "[api_key, api_secret]")), production_feed());
  expect_only(c, "kalshi/env-key-fields", "keys.kalshi.fields");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("`key_id`, `private_key`"), std::string::npos) << c.dump();
  EXPECT_NE(c.findings[0].message.find("RSA-PSS"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(KalshiTest, EnvKeyFieldsNamesOnlyTheMissingField) {
  check_env(env_yaml("kalshi-dev", kalshi_key("kalshi", "[key_id]")), production_feed());
  expect_only(c, "kalshi/env-key-fields", "keys.kalshi.fields");
  EXPECT_NE(c.findings[0].message.find("has no `private_key`;"), std::string::npos) << c.dump();
}

// An environment may be created before its keys are declared.
TEST_F(KalshiTest, EnvKeyFieldsWarnsWhenThereIsNoKeyYet) {
  check_env(env_yaml("kalshi-dev", ""), production_feed());
  expect_only(c, "kalshi/env-key-fields", "keys");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(KalshiTest, EnvKeyFieldsBlamesTheKeyNamedAfterTheExchange) {
  std::string keys = "keys:\n  market_data:\n    fields: [key_id]\n  kalshi:\n    fields: [token]\n";
  check_env(env_yaml("kalshi-dev", keys), production_feed());
  expect_only(c, "kalshi/env-key-fields", "keys.kalshi.fields");
}

TEST_F(KalshiTest, EnvKeyFieldsAcceptsAnyKeyThatCarriesBothFields) {
  check_env(env_yaml("kalshi-dev", kalshi_key()), production_feed());
  std::string two = "keys:\n  nats:\n    fields: [token]\n  trading:\n    fields: [private_key, key_id, note]\n";
  check_env(env_yaml("kalshi-dev", two), production_feed());
  expect_clean(c);
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(KalshiTest, EnvKeyFieldsNeedsNoKeyForAPublicRestFeed) {
  check_env(env_yaml("kalshi-dev", ""), kalshi_rest_feed(kalshi_rest_version()));
  expect_clean(c);
}

TEST_F(KalshiTest, EnvKeyFieldsNeedsAKeyForASignedRestFeed) {
  check_env(env_yaml("kalshi-dev", ""), kalshi_rest_feed(kalshi_rest_version().set("auth_method", "api_key")));
  expect_only(c, "kalshi/env-key-fields", "keys");
}

// ---- kalshi/env-host-mismatch --------------------------------------------------------------------------
TEST_F(KalshiTest, EnvHostMismatchWarnsWhenAProductionEnvironmentUsesADemoHost) {
  check_env(env_yaml("kalshi-prod", kalshi_key()), demo_feed());
  expect_only(c, "kalshi/env-host-mismatch", "name");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING);
  EXPECT_NE(c.findings[0].message.find("demo-api.kalshi.co"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK); // a warning fails only under --strict, which is the host's business
}

TEST_F(KalshiTest, EnvHostMismatchWarnsWhenADemoEnvironmentUsesAProductionHost) {
  check_env(env_yaml("kalshi-demo", kalshi_key()), production_feed());
  expect_only(c, "kalshi/env-host-mismatch", "name");
}

TEST_F(KalshiTest, EnvHostMismatchWarnsWhenTheKeyNameSaysProduction) {
  check_env(env_yaml("kalshi-ci", kalshi_key("kalshi_production")), demo_feed());
  expect_only(c, "kalshi/env-host-mismatch", "keys.kalshi_production");
}

TEST_F(KalshiTest, EnvHostMismatchWarnsWhenTheKeySourceSaysProduction) {
  check_env(env_yaml("kalshi-ci", kalshi_key("kalshi", "[key_id, private_key]", "vault/secret/kalshi/prod")),
            demo_feed());
  expect_only(c, "kalshi/env-host-mismatch", "keys.kalshi.source");
}

TEST_F(KalshiTest, EnvHostMismatchWarnsAboutALaterVersionOnTheOtherTier) {
  Version later = kalshi_ws_version().set("version", "v3").set(
      "endpoint", "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2");
  check_env(env_yaml("kalshi-prod", kalshi_key()), feed_yaml("kalshi", "websocket", {kalshi_ws_version(), later}));
  expect_only(c, "kalshi/env-host-mismatch", "name");
  EXPECT_NE(c.findings[0].message.find("version `v3`"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EnvHostMismatchAcceptsMatchingOrSilentNames) {
  check_env(env_yaml("kalshi-prod", kalshi_key()), production_feed());
  check_env(env_yaml("kalshi-production", kalshi_key("kalshi_prod")), production_feed());
  check_env(env_yaml("kalshi-demo", kalshi_key()), demo_feed());
  check_env(env_yaml("kalshi-dev", kalshi_key()), demo_feed());
  check_env(env_yaml("kalshi-product-team", kalshi_key()), demo_feed()); // "product" is not "prod"
  check_env(env_yaml("prod-demo-bridge", kalshi_key()), demo_feed());   // says both: says nothing
  expect_clean(c);
}
