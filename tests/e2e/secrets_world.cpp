#include "secrets_world.hpp"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::test {

std::string one_key_environment(const std::string &name, const std::string &source, bool required,
                                const std::string &extra) {
  return "name: " + name + "\nfeed: kalshi\nschemas: [trade:v1]\nkeys:\n  only:\n    type: api_key\n    required: " +
         (required ? "true" : "false") + "\n    fields: [api_key, api_secret]\n    source: \"" + source + "\"\n" +
         extra;
}

const VaultServer &SecretsWorld::vault() {
  static VaultServerProcess process(
      VaultServerConfig{kVaultTokenCanary, "team-a", kVaultKeyCanary, kVaultSecretCanary});
  return process.info();
}

void SecretsWorld::SetUp() {
  fs::create_directories(repo() / "exchanges" / "environments");
  fs::create_directories(out());
  fs::create_directories(tmp_.path() / "home");
  for (const char *folder : {"feeds", "schemas"})
    fs::copy(source_dir() / "exchanges" / folder, repo() / "exchanges" / folder, fs::copy_options::recursive);
  write_environment("canary", kCanaryEnvironment);
  mount("beta-creds", "token", kSealedCanary);

  env_ = {{"ALPHA_API_KEY", kEnvKeyCanary},
          {"SSMD_ALPHA_API_SECRET", kEnvSecretCanary},
          {"SSMD_SEALED_SECRET_DIR", (tmp_.path() / "mounts" / "{name}").string()},
          {"VAULT_ADDR", vault().https_address()},
          {"VAULT_CACERT", vault().ca_cert.string()},
          {"VAULT_TOKEN", kVaultTokenCanary},
          {"VAULT_MAX_RETRIES", "0"},
          {"VAULT_CLIENT_TIMEOUT", "5s"},
          {"SSMD_TEST_JUNK_VALUE", kJunkCanary},
          // No ~/.vault-token and no user configuration of the developer's take part.
          {"HOME", (tmp_.path() / "home").string()},
          {"XDG_CONFIG_HOME", (tmp_.path() / "home" / ".config").string()}};
  unset_ = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS",      "SSMD_LOCKED", "SSMD_REPO",    "SSMD_OUTPUT",    "VAULT_NAMESPACE",
            "VAULT_CAPATH",     "VAULT_SKIP_VERIFY", "GAMMA_KEY",   "GAMMA_SECRET", "SSMD_BETA_TOKEN", "VAULT_ROLE_ID",
            "VAULT_SECRET_ID",  "SSMD_VAULT_AUTH",   "SSMD_VAULT_ROLE", "SSMD_VAULT_JWT_ENV", "SSMD_VAULT_JWT_FILE",
            "SSMD_VAULT_AUTH_MOUNT", "GIT_DIR", "GIT_WORK_TREE"};
}

void SecretsWorld::write_environment(const std::string &name, const std::string &yaml) const {
  std::ofstream(repo() / "exchanges" / "environments" / (name + ".yaml")) << yaml;
}

void SecretsWorld::mount(const std::string &secret, const std::string &field, const std::string &value) const {
  fs::create_directories(tmp_.path() / "mounts" / secret);
  std::ofstream(tmp_.path() / "mounts" / secret / field, std::ios::binary) << value;
}

void SecretsWorld::write_user_config(const std::string &yaml) const {
  fs::create_directories(tmp_.path() / "home" / ".config" / "ssmd");
  std::ofstream(tmp_.path() / "home" / ".config" / "ssmd" / "config.yaml") << yaml;
}

void SecretsWorld::write_repo_file(const std::string &relative, const std::string &text) const {
  fs::create_directories((repo() / relative).parent_path());
  std::ofstream(repo() / relative, std::ios::binary) << text;
}

void SecretsWorld::git_init() const {
  git("init -q -b main");
  git("config user.name 'Jane Doe'");
  git("config user.email jane@example.com");
}

std::string SecretsWorld::git(const std::string &args, const std::map<std::string, std::string> &env) const {
  RunOptions options{repo(), {{"HOME", (tmp_.path() / "home").string()}, {"GIT_CONFIG_NOSYSTEM", "1"}, {"TZ", "UTC"}},
                     {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"}, ""};
  for (const auto &[k, v] : env) options.env[k] = v;
  RunResult r = run_shell("git " + args, options);
  EXPECT_EQ(r.exit_code, 0) << "git " << args << "\n" << r.err;
  return r.out;
}

void SecretsWorld::use_junk_backend() {
  fs::path dir = tmp_.path() / "plugins";
  copy_test_plugin(dir, "secrets-junk", "test-secrets-junk");
  plugin_args_ = {"--plugin-path", dir.string()};
}

RunResult SecretsWorld::ssmd(std::vector<std::string> args) const {
  args.insert(args.begin(), plugin_args_.begin(), plugin_args_.end());
  return run_ssmd(args, RunOptions{repo(), env_, unset_, ""});
}

Started SecretsWorld::start(std::vector<std::string> args) const {
  args.insert(args.begin(), plugin_args_.begin(), plugin_args_.end());
  const char *binary = std::getenv("SSMD_BINARY");
  if (!binary) throw std::runtime_error("SSMD_BINARY is not set; run the tests through ctest");
  args.insert(args.begin(), binary);
  Started started{-1, tmp_.path() / "started.out", tmp_.path() / "started.err"};
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0); // a group of its own, so a test that times out can stop ssmd and its child together
    int out = open(started.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(started.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0 || chdir(repo().c_str()) != 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto &name : unset_) unsetenv(name.c_str());
    for (const auto &[k, v] : env_) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char *> argv;
    for (auto &a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  started.pid = pid;
  return started;
}

std::optional<int> SecretsWorld::wait(const Started &started) {
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (waitpid(started.pid, &status, WNOHANG) == started.pid) return status;
    usleep(10000);
  }
  kill(-started.pid, SIGKILL);
  waitpid(started.pid, &status, 0);
  return std::nullopt;
}

bool SecretsWorld::wait_for(const fs::path &file, const std::string &text) {
  for (int i = 0; i < 1000; ++i) {
    if (fs::exists(file) && read_file(file).find(text) != std::string::npos) return true;
    usleep(10000);
  }
  return false;
}

void SecretsWorld::expect_no_canary(const std::string &text, const std::string &what) {
  for (const auto &canary : {kEnvKeyCanary, kEnvSecretCanary, kSealedCanary, kVaultKeyCanary, kVaultSecretCanary,
                             kVaultTokenCanary, kJunkCanary, kVaultLogin.login_token, kVaultLogin.role_id,
                             kVaultLogin.secret_id, kVaultLogin.k8s_jwt, kVaultLogin.ci_jwt}) {
    EXPECT_EQ(text.find(canary), std::string::npos) << what << " holds the canary " << canary << ":\n" << text;
    const std::string tail = canary.substr(canary.size() - 6);
    EXPECT_EQ(text.find(tail), std::string::npos) << what << " holds the tail of canary " << canary << ":\n" << text;
  }
}

void SecretsWorld::expect_clean(const RunResult &r, const std::string &what) {
  expect_no_canary(r.out, what + " (stdout)");
  expect_no_canary(r.err, what + " (stderr)");
}

std::map<std::string, std::string> SecretsWorld::snapshot() const {
  std::map<std::string, std::string> files;
  for (const auto &entry : fs::recursive_directory_iterator(repo()))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), repo()).string()] = read_file(entry.path());
  return files;
}

} // namespace ssmd::test
