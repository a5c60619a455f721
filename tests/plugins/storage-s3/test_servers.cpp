#include "test_servers.hpp"

#include "run_ssmd.hpp"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::test::s3 {

namespace {

fs::path suite_dir() { return STORAGE_S3_TEST_DIR; }  // tests/plugins/storage-s3 in the source tree
fs::path work_dir() { return STORAGE_S3_TEST_WORK; }  // its folder in the build tree
fs::path node_dir() { return work_dir() / "node"; }
fs::path node_path() { return node_dir() / "node_modules"; }

// Holds an exclusive flock on a file in the build tree while it lives.
class FileLock {
public:
  explicit FileLock(const fs::path &path) {
    fs::create_directories(path.parent_path());
    fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + path.string());
  }
  ~FileLock() { ::close(fd_); }

private:
  int fd_ = -1;
};

std::string file_text(const fs::path &path) { return fs::exists(path) ? read_file(path) : std::string(); }

std::string quoted(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> seed_arguments(const fs::path &data) {
  std::string skip;
  for (const auto &d : k_gap_days) skip += (skip.empty() ? "" : ",") + d;
  return {"--dir",  data.string(), "--bucket", k_bucket, "--feed", "kalshi", "--from", k_first_day,
          "--days", std::to_string(k_days), "--skip", skip, "--extras"};
}

} // namespace

void ensure_node_packages() {
  FileLock lock(work_dir() / "node.lock");
  const std::string wanted = file_text(suite_dir() / "package-lock.json");
  if (wanted.empty()) throw std::runtime_error("missing " + (suite_dir() / "package-lock.json").string());
  if (file_text(node_dir() / "package-lock.json") == wanted && fs::exists(node_path() / "s3rver" / "package.json"))
    return;
  fs::create_directories(node_dir());
  fs::copy_file(suite_dir() / "package.json", node_dir() / "package.json", fs::copy_options::overwrite_existing);
  fs::copy_file(suite_dir() / "package-lock.json", node_dir() / "package-lock.json", fs::copy_options::overwrite_existing);
  RunResult r = run_shell("cd " + quoted(node_dir().string()) + " && npm ci --no-audit --no-fund --loglevel=error");
  if (r.exit_code != 0) {
    fs::remove(node_dir() / "package-lock.json"); // so the next run tries again
    throw std::runtime_error("npm ci failed (exit " + std::to_string(r.exit_code) + "):\n" + r.out + r.err);
  }
}

fs::path seeded_data_dir() {
  ensure_node_packages();
  FileLock lock(work_dir() / "seed.lock");
  const fs::path data = work_dir() / "s3-data";
  // The stamp records what produced the data, so editing the seed scripts or arguments seeds again.
  std::string stamp;
  for (const char *script : {"seed.js", "manifests.js", "sigv4_verify.js"}) stamp += file_text(suite_dir() / "servers" / script);
  for (const auto &arg : seed_arguments(data)) stamp += "\n" + arg;
  const std::string stamp_text = std::to_string(std::hash<std::string>{}(stamp));
  const fs::path stamp_file = work_dir() / "s3-data.stamp";
  if (file_text(stamp_file) == stamp_text && fs::exists(data / k_bucket)) return data;

  std::string command = "node " + quoted((suite_dir() / "servers" / "seed.js").string());
  for (const auto &arg : seed_arguments(data)) command += " " + quoted(arg);
  RunOptions options;
  options.env["NODE_PATH"] = node_path().string();
  RunResult r = run_shell(command, options);
  if (r.exit_code != 0) throw std::runtime_error("seeding s3rver failed:\n" + r.out + r.err);
  std::ofstream(stamp_file, std::ios::trunc) << stamp_text;
  return data;
}

NodeServer::NodeServer(const std::string &script, const std::vector<std::string> &args) {
  ensure_node_packages();
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  // s3rver encrypts continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
  std::vector<std::string> argv = {"node", "--openssl-legacy-provider", (suite_dir() / "servers" / script).string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string modules = node_path().string();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    setenv("NODE_PATH", modules.c_str(), 1);
    std::vector<char *> c_args;
    for (auto &a : argv) c_args.push_back(a.data());
    c_args.push_back(nullptr);
    execvp("node", c_args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];

  // Wait for "listening <port>\n"; node takes a few hundred milliseconds to start.
  std::string line;
  pollfd pfd{stdout_fd_, POLLIN, 0};
  while (line.find('\n') == std::string::npos) {
    if (poll(&pfd, 1, 30000) <= 0) break;
    char buffer[256];
    ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<size_t>(n));
  }
  if (line.rfind("listening ", 0) != 0) {
    stop();
    throw std::runtime_error(script + " did not start (it printed '" + line + "')");
  }
  port_ = std::stoi(line.substr(10));
}

NodeServer::~NodeServer() { stop(); }

void NodeServer::stop() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdin_fd_ = stdout_fd_ = -1;
  pid_ = -1;
}

std::unique_ptr<NodeServer> start_s3rver(const std::string &access_key, const std::string &secret,
                                         const std::string &session_token) {
  std::vector<std::string> args = {"--dir", seeded_data_dir().string(), "--access-key", access_key, "--secret", secret};
  if (!session_token.empty()) args.insert(args.end(), {"--session-token", session_token});
  return std::make_unique<NodeServer>("s3_server.js", args);
}

std::unique_ptr<NodeServer> start_fault_server() { return std::make_unique<NodeServer>("fault_server.js", std::vector<std::string>{}); }

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0)
    throw std::runtime_error("cannot find a free port");
  close(fd);
  return ntohs(addr.sin_port);
}

int fault_attempts(const NodeServer &server, const std::string &path) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::string body;
  std::string url = server.endpoint() + "/__attempts" + path;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, +[](char *d, size_t s, size_t n, void *u) {
    static_cast<std::string *>(u)->append(d, s * n);
    return s * n;
  });
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  if (curl_easy_perform(curl.get()) != CURLE_OK) throw std::runtime_error("cannot ask " + url);
  return std::stoi(body);
}

} // namespace ssmd::test::s3
