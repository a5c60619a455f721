#include "vault_server_process.hpp"

#include <csignal>
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

// A self-signed CA (EC P-256, fast to make).
void make_ca(const fs::path &dir, const std::string &name) {
  openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" + name +
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -keyout " +
          q(dir / (name + ".key")) + " -out " + q(dir / (name + ".crt")));
}

// A server certificate for 127.0.0.1 and localhost, signed by CA `ca`.
void make_server_cert(const fs::path &dir, const std::string &ca) {
  std::ofstream(dir / "server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                                       "extendedKeyUsage=serverAuth\n";
  openssl("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost -keyout " +
          q(dir / "server.key") + " -out " + q(dir / "server.csr"));
  openssl("x509 -req -days 2 -in " + q(dir / "server.csr") + " -CA " + q(dir / (ca + ".crt")) + " -CAkey " +
          q(dir / (ca + ".key")) + " -CAcreateserial -extfile " + q(dir / "server.ext") + " -out " +
          q(dir / "server.crt"));
}
} // namespace

VaultServerProcess::VaultServerProcess(const VaultServerConfig &config) {
  const fs::path d = dir_.path();
  make_ca(d, "test-ca");
  make_ca(d, "wrong-ca");
  make_server_cert(d, "test-ca");
  info_.ca_cert = d / "test-ca.crt";
  info_.wrong_ca_cert = d / "wrong-ca.crt";
  info_.ca_dir = d / "ca-dir";
  fs::create_directories(info_.ca_dir);
  fs::copy_file(info_.ca_cert, info_.ca_dir / "ca.pem");
  info_.log = d / "requests.log";
  std::ofstream(info_.log).close();
  std::ofstream(d / "config.json") << "{\"cert\":\"" << (d / "server.crt").string() << "\",\"key\":\""
                                   << (d / "server.key").string() << "\",\"token\":\"" << config.token
                                   << "\",\"namespace\":\"" << config.name_space << "\",\"log\":\""
                                   << info_.log.string() << "\",\"values\":{\"api_key\":\"" << config.api_key
                                   << "\",\"api_secret\":\"" << config.api_secret << "\"},\"login_token\":\""
                                   << config.login_token << "\",\"role_id\":\"" << config.role_id
                                   << "\",\"secret_id\":\"" << config.secret_id << "\",\"k8s_role\":\""
                                   << config.k8s_role << "\",\"k8s_jwt\":\"" << config.k8s_jwt
                                   << "\",\"jwt_role\":\"" << config.jwt_role << "\",\"ci_jwt\":\""
                                   << config.ci_jwt << "\"}";
  start(d / "config.json");
}

void VaultServerProcess::start(const fs::path &config) {
  int out[2], in[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  std::string node = SSMD_NODE, script = SSMD_VAULT_SERVER_JS, cfg = config.string();
  char *argv[] = {node.data(), script.data(), cfg.data(), nullptr};
  int rc = posix_spawn(&pid_, node.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(in[0]);
  lifeline_ = in[1]; // held until this process ends; see vault_server.js
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
  info_.https_port = number_after("https");
  info_.http_port = number_after("http");
  info_.agent_port = number_after("agent");
}

VaultServerProcess::~VaultServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (lifeline_ >= 0) close(lifeline_);
}

std::vector<std::string> vault_log_lines(const fs::path &log) {
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

} // namespace ssmd::test
