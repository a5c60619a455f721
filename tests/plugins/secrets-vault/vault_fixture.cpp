#include "vault_fixture.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fs = std::filesystem;

namespace ssmd::test {

namespace {
void openssl(const std::string &args) {
  auto r = run_shell(std::string(SSMD_OPENSSL) + " " + args + " 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("openssl " + args + " failed: " + r.out + r.err);
}

std::string q(const fs::path &p) { return "'" + p.string() + "'"; }

// A CA (EC P-256, fast to make) and, when `server_dir` is set, a server certificate it signs for 127.0.0.1.
void make_ca(const fs::path &dir, const std::string &name) {
  openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" + name +
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -keyout " +
          q(dir / (name + ".key")) + " -out " + q(dir / (name + ".crt")));
}

void make_server_cert(const fs::path &dir, const std::string &ca) {
  std::ofstream(dir / "server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                                       "extendedKeyUsage=serverAuth\n";
  openssl("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost -keyout " +
          q(dir / "server.key") + " -out " + q(dir / "server.csr"));
  openssl("x509 -req -days 2 -in " + q(dir / "server.csr") + " -CA " + q(dir / (ca + ".crt")) + " -CAkey " +
          q(dir / (ca + ".key")) + " -CAcreateserial -extfile " + q(dir / "server.ext") + " -out " +
          q(dir / "server.crt"));
}

// The server process; the destructor stops it by its pid when the test process exits.
struct ServerProcess {
  pid_t pid = -1;
  int lifeline = -1;
  VaultServer info;
  TempDir dir;

  ServerProcess() {
    const fs::path d = dir.path();
    make_ca(d, "test-ca");
    make_ca(d, "wrong-ca");
    make_server_cert(d, "test-ca");
    info.ca_cert = d / "test-ca.crt";
    info.wrong_ca_cert = d / "wrong-ca.crt";
    info.ca_dir = d / "ca-dir";
    fs::create_directories(info.ca_dir);
    fs::copy_file(info.ca_cert, info.ca_dir / "ca.pem");
    info.log = d / "requests.log";
    std::ofstream(info.log).close();
    std::ofstream(d / "config.json")
        << "{\"cert\":\"" << (d / "server.crt").string() << "\",\"key\":\"" << (d / "server.key").string()
        << "\",\"token\":\"" << kToken << "\",\"namespace\":\"team-a\",\"log\":\"" << info.log.string()
        << "\",\"values\":{\"api_key\":\"" << kCanaryKey << "\",\"api_secret\":\"" << kCanarySecret << "\"}}";
    start(d / "config.json");
  }

  void start(const fs::path &config) {
    int out[2], in[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    std::string node = SSMD_NODE, script = SSMD_VAULT_SERVER_JS, cfg = config.string();
    char *argv[] = {node.data(), script.data(), cfg.data(), nullptr};
    int rc = posix_spawn(&pid, node.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(in[0]);
    lifeline = in[1]; // held until this process ends; see vault_server.js
    if (rc != 0) throw std::runtime_error("cannot start node");
    std::string line;
    pollfd fd{out[0], POLLIN, 0};
    char c;
    while (line.find('\n') == std::string::npos && poll(&fd, 1, 10000) > 0 && read(out[0], &c, 1) == 1) line += c;
    close(out[0]);
    auto number_after = [&](const std::string &key) {
      size_t at = line.find("\"" + key + "\":");
      if (at == std::string::npos) throw std::runtime_error("vault_server.js did not start: " + line);
      return std::stoi(line.substr(at + key.size() + 3));
    };
    info.https_port = number_after("https");
    info.http_port = number_after("http");
  }

  ~ServerProcess() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

std::vector<std::string> log_lines(const std::filesystem::path &log) {
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
} // namespace

LoadedPlugin &VaultTest::plugin() {
  static LoadedPlugin loaded("secrets-vault");
  return loaded;
}

const VaultServer &VaultTest::server() {
  static ServerProcess process;
  return process.info;
}

void VaultTest::SetUp() {
  // Loading here rather than in SetUpTestSuite makes a failure fail the test instead of skipping it.
  ASSERT_NE(backend(), nullptr);
  server();
  for (const char *name : {"VAULT_ADDR", "VAULT_TOKEN", "VAULT_NAMESPACE", "VAULT_CACERT", "VAULT_CAPATH",
                           "VAULT_SKIP_VERIFY", "VAULT_CLIENT_TIMEOUT", "VAULT_MAX_RETRIES"})
    unsetenv(name);
  // A HOME without ~/.vault-token, so the developer's own token never takes part.
  if (const char *home = std::getenv("HOME")) saved_home_ = home;
  set_env("HOME", home_.path().string());
}

void VaultTest::TearDown() {
  for (const auto &name : env_set_) unsetenv(name.c_str());
  if (!saved_home_.empty()) setenv("HOME", saved_home_.c_str(), 1);
}

void VaultTest::set_env(const std::string &name, const std::string &value) {
  setenv(name.c_str(), value.c_str(), 1);
  env_set_.insert(name);
}

void VaultTest::use_https() {
  set_env("VAULT_ADDR", server().https_address());
  set_env("VAULT_CACERT", server().ca_cert.string());
  set_env("VAULT_TOKEN", kToken);
  set_env("VAULT_MAX_RETRIES", "0");
}

size_t VaultTest::requests_to(const std::string &path) {
  size_t n = 0;
  for (const auto &line : log_lines(server().log)) n += line.rfind(path + " ", 0) == 0;
  return n;
}

size_t VaultTest::requests_total() { return log_lines(server().log).size(); }

KeyRequest VaultTest::key(const std::string &source, const std::string &extra) {
  return KeyRequest("type: api_key\nrequired: true\nfields: [api_key, api_secret]\nsource: " + source +
                    "\nrotation_days: 90\n" + extra);
}

Resolution VaultTest::resolve_clean(const KeyRequest &req) {
  Resolution r = resolve(backend(), host(), req);
  expect_no_canary(all_text(r.diagnostics), {kToken, kCanaryKey, kCanarySecret}, "diagnostics");
  return r;
}

} // namespace ssmd::test
