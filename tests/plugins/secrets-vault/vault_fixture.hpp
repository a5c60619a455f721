// Shared set-up of the secrets-vault suites: the plugin loaded through its C ABI, and vault_server.js (a local
// server implementing Vault's documented KV v2 answers, not Vault) on 127.0.0.1 over HTTPS, with a CA made by
// the openssl CLI for this test process, and over plain HTTP.
#pragma once

#include "plugin_harness.hpp"
#include "run_ssmd.hpp"
#include "secret_calls.hpp"
#include "vault_server_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace ssmd::test {

inline const std::string kToken = "hvs.canary-token-3e9f1a7c";
inline const std::string kCanaryKey = "canary-key-vault-8b2d41";
inline const std::string kCanarySecret = "canary-secret-vault-c6f0e9";

class VaultTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;

  static LoadedPlugin &plugin();
  // Started on first use and stopped when the test process exits.
  static const VaultServer &server();
  const ssmd_host *host() const { return plugin().host(); }
  const ssmd_secret_backend *backend() const { return plugin().secret_backend("vault"); }

  void set_env(const std::string &name, const std::string &value);
  // VAULT_ADDR at the HTTPS server, VAULT_CACERT at its CA, VAULT_TOKEN right, no retries unless asked.
  void use_https();
  // How many requests reached `path` (e.g. "/v1/secret/data/forbidden").
  static size_t requests_to(const std::string &path);
  static size_t requests_total();
  // The key spec for `source`, fields api_key and api_secret.
  static KeyRequest key(const std::string &source, const std::string &extra = "");
  // Resolves as one whole run (end_run after it) and checks that no canary (the tokens, the login
  // credentials, the values) appears in any finding.
  Resolution resolve_clean(const KeyRequest &req);
  // The same without ending the run: several calls share one run until end_run() (the session keeps the
  // token, the mounts' KV versions and the secrets it read).
  Resolution resolve_in_run(const KeyRequest &req);
  void end_run() { ssmd::test::end_run(backend(), host()); }
  // The user's configuration key `key` (a YAML value) for this test, as ~/.config/ssmd/config.yaml sets it.
  void set_config(const std::string &key, const std::string &yaml_value) { plugin().set_config(key, yaml_value); }
  // Every canary the fixture knows: tokens, login credentials, values.
  static std::vector<std::string> canaries();

  std::set<std::string> env_set_;
  std::string saved_home_;
  TempDir home_;
};

} // namespace ssmd::test
