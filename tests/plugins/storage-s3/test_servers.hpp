// The Node.js servers the storage-s3 suite runs against, on free loopback ports:
//   s3_server.js     s3rver over a seeded data directory, with SigV4 checked in front
//   fault_server.js  an S3 look-alike that fails on purpose (503s, 429s, slow bodies, bad XML)
// npm packages come from package-lock.json through `npm ci` into the build tree, once, under a file lock
// so parallel test processes share one install; the data directory is seeded once the same way.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ssmd::test::s3 {

// The seeded bucket: kalshi manifests for 410 days from 2024-01-01 except the two `k_gap_days`, plus the
// objects seed.js adds with --extras (odd keys, polymarket, kalshi-archive, big/large.bin, and the `flaky` feed
// whose days go wrong on purpose, raw at the root and normalized under normalized/).
inline constexpr const char *k_bucket = "market-data";
inline constexpr const char *k_first_day = "2024-01-01";
inline constexpr int k_days = 410;
inline const std::vector<std::string> k_gap_days = {"2024-02-29", "2024-07-04"};

// Installs the npm packages (idempotent); throws with npm's output when that fails.
void ensure_node_packages();

// Seeds the shared s3rver data directory if its stamp is missing or stale, and returns it.
std::filesystem::path seeded_data_dir();

// One running Node.js server. It prints "listening <port>" when ready and exits when its stdin closes,
// so it cannot outlive the test process.
class NodeServer {
public:
  NodeServer(const std::string &script, const std::vector<std::string> &args);
  ~NodeServer();
  NodeServer(const NodeServer &) = delete;
  NodeServer &operator=(const NodeServer &) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
  void stop();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

// Starts s3_server.js over the seeded data with these credentials.
std::unique_ptr<NodeServer> start_s3rver(const std::string &access_key, const std::string &secret,
                                         const std::string &session_token = "");

// Starts fault_server.js.
std::unique_ptr<NodeServer> start_fault_server();

// A loopback port nothing listens on (bound, then released).
int closed_port();

// How many requests the fault server has seen for `path` ("/bucket/key").
int fault_attempts(const NodeServer &server, const std::string &path);

} // namespace ssmd::test::s3
