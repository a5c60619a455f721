// The Vault backend's logins through the real binary, configured as a user or a CI job would configure
// them (variables, the user's own config file), against vault_server.js (a local implementation of the
// login endpoints Vault documents, not Vault); and that a cloned repository's `.ssmd/config.yaml` or
// committed `ssmd.yaml` cannot choose the Vault address, the login method or anything about credentials.
// Every output is searched for the tokens, the login credentials and the values.
#include "plugin_env.hpp"
#include "secrets_world.hpp"

#include <arpa/inet.h>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SecretsVaultLogin = SecretsWorld;

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

size_t count_starting(const std::vector<std::string> &lines, size_t from, const std::string &start) {
  size_t n = 0;
  for (size_t i = from; i < lines.size(); ++i) n += lines[i].rfind(start, 0) == 0;
  return n;
}
} // namespace

TEST_F(SecretsVaultLogin, AppRoleFromCiVariablesThenEveryKeyReadsWithTheIssuedToken) {
  env_.erase("VAULT_TOKEN");
  unset_.push_back("VAULT_TOKEN");
  env_["SSMD_VAULT_AUTH"] = "approle";
  env_["VAULT_ROLE_ID"] = kVaultLogin.role_id;
  env_["VAULT_SECRET_ID"] = kVaultLogin.secret_id;
  const size_t from = vault_log_lines(vault().log).size();
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"gamma", "api_key", "vault/secret/ssmd/kalshi", "present"})) << r.out;
  const auto log = vault_log_lines(vault().log);
  EXPECT_EQ(count_starting(log, from, "/v1/auth/approle/login ns=- token=none body=role_id,secret_id"), 1u);
  EXPECT_EQ(count_starting(log, from, "/v1/secret/data/ssmd/kalshi ns=- token=ok"), 1u);
  expect_clean(r, "check-keys with AppRole");
  // env run logs in the same way and hands the values to the child.
  env_["EXPECTED_GAMMA_KEY"] = kVaultKeyCanary; // in ssmd's environment only, never on a command line
  auto run = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "test \"$GAMMA_KEY\" = \"$EXPECTED_GAMMA_KEY\""});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  expect_clean(run, "env run with AppRole");
}

TEST_F(SecretsVaultLogin, JwtFromTheUsersConfigFileAndItsFailuresPrintNoCredential) {
  env_.erase("VAULT_TOKEN");
  unset_.push_back("VAULT_TOKEN");
  const fs::path jwt = repo().parent_path() / "oidc.jwt";
  std::ofstream(jwt) << kVaultLogin.ci_jwt << "\n";
  write_user_config("vault:\n  auth: jwt\n  role: " + kVaultLogin.jwt_role + "\n  jwt_file: " + jwt.string() + "\n");
  auto r = ssmd({"env", "check-keys", "canary", "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_clean(r, "check-keys with JWT");
  // A forged token, a missing role, and the whole login body echoed back: exit 3, the method named, nothing
  // secret printed.
  std::ofstream(jwt) << "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.forged-canary-sig\n";
  auto forged = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(forged.exit_code, 3) << forged.out << forged.err;
  EXPECT_TRUE(has(forged.err, "JWT login to Vault at")) << forged.err;
  EXPECT_TRUE(has(forged.err, "failed to verify id token signature [vault/login]")) << forged.err;
  EXPECT_FALSE(has(forged.out + forged.err, "forged-canary-sig")) << forged.err;
  std::ofstream(jwt) << kVaultLogin.ci_jwt << "\n";
  write_user_config("vault:\n  auth: jwt\n  auth_mount: echo\n  jwt_file: " + jwt.string() + "\n");
  auto echoed = ssmd({"env", "run", "canary", "--", "/bin/true"});
  EXPECT_EQ(echoed.exit_code, 3) << echoed.out << echoed.err;
  EXPECT_TRUE(has(echoed.err, "invalid credentials")) << echoed.err;
  expect_clean(echoed, "env run with an echoing login");
}

TEST_F(SecretsVaultLogin, ARepositorysLocalConfigCannotRedirectVault) {
  // The repository's .ssmd/config.yaml outranks the user's file for ordinary settings; for Vault it must
  // count for nothing. It points Vault at a port where nothing listens and asks for an AppRole login.
  env_.erase("VAULT_ADDR");
  unset_.push_back("VAULT_ADDR");
  write_user_config("vault:\n  address: \"" + vault().https_address() + "\"\n");
  write_repo_file(".ssmd/config.yaml", "vault:\n  address: \"http://127.0.0.1:" + std::to_string(closed_port()) +
                                           "\"\n  auth: approle\n  role_id_file: /etc/hostname\n");
  const size_t from = vault_log_lines(vault().log).size();
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto log = vault_log_lines(vault().log);
  EXPECT_EQ(count_starting(log, from, "/v1/secret/data/ssmd/kalshi ns=- token=ok"), 1u);
  EXPECT_EQ(count_starting(log, from, "/v1/auth/"), 0u);
  expect_clean(r, "check-keys with a hostile .ssmd/config.yaml");
}

TEST_F(SecretsVaultLogin, CommittedTeamSettingsCannotChooseVaultEither) {
  // ssmd.yaml names the test server; the user named none, so the Vault CLI's default address applies and
  // the test server never hears from ssmd.
  env_.erase("VAULT_ADDR");
  unset_.push_back("VAULT_ADDR");
  env_["VAULT_CLIENT_TIMEOUT"] = "2s";
  write_repo_file("ssmd.yaml", "vault:\n  address: \"" + vault().agent_address() + "\"\n  auth: agent\n"
                               "  namespace: team-a\n  mounts:\n    secret:\n      kv_version: 1\n");
  const size_t from = vault_log_lines(vault().log).size();
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "https://127.0.0.1:8200")) << r.err;
  EXPECT_EQ(vault_log_lines(vault().log).size(), from) << "no request reached the address ssmd.yaml named";
  expect_clean(r, "check-keys with a hostile ssmd.yaml");
}
