#include "etcd_server.hpp"

#include <curl/curl.h>
#include <ssmd_base64/base64.hpp>
#include <ssmd_json/strict_json.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace ssmd::test {

namespace {

std::string q(const fs::path &p) { return "'" + p.string() + "'"; }

void openssl(const std::string &args) {
  auto r = run_shell("openssl " + args + " 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("openssl " + args + " failed: " + r.out + r.err);
}

// A CA, and a certificate it signs for `cn` with the extensions in `ext` (EC P-256: fast to make).
void make_ca(const fs::path &dir, const std::string &name) {
  openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" + name +
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -keyout " +
          q(dir / (name + ".key")) + " -out " + q(dir / (name + ".crt")));
}
void make_cert(const fs::path &dir, const std::string &name, const std::string &cn, const std::string &ext) {
  std::ofstream(dir / (name + ".ext")) << ext;
  openssl("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=" + cn + " -keyout " +
          q(dir / (name + ".key")) + " -out " + q(dir / (name + ".csr")));
  openssl("x509 -req -days 2 -in " + q(dir / (name + ".csr")) + " -CA " + q(dir / "ca.crt") + " -CAkey " +
          q(dir / "ca.key") + " -CAcreateserial -extfile " + q(dir / (name + ".ext")) + " -out " +
          q(dir / (name + ".crt")));
}

uint64_t json_uint(const std::string &text, const std::vector<std::string> &path) {
  strict_json::Json root;
  if (strict_json::parse(text, root)) throw std::runtime_error("etcdctl printed no JSON: " + text);
  const strict_json::Json *node = &root;
  for (const auto &step : path) {
    if (step == "0") node = node->is_array() && !node->empty() ? &node->front() : nullptr;
    else node = strict_json::member(*node, step);
    if (!node) return 0;
  }
  return node->is_number_unsigned() ? node->get<uint64_t>() : 0;
}

} // namespace

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0)
    throw std::runtime_error("cannot find a free port");
  close(fd);
  return ntohs(addr.sin_port);
}

EtcdServer::EtcdServer(EtcdOptions options) : options_(options) {
  if (std::string(SSMD_ETCD).empty())
    throw std::runtime_error("etcd is not installed (Debian: etcd-server, etcd-client); run scripts/setup.sh");
  if (options_.tls) {
    const fs::path d = dir_.path();
    make_ca(d, "ca");
    // etcd's JSON gateway connects to the server's own gRPC port with the server's certificate, so under
    // --client-cert-auth that certificate must be good for client authentication too (as etcd's docs say).
    make_cert(d, "server", "localhost",
              "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
              "extendedKeyUsage=serverAuth,clientAuth\n");
    make_cert(d, "client", "ssmd-publisher", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
    fs::create_directories(d / "other");
    make_ca(d / "other", "ca");
    certs_ = EtcdCerts{d / "ca.crt", d / "server.crt", d / "server.key", d / "client.crt", d / "client.key", d / "other" / "ca.crt"};
  }
  client_port_ = free_port();
  peer_port_ = free_port();
  start();
}

EtcdServer::~EtcdServer() { kill(); }

EtcdServer &EtcdServer::shared() {
  static EtcdServer server; // stopped, and its data removed, when the test process exits
  return server;
}

std::string EtcdServer::url(const std::string &prefix) const {
  return std::string(options_.tls ? "etcd+https://" : "etcd://") + endpoint() + prefix;
}

void EtcdServer::start() {
  const std::string scheme = options_.tls ? "https" : "http";
  const std::string client = scheme + "://" + endpoint();
  const std::string peer = "http://127.0.0.1:" + std::to_string(peer_port_);
  std::vector<std::string> args = {"--name=ssmd-test",
                                   "--data-dir=" + (dir_.path() / "data").string(),
                                   "--listen-client-urls=" + client,
                                   "--advertise-client-urls=" + client,
                                   "--listen-peer-urls=" + peer,
                                   "--initial-advertise-peer-urls=" + peer,
                                   "--initial-cluster=ssmd-test=" + peer};
  for (const auto &option : quick_etcd_options()) args.push_back(option);
  if (options_.tls) {
    args.push_back("--cert-file=" + certs_.server_cert.string());
    args.push_back("--key-file=" + certs_.server_key.string());
    args.push_back("--trusted-ca-file=" + certs_.ca.string());
    args.push_back("--client-cert-auth=true");
  }
  pid_ = spawn_etcd(args, dir_.path() / "etcd.log");
  wait_ready();
}

std::string peek(const std::string &endpoint, const std::string &key) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::string body = "{\"key\":\"" + ssmd::base64::encode(key) + "\"}", answer;
  std::string url = "http://" + endpoint + "/v3/kv/range";
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 500L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, +[](char *d, size_t s, size_t n, void *u) {
    static_cast<std::string *>(u)->append(d, s * n);
    return s * n;
  });
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer);
  if (curl_easy_perform(curl.get()) != CURLE_OK) return "";
  size_t at = answer.find("\"value\":\"");
  if (at == std::string::npos) return "";
  at += 9;
  return ssmd::base64::decode(answer.substr(at, answer.find('"', at) - at)).value_or("");
}

std::vector<std::string> quick_etcd_options() {
  return {"--heartbeat-interval=10", "--election-timeout=100", "--logger=zap", "--log-level=error"};
}

pid_t spawn_etcd(const std::vector<std::string> &args, const fs::path &log) {
  // Everything the child needs is made before fork: it only calls async-signal-safe functions.
  std::vector<std::string> argv_text = {SSMD_ETCD};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (auto &a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log_path = log.string();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) ::dup2(fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

void EtcdServer::wait_ready() {
  for (int i = 0; i < 200; ++i) {
    if (etcdctl("--dial-timeout=300ms --command-timeout=1s endpoint health").exit_code == 0) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("etcd exited while starting: " + read_file(dir_.path() / "etcd.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("etcd did not become healthy: " + read_file(dir_.path() / "etcd.log"));
}

RunResult EtcdServer::etcdctl(const std::string &args, const std::string &user) const {
  std::string command = std::string(SSMD_ETCDCTL) + " --endpoints=" + (options_.tls ? "https://" : "http://") + endpoint();
  if (options_.tls)
    command += " --cacert=" + q(certs_.ca) + " --cert=" + q(certs_.client_cert) + " --key=" + q(certs_.client_key);
  if (!user.empty()) command += " --user='" + user + "'";
  RunOptions o;
  o.env = {{"ETCDCTL_API", "3"}};
  o.unset_env = {"ETCDCTL_USER", "ETCDCTL_PASSWORD", "ETCDCTL_CACERT", "ETCDCTL_CERT", "ETCDCTL_KEY", "ETCDCTL_ENDPOINTS"};
  return run_shell(command + " " + args, o);
}

std::string EtcdServer::get(const std::string &key, const std::string &user) const {
  RunResult r = etcdctl("get --print-value-only '" + key + "'", user);
  if (r.exit_code != 0) throw std::runtime_error("etcdctl get failed: " + r.err);
  if (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

uint64_t EtcdServer::mod_revision(const std::string &key, const std::string &user) const {
  RunResult r = etcdctl("get -w json '" + key + "'", user);
  if (r.exit_code != 0) throw std::runtime_error("etcdctl get failed: " + r.err);
  return json_uint(r.out, {"kvs", "0", "mod_revision"});
}

uint64_t EtcdServer::revision(const std::string &user) const {
  RunResult r = etcdctl("get -w json /", user);
  if (r.exit_code != 0) throw std::runtime_error("etcdctl get failed: " + r.err);
  return json_uint(r.out, {"header", "revision"});
}

void EtcdServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void EtcdServer::freeze() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void EtcdServer::restart() {
  kill();
  start();
}

} // namespace ssmd::test
