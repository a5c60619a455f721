// How the Vault backend connects: TLS verified by default against VAULT_CACERT or VAULT_CAPATH, plain http
// only to loopback, timeouts, unreachable servers, and malformed settings.
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ssmd::test;

namespace {
using VaultConnection = VaultTest;

// A loopback port nothing listens on: bound, then closed.
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}
} // namespace

TEST_F(VaultConnection, AWrongCaFailsVerification) {
  use_https();
  set_env("VAULT_CACERT", server().wrong_ca_cert.string());
  const size_t before = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/tls", {"VAULT_CACERT", "`kalshi`", "`kalshi-dev`"}))
      << r.diagnostics.dump();
  EXPECT_TRUE(r.values.empty());
  EXPECT_EQ(requests_total(), before) << "no request reached the server";
}

TEST_F(VaultConnection, TheSystemStoreDoesNotTrustATestCa) {
  use_https();
  unsetenv("VAULT_CACERT");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(r.diagnostics.has_rule("vault/tls")) << r.diagnostics.dump();
}

TEST_F(VaultConnection, ACaDirectoryWorksWithoutHashedNames) {
  use_https();
  unsetenv("VAULT_CACERT");
  set_env("VAULT_CAPATH", server().ca_dir.string());
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
}

TEST_F(VaultConnection, ACaPathThatIsNoDirectoryIsAConfigurationError) {
  use_https();
  unsetenv("VAULT_CACERT");
  set_env("VAULT_CAPATH", server().ca_cert.string());
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"VAULT_CAPATH", "not a directory"})) << r.diagnostics.dump();
}

TEST_F(VaultConnection, SkipVerifyConnectsButWarns) {
  use_https();
  set_env("VAULT_CACERT", server().wrong_ca_cert.string());
  set_env("VAULT_SKIP_VERIFY", "true");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  const auto *w = r.diagnostics.find("vault/tls");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, SSMD_SEVERITY_WARNING);
  set_env("VAULT_SKIP_VERIFY", "perhaps");
  auto bad = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(bad.diagnostics, "vault/config", {"VAULT_SKIP_VERIFY"})) << bad.diagnostics.dump();
}

TEST_F(VaultConnection, PlainHttpWorksOnLoopback) {
  use_https();
  unsetenv("VAULT_CACERT");
  for (const std::string &address : {server().http_address(), "http://localhost:" + std::to_string(server().http_port)}) {
    set_env("VAULT_ADDR", address);
    auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
    EXPECT_EQ(r.status, SSMD_OK) << address << "\n" << r.diagnostics.dump();
    EXPECT_EQ(r.values.count("api_key"), 1u) << address;
  }
}

TEST_F(VaultConnection, PlainHttpToAnyOtherAddressIsRefusedBeforeConnecting) {
  use_https();
  const size_t before = requests_total();
  for (const std::string address : {"http://192.0.2.10:8200", "http://vault.example.com:8200", "http://10.0.0.1",
                                    "http://127.0.0.1.nip.io:8200", "http://0.0.0.0:8200", "http://[::ffff:10.0.0.1]:8200"}) {
    set_env("VAULT_ADDR", address);
    auto start = std::chrono::steady_clock::now();
    auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500)) << "no connection attempt";
    EXPECT_EQ(r.status, SSMD_ENV_ERROR) << address;
    EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"plain http", "loopback", "`kalshi-dev`"}))
        << address << "\n" << r.diagnostics.dump();
  }
  EXPECT_EQ(requests_total(), before);
}

TEST_F(VaultConnection, EveryLoopbackFormPassesThePolicy) {
  // Nothing listens on these, so the request fails to connect: the policy let it through (vault/unreachable,
  // not vault/config).
  use_https();
  const std::string port = std::to_string(closed_port());
  for (const std::string &address : {"http://127.0.0.1:" + port, "http://127.45.6.7:" + port, "http://[::1]:" + port}) {
    set_env("VAULT_ADDR", address);
    auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
    EXPECT_TRUE(r.diagnostics.has_rule("vault/unreachable")) << address << "\n" << r.diagnostics.dump();
  }
}

TEST_F(VaultConnection, AnUnreachableVaultIsNamedWithKeyAndEnvironment) {
  use_https();
  set_env("VAULT_ADDR", "https://127.0.0.1:" + std::to_string(closed_port()));
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/unreachable", {"cannot reach Vault", "1 attempt", "`kalshi`", "`kalshi-dev`"}))
      << r.diagnostics.dump();
}

TEST_F(VaultConnection, ConnectionFailuresAreRetried) {
  use_https();
  set_env("VAULT_ADDR", "https://127.0.0.1:" + std::to_string(closed_port()));
  set_env("VAULT_MAX_RETRIES", "1");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/unreachable", {"2 attempts"})) << r.diagnostics.dump();
}

TEST_F(VaultConnection, TheClientTimeoutBoundsASlowAnswer) {
  use_https();
  set_env("VAULT_CLIENT_TIMEOUT", "300ms");
  auto start = std::chrono::steady_clock::now();
  auto r = resolve_clean(key("vault/secret/slow"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/timeout", {"300 ms", "VAULT_CLIENT_TIMEOUT"})) << r.diagnostics.dump();
}

TEST_F(VaultConnection, MalformedSettingsAreConfigurationErrors) {
  use_https();
  const size_t before = requests_total();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"VAULT_CLIENT_TIMEOUT", "soon"}, {"VAULT_CLIENT_TIMEOUT", "0"},    {"VAULT_MAX_RETRIES", "-1"},
      {"VAULT_ADDR", "not a url"},      {"VAULT_ADDR", "ftp://127.0.0.1"}, {"VAULT_ADDR", "https://user:pw@127.0.0.1"}};
  for (const auto &[name, value] : cases) {
    use_https();
    unsetenv("VAULT_CLIENT_TIMEOUT");
    unsetenv("VAULT_MAX_RETRIES");
    set_env(name, value);
    auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
    EXPECT_EQ(r.status, SSMD_ENV_ERROR) << name << "=" << value;
    EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {name})) << name << "=" << value << "\n"
                                                                     << r.diagnostics.dump();
  }
  EXPECT_EQ(requests_total(), before);
  set_env("VAULT_ADDR", "https://user:pw@127.0.0.1");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  expect_no_canary(all_text(r.diagnostics), {"user:pw"}, "diagnostics");
}

TEST_F(VaultConnection, ATokenWithAControlCharacterIsRefusedWithoutBeingPrinted) {
  use_https();
  set_env("VAULT_TOKEN", "hvs.line\nbreak-canary");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"cannot carry"})) << r.diagnostics.dump();
  expect_no_canary(all_text(r.diagnostics), {"break-canary"}, "diagnostics");
}
