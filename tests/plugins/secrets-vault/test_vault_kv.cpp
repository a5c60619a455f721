// KV version 1 mounts (configured, or detected as the Vault CLI detects them), pinned versions, one read per
// secret per run, and the age of what was read, against vault_server.js (a local implementation of Vault's
// documented KV v1, KV v2 and sys/internal/ui/mounts answers, not Vault).
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

#include <ctime>

using namespace ssmd::test;

namespace {
using VaultKv = VaultTest;
} // namespace

TEST_F(VaultKv, AVersion1MountIsDetectedAndReadAtItsOwnPath) {
  use_https();
  const size_t preflights = requests_to("/v1/sys/internal/ui/mounts/legacy/ssmd/kalshi");
  const size_t reads = requests_to("/v1/legacy/ssmd/kalshi");
  auto r = resolve_clean(key("vault/legacy/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
  EXPECT_EQ(requests_to("/v1/sys/internal/ui/mounts/legacy/ssmd/kalshi"), preflights + 1);
  EXPECT_EQ(requests_to("/v1/legacy/ssmd/kalshi"), reads + 1);
  EXPECT_EQ(requests_to("/v1/legacy/data/ssmd/kalshi"), 0u);
  EXPECT_TRUE(r.last_set.empty()) << "KV version 1 keeps no dates";
}

TEST_F(VaultKv, NoVersionOptionAndAVaultWithoutTheEndpointMeanVersion1) {
  use_https();
  for (const std::string mount : {"legacy2", "oldvault"}) {
    auto r = resolve_clean(key("vault/" + mount + "/ssmd/kalshi"));
    EXPECT_EQ(r.status, SSMD_OK) << mount << "\n" << r.diagnostics.dump();
    EXPECT_EQ(r.values.count("api_key"), 1u) << mount;
  }
}

TEST_F(VaultKv, AConfiguredVersionIsNotAskedFor) {
  use_https();
  set_config("vault.mounts.legacy.kv_version", "1");
  const size_t preflights = requests_to("/v1/sys/internal/ui/mounts/legacy/ssmd/kalshi");
  auto r = resolve_clean(key("vault/legacy/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/sys/internal/ui/mounts/legacy/ssmd/kalshi"), preflights);
  // Configured as version 1, a version 2 mount is read at the version 1 path (and has nothing there).
  set_config("vault.mounts.secret.kv_version", "1");
  auto wrong = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(wrong.diagnostics, "vault/not-found", {"KV version 1"})) << wrong.diagnostics.dump();
  set_config("vault.mounts.secret.kv_version", "3");
  auto bad = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(bad.diagnostics, "vault/config", {"vault.mounts.secret.kv_version", "1 or 2"}))
      << bad.diagnostics.dump();
}

TEST_F(VaultKv, AMountWhoseVersionCannotBeAskedSaysHowToConfigureIt) {
  use_https();
  auto r = resolve_clean(key("vault/shut/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/permission-denied",
                          {"403", "KV version", "preflight capability check", "vault.mounts.shut.kv_version"}))
      << r.diagnostics.dump();
}

TEST_F(VaultKv, APinnedVersionIsReadAndDated) {
  use_https();
  auto v2 = resolve_clean(key("vault/secret/ssmd/kalshi?version=2"));
  EXPECT_EQ(v2.status, SSMD_OK) << v2.diagnostics.dump();
  EXPECT_EQ(v2.values.at("api_key"), "v2-" + kCanaryKey);
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi?version=2"), 1u);
  // created_time 2024-06-01T12:00:00.123456789Z
  EXPECT_EQ(v2.last_set.at("api_key"), 1717243200);
  EXPECT_EQ(v2.last_set.at("api_secret"), 1717243200);
  auto latest = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(latest.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(latest.last_set.at("api_key"), 1735689600); // 2025-01-01T00:00:00Z
}

TEST_F(VaultKv, APinnedVersionThatIsGoneOrNeverWasIsExplained) {
  use_https();
  auto destroyed = resolve_clean(key("vault/secret/ssmd/kalshi?version=1"));
  EXPECT_TRUE(has_finding(destroyed.diagnostics, "vault/deleted", {"version 1", "destroyed"}))
      << destroyed.diagnostics.dump();
  auto never = resolve_clean(key("vault/secret/ssmd/kalshi?version=9"));
  EXPECT_TRUE(has_finding(never.diagnostics, "vault/not-found", {"404", "no version 9"})) << never.diagnostics.dump();
}

TEST_F(VaultKv, AVersionCannotBePinnedOnAVersion1Mount) {
  use_https();
  const size_t reads = requests_to("/v1/legacy/ssmd/kalshi");
  auto r = resolve_clean(key("vault/legacy/ssmd/kalshi?version=2"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/reference", {"KV version 1", "keeps no versions", "?version=2"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/legacy/ssmd/kalshi"), reads);
}

TEST_F(VaultKv, EachSecretIsReadOncePerRunHoweverManyKeysUseIt) {
  use_https();
  const size_t reads = requests_to("/v1/secret/data/ssmd/kalshi");
  const size_t preflights = requests_to("/v1/sys/internal/ui/mounts/secret/ssmd/kalshi");
  auto a = resolve_in_run(KeyRequest("fields: [api_key]\nsource: vault/secret/ssmd/kalshi\n", "kalshi-dev", "a"));
  auto b = resolve_in_run(KeyRequest("fields: [api_secret]\nsource: vault/secret/ssmd/kalshi\n", "kalshi-prod", "b"));
  auto c = resolve_in_run(key("vault/secret/ssmd/kalshi"));
  auto pinned = resolve_in_run(key("vault/secret/ssmd/kalshi?version=3"));
  end_run();
  for (const auto *r : {&a, &b, &c, &pinned}) EXPECT_EQ(r->status, SSMD_OK) << r->diagnostics.dump();
  EXPECT_EQ(a.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(b.values.at("api_secret"), kCanarySecret);
  EXPECT_EQ(c.values.size(), 2u);
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi"), reads + 1);
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi?version=3"), 1u) << "a pinned version is another read";
  EXPECT_EQ(requests_to("/v1/sys/internal/ui/mounts/secret/ssmd/kalshi"), preflights + 1) << "one preflight per mount";
  // The next run reads again: nothing outlives end_run().
  auto next = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(next.status, SSMD_OK);
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi"), reads + 2);
}

TEST_F(VaultKv, AFailedReadIsAlsoAskedOncePerRun) {
  use_https();
  const size_t before = requests_to("/v1/secret/data/forbidden");
  auto a = resolve_in_run(key("vault/secret/forbidden"));
  auto b = resolve_in_run(key("vault/secret/forbidden"));
  end_run();
  EXPECT_TRUE(a.diagnostics.has_rule("vault/permission-denied"));
  EXPECT_TRUE(b.diagnostics.has_rule("vault/permission-denied"));
  EXPECT_EQ(requests_to("/v1/secret/data/forbidden"), before + 1);
}

TEST_F(VaultKv, TheAgeOfAValueIsItsVersionsCreatedTime) {
  use_https();
  auto r = resolve_clean(key("vault/secret/aged/100"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  const int64_t expected = static_cast<int64_t>(std::time(nullptr)) - 100 * 86400;
  EXPECT_NEAR(static_cast<double>(r.last_set.at("api_key")), static_cast<double>(expected), 60.0);
}
