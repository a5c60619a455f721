#include "vault_fixture.hpp"

#include <cstdlib>

namespace ssmd::test {

LoadedPlugin &VaultTest::plugin() {
  static LoadedPlugin loaded("secrets-vault");
  return loaded;
}

namespace {
const VaultServerConfig &server_config() {
  static const VaultServerConfig config{kToken, "team-a", kCanaryKey, kCanarySecret};
  return config;
}
} // namespace

const VaultServer &VaultTest::server() {
  static VaultServerProcess process(server_config());
  return process.info();
}

std::vector<std::string> VaultTest::canaries() {
  const VaultServerConfig &c = server_config();
  return {kToken, kCanaryKey, kCanarySecret, c.login_token, c.role_id, c.secret_id, c.k8s_jwt, c.ci_jwt,
          // The JWTs' signature parts, which a server might echo on their own.
          c.k8s_jwt.substr(c.k8s_jwt.rfind('.') + 1), c.ci_jwt.substr(c.ci_jwt.rfind('.') + 1)};
}

void VaultTest::SetUp() {
  // Loading here rather than in SetUpTestSuite makes a failure fail the test instead of skipping it.
  ASSERT_NE(backend(), nullptr);
  server();
  for (const char *name : {"VAULT_ADDR", "VAULT_TOKEN", "VAULT_NAMESPACE", "VAULT_CACERT", "VAULT_CAPATH",
                           "VAULT_SKIP_VERIFY", "VAULT_CLIENT_TIMEOUT", "VAULT_MAX_RETRIES", "VAULT_ROLE_ID",
                           "VAULT_SECRET_ID", "SSMD_VAULT_AUTH", "SSMD_VAULT_AUTH_MOUNT", "SSMD_VAULT_ROLE",
                           "SSMD_VAULT_ROLE_ID_FILE", "SSMD_VAULT_SECRET_ID_FILE", "SSMD_VAULT_KUBERNETES_TOKEN_FILE",
                           "SSMD_VAULT_JWT_ENV", "SSMD_VAULT_JWT_FILE"})
    unsetenv(name);
  plugin().clear_config();
  end_run(); // a run a failed test left open
  // A HOME without ~/.vault-token, so the developer's own token never takes part.
  if (const char *home = std::getenv("HOME")) saved_home_ = home;
  set_env("HOME", home_.path().string());
}

void VaultTest::TearDown() {
  end_run();
  plugin().clear_config();
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
  for (const auto &line : vault_log_lines(server().log)) n += line.rfind(path + " ", 0) == 0;
  return n;
}

size_t VaultTest::requests_total() { return vault_log_lines(server().log).size(); }

KeyRequest VaultTest::key(const std::string &source, const std::string &extra) {
  return KeyRequest("type: api_key\nrequired: true\nfields: [api_key, api_secret]\nsource: " + source +
                    "\nrotation_days: 90\n" + extra);
}

Resolution VaultTest::resolve_clean(const KeyRequest &req) {
  Resolution r = resolve_in_run(req);
  end_run();
  return r;
}

Resolution VaultTest::resolve_in_run(const KeyRequest &req) {
  Resolution r = resolve(backend(), host(), req);
  expect_no_canary(all_text(r.diagnostics), canaries(), "diagnostics");
  return r;
}

} // namespace ssmd::test
