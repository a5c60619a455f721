// vault_server.js as a child of the test process: a local server implementing Vault's documented KV v2
// answers (not Vault) on 127.0.0.1, over HTTPS with a CA made by the openssl CLI for this process, and over
// plain HTTP. Used by the secrets-vault suite and by the host's end-to-end secrets tests.
#pragma once

#include "run_ssmd.hpp"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ssmd::test {

struct VaultServer {
  std::filesystem::path ca_cert;       // the CA that signed the server's certificate
  std::filesystem::path ca_dir;        // a directory holding only that CA, for VAULT_CAPATH
  std::filesystem::path wrong_ca_cert; // an unrelated CA
  std::filesystem::path log;           // one line per request
  int https_port = 0, http_port = 0;
  int agent_port = 0; // plain HTTP, behaving as a Vault Agent listener that adds the token itself
  std::string https_address() const { return "https://127.0.0.1:" + std::to_string(https_port); }
  std::string http_address() const { return "http://127.0.0.1:" + std::to_string(http_port); }
  std::string agent_address() const { return "http://127.0.0.1:" + std::to_string(agent_port); }
};

// What the server accepts and serves: the token it takes, the namespace /team/ needs, and the values of
// fields api_key and api_secret of the readable secrets (see vault_server.js for the routes); and the
// credentials its login endpoints accept, and the token they issue.
struct VaultServerConfig {
  std::string token;
  std::string name_space;
  std::string api_key;
  std::string api_secret;
  std::string login_token = "hvs.login-issued-canary-5d1c";
  std::string role_id = "role-id-canary-91af";
  std::string secret_id = "secret-id-canary-0be3";
  std::string k8s_role = "ssmd";
  std::string k8s_jwt = "eyJrOHMiOiJzYSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6c3NtZCJ9.k8s-signature-canary-77c2";
  std::string jwt_role = "ssmd-ci";
  std::string ci_jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2NpIn0.ci-signature-canary-3a9e";
};

// Starts the server and stops it (by its pid) when the object goes away. Should the test process die
// first, the server notices its standard input close and exits too.
class VaultServerProcess {
public:
  explicit VaultServerProcess(const VaultServerConfig &config);
  ~VaultServerProcess();
  VaultServerProcess(const VaultServerProcess &) = delete;
  VaultServerProcess &operator=(const VaultServerProcess &) = delete;
  const VaultServer &info() const { return info_; }

private:
  void start(const std::filesystem::path &config);
  pid_t pid_ = -1;
  int lifeline_ = -1;
  VaultServer info_;
  TempDir dir_;
};

// The server's request log, one line per request:
// "<path>[?query] ns=<namespace or -> token=<ok|bad|none|injected>[ body=<keys>]".
std::vector<std::string> vault_log_lines(const std::filesystem::path &log);

} // namespace ssmd::test
