// The secrets-env plugin through its C ABI: offline checks of `source: env` keys, run-time resolution from
// the process environment, and the variable names the host uses for `env run`.
#include "plugin_harness.hpp"
#include "secret_calls.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

using namespace ssmd::test;

namespace {

const std::string kCanaryKey = "canary-key-7f3a9c1e";
const std::string kCanarySecret = "canary-secret-0b5d2e84";

class SecretsEnv : public ::testing::Test {
protected:
  // Loaded in SetUp, not SetUpTestSuite: a load failure there would mark the tests skipped, not failed.
  void SetUp() override {
    if (!plugin_) plugin_ = new LoadedPlugin("secrets-env");
    backend_ = plugin_->secret_backend("env");
    ASSERT_NE(backend_, nullptr);
  }
  void TearDown() override {
    for (const auto &name : set_) unsetenv(name.c_str());
  }
  void set(const std::string &name, const std::string &value) {
    setenv(name.c_str(), value.c_str(), 1);
    set_.insert(name);
  }
  const ssmd_host *host() const { return plugin_->host(); }

  static LoadedPlugin *plugin_;
  const ssmd_secret_backend *backend_ = nullptr;
  std::set<std::string> set_;
};
LoadedPlugin *SecretsEnv::plugin_ = nullptr;

const char *kPlainKey = "type: api_key\nrequired: true\nfields: [api_key, api_secret]\nsource: env\nrotation_days: 90\n";

} // namespace

TEST_F(SecretsEnv, ManifestDeclaresTheEnvPrefix) {
  EXPECT_STREQ(std::string(plugin_->plugin().name.data, plugin_->plugin().name.size).c_str(), "secrets-env");
  EXPECT_EQ(plugin_->plugin().secret_backend_count, 1u);
}

TEST_F(SecretsEnv, CheckAcceptsAPlainEnvKey) {
  ssmd_status status;
  auto out = check(backend_, host(), KeyRequest(kPlainKey), &status);
  EXPECT_EQ(status, SSMD_OK) << out.dump();
  EXPECT_TRUE(out.findings.empty()) << out.dump();
}

TEST_F(SecretsEnv, CheckRejectsASourceWithAPath) {
  ssmd_status status;
  auto out = check(backend_, host(), KeyRequest("fields: [api_key]\nsource: env/kalshi\n"), &status);
  EXPECT_EQ(status, SSMD_FAILED);
  ASSERT_TRUE(has_finding(out, "env/source", {"`kalshi`", "`kalshi-dev`", "source: env"})) << out.dump();
  EXPECT_EQ(out.find("env/source")->path, "source");
}

TEST_F(SecretsEnv, CheckAcceptsVariablesNamedPerField) {
  auto out = check(backend_, host(),
                   KeyRequest("fields: [api_key, api_secret]\nsource: env\nenv: {api_key: KALSHI_KEY, api_secret: _S2}\n"));
  EXPECT_TRUE(out.findings.empty()) << out.dump();
}

TEST_F(SecretsEnv, CheckRejectsAnInvalidVariableName) {
  auto out = check(backend_, host(), KeyRequest("fields: [api_key]\nsource: env\nenv: {api_key: 1KALSHI-KEY}\n"));
  ASSERT_TRUE(has_finding(out, "secrets/variable-name", {"`kalshi`", "`kalshi-dev`", "[A-Za-z_]"})) << out.dump();
  EXPECT_EQ(out.find("secrets/variable-name")->path, "env.api_key");
}

TEST_F(SecretsEnv, CheckRejectsAVariableForAnUnlistedField) {
  auto out = check(backend_, host(), KeyRequest("fields: [api_key]\nsource: env\nenv: {api_sekret: KALSHI_SECRET}\n"));
  ASSERT_TRUE(has_finding(out, "secrets/variable-name", {"`api_sekret`", "does not list"})) << out.dump();
}

TEST_F(SecretsEnv, CheckRejectsOneVariableForTwoFields) {
  auto out = check(backend_, host(), KeyRequest("fields: [a, b]\nsource: env\nenv: {a: SAME, b: SAME}\n"));
  ASSERT_TRUE(has_finding(out, "secrets/variable-name", {"`SAME`", "two fields"})) << out.dump();
  EXPECT_EQ(out.find("secrets/variable-name")->path, "env.b");
}

TEST_F(SecretsEnv, CheckRejectsAnEnvEntryThatIsNotAMap) {
  auto out = check(backend_, host(), KeyRequest("fields: [a]\nsource: env\nenv: [A]\n"));
  EXPECT_TRUE(out.has_rule("secrets/variable-name")) << out.dump();
}

TEST_F(SecretsEnv, CheckRejectsMissingOrMalformedFields) {
  auto none = check(backend_, host(), KeyRequest("source: env\n"));
  EXPECT_TRUE(has_finding(none, "secrets/fields", {"`kalshi`", "`kalshi-dev`"})) << none.dump();
  auto bad = check(backend_, host(), KeyRequest("fields: [api_key, 'api key', api_key]\nsource: env\n"));
  EXPECT_EQ(bad.errors(), 2u) << bad.dump();
  EXPECT_EQ(bad.findings.at(0).path, "fields[1]");
  EXPECT_EQ(bad.findings.at(1).path, "fields[2]");
}

TEST_F(SecretsEnv, ResolveReadsTheDefaultVariables) {
  set("SSMD_KALSHI_API_KEY", kCanaryKey);
  set("SSMD_KALSHI_API_SECRET", kCanarySecret);
  auto r = resolve(backend_, host(), KeyRequest(kPlainKey));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
  EXPECT_EQ(r.order, (std::vector<std::string>{"api_key", "api_secret"}));
  EXPECT_TRUE(r.diagnostics.findings.empty());
}

TEST_F(SecretsEnv, ResolveFollowsTheEnvMap) {
  set("KALSHI_KEY", kCanaryKey);
  set("SSMD_KALSHI_API_SECRET", kCanarySecret);
  set("SSMD_KALSHI_API_KEY", "the-default-must-not-win");
  auto r = resolve(backend_, host(), KeyRequest("fields: [api_key, api_secret]\nsource: env\nenv: {api_key: KALSHI_KEY}\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
}

TEST_F(SecretsEnv, ResolveReportsAMissingFieldByPathAndNeverItsNeighboursValue) {
  set("SSMD_KALSHI_API_KEY", kCanaryKey);
  unsetenv("SSMD_KALSHI_API_SECRET");
  auto r = resolve(backend_, host(), KeyRequest(kPlainKey));
  EXPECT_EQ(r.status, SSMD_FAILED);
  const auto *missing = r.diagnostics.find("secrets/missing-field");
  ASSERT_NE(missing, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(missing->path, "fields[1]");
  EXPECT_EQ(missing->severity, SSMD_SEVERITY_ERROR);
  EXPECT_NE(missing->message.find("SSMD_KALSHI_API_SECRET"), std::string::npos) << missing->message;
  EXPECT_NE(missing->message.find("`kalshi-dev`"), std::string::npos) << missing->message;
  EXPECT_EQ(r.diagnostics.errors(), 1u) << r.diagnostics.dump();
  expect_no_canary(all_text(r.diagnostics), {kCanaryKey}, "diagnostics");
}

TEST_F(SecretsEnv, ResolveTreatsAnEmptyVariableAsMissing) {
  set("SSMD_KALSHI_API_KEY", "");
  set("SSMD_KALSHI_API_SECRET", kCanarySecret);
  auto r = resolve(backend_, host(), KeyRequest(kPlainKey));
  EXPECT_EQ(r.status, SSMD_FAILED);
  ASSERT_TRUE(has_finding(r.diagnostics, "secrets/missing-field", {"empty", "SSMD_KALSHI_API_KEY"}))
      << r.diagnostics.dump();
  EXPECT_EQ(r.diagnostics.find("secrets/missing-field")->path, "fields[0]");
  expect_no_canary(all_text(r.diagnostics), {kCanarySecret}, "diagnostics");
}

TEST_F(SecretsEnv, ResolveOfAnOptionalKeyWarnsInsteadOfFailing) {
  unsetenv("SSMD_KALSHI_API_KEY");
  auto r = resolve(backend_, host(), KeyRequest("required: false\nfields: [api_key]\nsource: env\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  ASSERT_TRUE(r.diagnostics.has_rule("secrets/missing-field"));
  EXPECT_EQ(r.diagnostics.find("secrets/missing-field")->severity, SSMD_SEVERITY_WARNING);
  EXPECT_TRUE(r.values.empty());
}

TEST_F(SecretsEnv, ResolveRefusesAMalformedKeyWithoutReadingAnything) {
  set("SSMD_KALSHI_API_KEY", kCanaryKey);
  auto r = resolve(backend_, host(), KeyRequest("fields: [api_key]\nsource: env/x\n"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(r.values.empty());
  EXPECT_TRUE(r.diagnostics.has_rule("env/source"));
  expect_no_canary(all_text(r.diagnostics), {kCanaryKey}, "diagnostics");
}

TEST_F(SecretsEnv, VariableNameIsUpperCasedWithNonAlphanumericsAsUnderscores) {
  EXPECT_EQ(variable_name(backend_, host(), KeyRequest(kPlainKey), "api_key"), "SSMD_KALSHI_API_KEY");
  KeyRequest dotted("fields: [api-key.v2]\nsource: env\n", "kalshi-dev", "kalshi-prod");
  EXPECT_EQ(variable_name(backend_, host(), dotted, "api-key.v2"), "SSMD_KALSHI_PROD_API_KEY_V2");
}

TEST_F(SecretsEnv, VariableNameHonoursTheEnvMap) {
  KeyRequest named("fields: [api_key, api_secret]\nsource: env\nenv: {api_key: KALSHI_KEY}\n");
  EXPECT_EQ(variable_name(backend_, host(), named, "api_key"), "KALSHI_KEY");
  EXPECT_EQ(variable_name(backend_, host(), named, "api_secret"), "SSMD_KALSHI_API_SECRET");
}
