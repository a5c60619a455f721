// Resolving `vault/<mount>/<path>` keys against vault_server.js, which answers as Vault documents for KV v2
// (it is a local test server, not Vault). Every finding is searched for the token and the values.
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

using namespace ssmd::test;

namespace {
using VaultResolve = VaultTest;

// A path no other test uses, for the routes that fail once per path and then succeed.
std::string fresh(const std::string &route) {
  return route + "/" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}
} // namespace

TEST_F(VaultResolve, ReadsEveryFieldFromDataData) {
  use_https();
  const size_t before = requests_to("/v1/secret/data/ssmd/kalshi");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
  EXPECT_TRUE(r.diagnostics.findings.empty()) << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi"), before + 1);
}

TEST_F(VaultResolve, PercentEncodesPathSegments) {
  use_https();
  auto r = resolve_clean(key("vault/kv/ssmd/kalshi@prod"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
}

TEST_F(VaultResolve, AMissingFieldIsReportedByPathWithTheSecretsKeyNames) {
  use_https();
  auto r = resolve_clean(KeyRequest("fields: [api_key, passphrase]\nsource: vault/secret/ssmd/kalshi\n"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  const auto *f = r.diagnostics.find("secrets/missing-field");
  ASSERT_NE(f, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(f->path, "fields[1]");
  EXPECT_NE(f->message.find("api_key, api_secret"), std::string::npos) << f->message;
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
}

TEST_F(VaultResolve, AnEmptyStringIsAMissingFieldAsInEveryBackend) {
  use_https();
  auto r = resolve_clean(key("vault/secret/empty"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  const auto *f = r.diagnostics.find("secrets/missing-field");
  ASSERT_NE(f, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(f->path, "fields[0]");
  EXPECT_NE(f->message.find("is empty in vault/secret/empty"), std::string::npos) << f->message;
  EXPECT_EQ(r.values.count("api_key"), 0u) << "an empty value is not sent";
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
}

TEST_F(VaultResolve, ForbiddenIsExplainedWithVaultsErrors) {
  use_https();
  auto r = resolve_clean(key("vault/secret/forbidden"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/permission-denied",
                          {"403", "policy", "`read`", "VAULT_TOKEN", "Vault said: 1 error occurred: * permission denied",
                           "`kalshi`", "`kalshi-dev`"}))
      << r.diagnostics.dump();
  EXPECT_TRUE(r.values.empty());
}

TEST_F(VaultResolve, AWrongTokenIsDeniedAndNeverPrinted) {
  use_https();
  set_env("VAULT_TOKEN", "hvs.wrong-token-canary");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(r.diagnostics.has_rule("vault/permission-denied")) << r.diagnostics.dump();
  expect_no_canary(all_text(r.diagnostics), {"hvs.wrong-token-canary"}, "diagnostics");
}

TEST_F(VaultResolve, NotFoundSaysItMayAlsoMeanNoPermission) {
  use_https();
  auto r = resolve_clean(key("vault/secret/ssmd/nothing-here"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/not-found",
                          {"404", "vault/secret/ssmd/nothing-here", "KV version 2", "may not", "`kalshi-dev`"}))
      << r.diagnostics.dump();
}

TEST_F(VaultResolve, ASoftDeletedVersionIsReportedAsDeleted) {
  use_https();
  auto r = resolve_clean(key("vault/secret/deleted"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/deleted",
                          {"version 4", "deleted at 2025-02-03T04:05:06Z", "undelete", "-versions=4"}))
      << r.diagnostics.dump();
  EXPECT_FALSE(r.diagnostics.has_rule("vault/not-found"));
}

TEST_F(VaultResolve, ADestroyedVersionIsReportedAsDestroyed) {
  use_https();
  auto r = resolve_clean(key("vault/secret/destroyed"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/deleted", {"version 5", "destroyed"})) << r.diagnostics.dump();
}

TEST_F(VaultResolve, RetriesAfter412) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "2");
  const std::string path = fresh("flaky-412");
  auto r = resolve_clean(key("vault/secret/" + path));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
  EXPECT_EQ(requests_to("/v1/secret/data/" + path), 2u);
}

TEST_F(VaultResolve, RetriesAfter503WithBackoff) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "2");
  const std::string path = fresh("flaky-503");
  auto start = std::chrono::steady_clock::now();
  auto r = resolve_clean(key("vault/secret/" + path));
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/" + path), 2u);
  EXPECT_GE(waited, std::chrono::milliseconds(1000)) << "the first retry waits 1.0-1.5 s";
}

TEST_F(VaultResolve, GivesUpAfterTheBoundedRetries) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "1");
  const size_t before = requests_to("/v1/secret/data/sealed");
  auto r = resolve_clean(key("vault/secret/sealed"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/unavailable", {"503", "2 attempts", "Vault said: Vault is sealed"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/sealed"), before + 2);
}

TEST_F(VaultResolve, DoesNotRetry501) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "3");
  const size_t before = requests_to("/v1/secret/data/not-implemented");
  auto r = resolve_clean(key("vault/secret/not-implemented"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/unavailable", {"501", "Vault is not initialized"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/not-implemented"), before + 1);
}

TEST_F(VaultResolve, SurfacesTheErrorsOfOtherStatuses) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "3");
  const size_t before = requests_to("/v1/secret/data/bad-request");
  auto r = resolve_clean(key("vault/secret/bad-request"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/response", {"400", "invalid request: no data provided"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/bad-request"), before + 1) << "a 4xx is not retried";
}

TEST_F(VaultResolve, SendsTheNamespaceHeader) {
  use_https();
  auto without = resolve_clean(key("vault/secret/team"));
  EXPECT_EQ(without.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(without.diagnostics, "vault/not-found", {"VAULT_NAMESPACE", "no handler for route"}))
      << without.diagnostics.dump();
  set_env("VAULT_NAMESPACE", "team-a");
  auto with = resolve_clean(key("vault/secret/team"));
  EXPECT_EQ(with.status, SSMD_OK) << with.diagnostics.dump();
  EXPECT_EQ(with.values.at("api_key"), kCanaryKey);
}

TEST_F(VaultResolve, ReadsTheTokenFromTheVaultTokenFile) {
  use_https();
  unsetenv("VAULT_TOKEN");
  std::ofstream(home_.path() / ".vault-token") << kToken << "\n";
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
}

TEST_F(VaultResolve, NoTokenIsAConfigurationError) {
  use_https();
  unsetenv("VAULT_TOKEN");
  const size_t before = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"VAULT_TOKEN", "vault login", "`kalshi`"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_total(), before);
}

TEST_F(VaultResolve, NumbersAreTextAndObjectsAreRefused) {
  use_https();
  auto r = resolve_clean(key("vault/secret/typed"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_EQ(r.values.at("api_key"), "12345");
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/field-type", {"`api_secret`", "object"})) << r.diagnostics.dump();
  EXPECT_EQ(r.diagnostics.find("vault/field-type")->path, "fields[1]");
}

TEST_F(VaultResolve, AKvVersion1AnswerIsExplained) {
  use_https();
  auto r = resolve_clean(key("vault/secret/kv1-shape"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/response", {"KV version 2", "data.data"})) << r.diagnostics.dump();
  EXPECT_TRUE(r.values.empty());
}

TEST_F(VaultResolve, ABodyThatIsNotJsonIsAnError) {
  use_https();
  auto r = resolve_clean(key("vault/secret/garbage"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/response", {"not a JSON object"})) << r.diagnostics.dump();
}

TEST_F(VaultResolve, VaultsWarningsBecomeWarnings) {
  use_https();
  auto r = resolve_clean(key("vault/secret/warned"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  const auto *w = r.diagnostics.find("vault/warning");
  ASSERT_NE(w, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(w->severity, SSMD_SEVERITY_WARNING);
}

TEST_F(VaultResolve, RedirectsAreNotFollowed) {
  use_https();
  auto r = resolve_clean(key("vault/secret/redirect"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/response", {"307", "vault-active.example.com", "not followed"}))
      << r.diagnostics.dump();
}

TEST_F(VaultResolve, AnOptionalKeysMissingFieldIsAWarning) {
  use_https();
  auto r = resolve_clean(KeyRequest("required: false\nfields: [passphrase]\nsource: vault/secret/ssmd/kalshi\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  ASSERT_NE(r.diagnostics.find("secrets/missing-field"), nullptr);
  EXPECT_EQ(r.diagnostics.find("secrets/missing-field")->severity, SSMD_SEVERITY_WARNING);
}
