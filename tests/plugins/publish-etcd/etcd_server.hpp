// A real etcd (Debian's etcd-server) as a child of the test process: on loopback, on free ports, with a
// temporary data folder, tuned to start in about half a second (10 ms heartbeats, a 100 ms election).
// It dies with the test process (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.
//
// Most tests share one plain server (`shared()`) and keep apart by key prefix; the TLS, authentication
// and fault tests start their own.
#pragma once

#include "run_ssmd.hpp"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ssmd::test {

struct EtcdOptions {
  bool tls = false; // serve HTTPS with a certificate from a throwaway CA, and require client certificates
};

// The files of a throwaway CA made with the openssl CLI: the server's and a client's certificates.
struct EtcdCerts {
  std::filesystem::path ca, server_cert, server_key, client_cert, client_key, other_ca;
};

class EtcdServer {
public:
  explicit EtcdServer(EtcdOptions options = {});
  ~EtcdServer();
  EtcdServer(const EtcdServer &) = delete;
  EtcdServer &operator=(const EtcdServer &) = delete;

  // One plain server for the whole test binary.
  static EtcdServer &shared();

  // "127.0.0.1:PORT", and the URL ssmd is given for `prefix` ("/t1"): etcd://127.0.0.1:PORT/t1.
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(client_port_); }
  std::string url(const std::string &prefix) const;
  const EtcdCerts &certs() const { return certs_; }
  pid_t pid() const { return pid_; }

  // Runs `etcdctl <args>` against this server (with its CA and client certificate under TLS, and
  // `user` when given), through the shell.
  RunResult etcdctl(const std::string &args, const std::string &user = "") const;
  // The value of `key`, or "" when it is absent; and its mod_revision (0 when absent).
  std::string get(const std::string &key, const std::string &user = "") const;
  uint64_t mod_revision(const std::string &key, const std::string &user = "") const;
  // The store's current revision.
  uint64_t revision(const std::string &user = "") const;

  void kill();    // SIGKILL, and reap it
  void freeze();  // SIGSTOP: it stops answering, as a hung server does
  void restart(); // starts again over the same data and ports

private:
  void start();
  void wait_ready();
  EtcdOptions options_;
  TempDir dir_;
  EtcdCerts certs_;
  int client_port_ = 0, peer_port_ = 0;
  pid_t pid_ = -1;
};

// A loopback port nothing listens on now.
int free_port();

// The value of `key` read through the gateway of the plain etcd at `endpoint` with libcurl, or "" when it
// is absent or the server does not answer within half a second: fast enough to poll every millisecond.
std::string peek(const std::string &endpoint, const std::string &key);

// Starts `etcd` with `args` (after the program name) as a child that dies with the test process, its
// standard error appended to `log`. Returns its pid.
pid_t spawn_etcd(const std::vector<std::string> &args, const std::filesystem::path &log);

// The etcd options that make a member start and elect in well under a second on loopback, and stay quiet.
std::vector<std::string> quick_etcd_options();

} // namespace ssmd::test
