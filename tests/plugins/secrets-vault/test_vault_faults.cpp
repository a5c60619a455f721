// Secrets stay secret when Vault (or something posing as it) misbehaves: a header value that would inject
// headers is refused before anything is sent; an error that echoes the token or a value is scrubbed before it
// is quoted; an answer over the size limit is called too large, not unreachable; a server that accepts the
// connection and never answers costs one VAULT_CLIENT_TIMEOUT, not one per retry.
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace ssmd::test;

namespace {
using VaultFaults = VaultTest;
} // namespace

TEST_F(VaultFaults, ANamespaceWithALineBreakIsRefusedBeforeAnyRequest) {
  const size_t before = requests_total();
  for (const std::string ns : {"team-a\r\nX-Injected: 1", "team-a\nX-Injected: 1", "team\x01"}) {
    use_https();
    set_env("VAULT_NAMESPACE", ns);
    auto r = resolve_clean(key("vault/secret/team"));
    EXPECT_EQ(r.status, SSMD_ENV_ERROR);
    EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"VAULT_NAMESPACE", "control character"}))
        << r.diagnostics.dump();
    unsetenv("VAULT_NAMESPACE");
    set_config("vault.namespace", "\"team-a\\r\\nX-Injected: 1\"");
    auto configured = resolve_clean(key("vault/secret/team"));
    EXPECT_TRUE(has_finding(configured.diagnostics, "vault/config", {"vault.namespace", "control character"}))
        << configured.diagnostics.dump();
    plugin().clear_config();
  }
  EXPECT_EQ(requests_total(), before) << "nothing was sent";
  // A clean namespace from the configuration is sent as the header.
  use_https();
  set_config("vault.namespace", "team-a");
  auto r = resolve_clean(key("vault/secret/team"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
}

TEST_F(VaultFaults, AnErrorThatEchoesTheTokenIsScrubbed) {
  use_https();
  auto r = resolve_clean(key("vault/secret/echo-token"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/permission-denied", {"Vault said: permission denied for token [redacted]"}))
      << r.diagnostics.dump();
  // The token a login issued is scrubbed the same way.
  plugin().set_config("vault.auth", "approle");
  unsetenv("VAULT_TOKEN");
  VaultServerConfig login;
  set_env("VAULT_ROLE_ID", login.role_id);
  set_env("VAULT_SECRET_ID", login.secret_id);
  auto issued = resolve_clean(key("vault/secret/echo-token"));
  EXPECT_TRUE(has_finding(issued.diagnostics, "vault/permission-denied", {"permission denied for token [redacted]"}))
      << issued.diagnostics.dump();
}

TEST_F(VaultFaults, AnErrorThatEchoesAValueReadEarlierInTheRunIsScrubbed) {
  use_https();
  auto read = resolve_in_run(key("vault/secret/ssmd/kalshi"));
  auto echo = resolve_in_run(key("vault/secret/echo-values"));
  end_run();
  EXPECT_EQ(read.status, SSMD_OK) << read.diagnostics.dump();
  EXPECT_TRUE(has_finding(echo.diagnostics, "vault/response", {"cannot store [redacted] next to [redacted]"}))
      << echo.diagnostics.dump();
}

TEST_F(VaultFaults, AnAnswerOverTheSizeLimitIsTooLargeNotUnreachable) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "2");
  const size_t before = requests_to("/v1/secret/data/huge");
  auto r = resolve_clean(key("vault/secret/huge"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/response", {"larger than 4 MiB"})) << r.diagnostics.dump();
  EXPECT_FALSE(r.diagnostics.has_rule("vault/unreachable")) << r.diagnostics.dump();
  EXPECT_EQ(requests_to("/v1/secret/data/huge"), before + 1) << "a too-large answer is not retried";
  EXPECT_TRUE(r.values.empty());
}

TEST_F(VaultFaults, AServerThatNeverAnswersCostsOneClientTimeout) {
  use_https();
  set_env("VAULT_MAX_RETRIES", "2"); // the Vault CLI's default
  set_env("VAULT_CLIENT_TIMEOUT", "1s");
  const size_t before = requests_to("/v1/secret/data/hang");
  auto start = std::chrono::steady_clock::now();
  auto r = resolve_clean(key("vault/secret/hang"));
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/timeout",
                          {"accepted the connection", "did not answer within 1000 ms", "VAULT_CLIENT_TIMEOUT"}))
      << r.diagnostics.dump();
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  // One timeout plus scheduling slack, where retrying would take three timeouts and 3-4.5 s of backoff.
  EXPECT_LT(waited, std::chrono::milliseconds(2500));
  EXPECT_EQ(requests_to("/v1/secret/data/hang"), before + 1);
}
