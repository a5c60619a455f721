// A world for the end-to-end secrets tests: a repository with the bundled feeds and schemas and
// environments the test writes, a canary value behind every secret backend (variables for `env`, a mounted
// Secret directory for `sealed-secret/...`, vault_server.js for `vault/...`), and helpers that run the
// real ssmd binary and search its every output for the canaries.
#pragma once

#include "../test-plugins/test_plugins.hpp"
#include "run_ssmd.hpp"
#include "vault_server_process.hpp"

#include <gtest/gtest.h>

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace ssmd::test {

// Canaries: values that must reach the child of `ssmd env run` and nothing else. Each has a unique tail, so
// a truncated copy is caught too.
inline const std::string kEnvKeyCanary = "canary-env-key-5f2a91";
inline const std::string kEnvSecretCanary = "canary-env-secret-0c7d33";
inline const std::string kSealedCanary = "canary-sealed-token-9e41b7";
inline const std::string kVaultKeyCanary = "canary-vault-key-2b8e64";
inline const std::string kVaultSecretCanary = "canary-vault-secret-d35a0f";
inline const std::string kVaultTokenCanary = "hvs.canary-e2e-token-71d0aa";
inline const std::string kJunkCanary = "canary-junk-value-46c1e8";

// An environment `canary` with three required keys, one per bundled backend:
//   alpha  env                       fields api_key (variable ALPHA_API_KEY), api_secret (SSMD_ALPHA_API_SECRET)
//   beta   sealed-secret/beta-creds  field token (SSMD_BETA_TOKEN)
//   gamma  vault/secret/ssmd/kalshi  fields api_key (GAMMA_KEY), api_secret (GAMMA_SECRET)
inline const std::string kCanaryEnvironment = R"(name: canary
feed: kalshi
schemas: [trade:v1]
keys:
  alpha:
    type: api_key
    required: true
    fields: [api_key, api_secret]
    source: env
    env: { api_key: ALPHA_API_KEY }
  beta:
    type: token
    required: true
    fields: [token]
    source: sealed-secret/beta-creds
  gamma:
    type: api_key
    required: true
    fields: [api_key, api_secret]
    source: vault/secret/ssmd/kalshi
    env: { api_key: GAMMA_KEY, api_secret: GAMMA_SECRET }
)";

// One key `only` with the given source (and fields api_key, api_secret), as environment `name`.
std::string one_key_environment(const std::string &name, const std::string &source, bool required = true,
                                const std::string &extra = "");

// Whether a line of `table` holds each of `cells` as a whole cell (columns are two or more spaces apart).
inline bool has_row(const std::string &table, const std::vector<std::string> &cells) {
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);) {
    std::string padded = "  " + line + "  ";
    bool all = true;
    for (const auto &cell : cells) all = all && padded.find("  " + cell + "  ") != std::string::npos;
    if (all) return true;
  }
  return false;
}

// The login credentials and the issued token of the Vault test server (its defaults): canaries too.
inline const VaultServerConfig kVaultLogin{};

// ssmd started without waiting, for signal tests: its stdout and stderr go to files.
struct Started {
  pid_t pid = -1;
  std::filesystem::path out, err;
};

class SecretsWorld : public ::testing::Test {
protected:
  void SetUp() override;

  std::filesystem::path repo() const { return tmp_.path() / "repo"; }
  // Where children write what they saw.
  std::filesystem::path out() const { return tmp_.path() / "out"; }
  void write_environment(const std::string &name, const std::string &yaml) const;
  // Puts `value` in the mounted Secret directory of `secret` as the file `field`.
  void mount(const std::string &secret, const std::string &field, const std::string &value) const;
  // Puts the junk test backend (prefix `junk`) on the plugin path.
  void use_junk_backend();
  // Writes the user's own configuration file ($XDG_CONFIG_HOME/ssmd/config.yaml), trusted by ssmd.
  void write_user_config(const std::string &yaml) const;
  // Writes `relative` under the repository (its .ssmd/config.yaml, ssmd.yaml, a manifest...).
  void write_repo_file(const std::string &relative, const std::string &text) const;
  // Makes the repository a git work tree (branch main, a local identity).
  void git_init() const;
  // Runs `git <args>` in the repository with `env` added (GIT_AUTHOR_DATE, ...); fails the test on error.
  std::string git(const std::string &args, const std::map<std::string, std::string> &env = {}) const;

  // Runs ssmd in the repository with `env_` (canaries, Vault settings) and nothing of the caller's.
  RunResult ssmd(std::vector<std::string> args) const;
  Started start(std::vector<std::string> args) const;
  // Waits up to 10 s for a started ssmd and returns its wait status (see <sys/wait.h>). On timeout it kills
  // ssmd and everything it started (they form their own process group) and returns nullopt.
  static std::optional<int> wait(const Started &started);
  // Waits up to 10 s for `file` to exist and hold `text`; false when it does not.
  static bool wait_for(const std::filesystem::path &file, const std::string &text = "");

  // Fails the test when any canary (or its unique tail) appears in `text`.
  static void expect_no_canary(const std::string &text, const std::string &what);
  static void expect_clean(const RunResult &r, const std::string &what);
  // Every file under exchanges/, for "nothing was written" checks.
  std::map<std::string, std::string> snapshot() const;

  static const VaultServer &vault();

  std::map<std::string, std::string> env_; // set for every run
  std::vector<std::string> unset_;         // removed from every run's environment
  std::vector<std::string> plugin_args_;   // --plugin-path ... when a test plugin is used

private:
  TempDir tmp_;
};

} // namespace ssmd::test
