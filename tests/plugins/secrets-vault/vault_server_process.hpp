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
  std::string https_address() const { return "https://127.0.0.1:" + std::to_string(https_port); }
  std::string http_address() const { return "http://127.0.0.1:" + std::to_string(http_port); }
};

// What the server accepts and serves: the token it takes, the namespace /team/ needs, and the values of
// fields api_key and api_secret of the readable secrets (see vault_server.js for the routes).
struct VaultServerConfig {
  std::string token;
  std::string name_space;
  std::string api_key;
  std::string api_secret;
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

// The server's request log, one line per request: "<path> ns=<namespace or -> token=<ok|bad|none>".
std::vector<std::string> vault_log_lines(const std::filesystem::path &log);

} // namespace ssmd::test
