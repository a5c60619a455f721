// Every way the plugin logs in to Vault, against vault_server.js (a local implementation of the login
// endpoints Vault documents, not Vault): token, AppRole, Kubernetes, JWT/OIDC and a Vault Agent listener, their
// error answers, and that the method and its credentials come only from the user's configuration. No
// finding ever holds a token or a credential: resolve_clean() searches every finding for them.
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace ssmd::test;

namespace {
class VaultLogin : public VaultTest {
protected:
  const VaultServerConfig &login() const { return config_; }
  // A file in this test's home holding `text`, for the *_file settings.
  std::string file(const std::string &name, const std::string &text) {
    std::ofstream(home_.path() / name) << text;
    return (home_.path() / name).string();
  }
  // The lines the server logged for `path` since `from` (an index into the log).
  static std::vector<std::string> log_since(size_t from, const std::string &path) {
    std::vector<std::string> out;
    auto lines = vault_log_lines(server().log);
    for (size_t i = from; i < lines.size(); ++i)
      if (lines[i].rfind(path + " ", 0) == 0) out.push_back(lines[i]);
    return out;
  }
  void use_approle() {
    use_https();
    unsetenv("VAULT_TOKEN");
    set_config("vault.auth", "approle");
    set_env("VAULT_ROLE_ID", login().role_id);
    set_env("VAULT_SECRET_ID", login().secret_id);
  }
  VaultServerConfig config_; // its login defaults are the server's
};
} // namespace

TEST_F(VaultLogin, AppRoleLogsInOnceAndReadsWithTheIssuedToken) {
  use_approle();
  const size_t from = requests_total();
  auto first = resolve_in_run(key("vault/secret/ssmd/kalshi"));
  auto second = resolve_in_run(key("vault/kv/ssmd/kalshi"));
  end_run();
  EXPECT_EQ(first.status, SSMD_OK) << first.diagnostics.dump();
  EXPECT_EQ(second.status, SSMD_OK) << second.diagnostics.dump();
  EXPECT_EQ(first.values.at("api_key"), kCanaryKey);
  // One login for the run, with the documented body and no token; the reads carry the issued token.
  EXPECT_EQ(log_since(from, "/v1/auth/approle/login"),
            std::vector<std::string>{"/v1/auth/approle/login ns=- token=none body=role_id,secret_id"});
  EXPECT_EQ(log_since(from, "/v1/secret/data/ssmd/kalshi"),
            std::vector<std::string>{"/v1/secret/data/ssmd/kalshi ns=- token=ok"});
  // A new run logs in again: the token lived only in memory for the run before.
  auto again = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(again.status, SSMD_OK) << again.diagnostics.dump();
  EXPECT_EQ(log_since(from, "/v1/auth/approle/login").size(), 2u);
}

TEST_F(VaultLogin, AppRoleCredentialsComeFromFilesAndAnotherMount) {
  use_approle();
  unsetenv("VAULT_ROLE_ID");
  unsetenv("VAULT_SECRET_ID");
  set_config("vault.role_id_file", file("role-id", login().role_id + "\n"));
  set_config("vault.secret_id_file", file("secret-id", "  " + login().secret_id + "\n"));
  set_config("vault.auth_mount", "ci-approle");
  const size_t from = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(log_since(from, "/v1/auth/ci-approle/login").size(), 1u);
}

TEST_F(VaultLogin, AWrongSecretIdNamesTheMethodAndVaultsReasonAndReadsNothing) {
  use_approle();
  set_env("VAULT_SECRET_ID", "wrong-secret-id-canary-4e2a");
  const size_t before = requests_to("/v1/secret/data/ssmd/kalshi");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/login",
                          {"AppRole login", "auth/approle/login", "400", "Vault said: invalid role or secret ID",
                           "`kalshi`", "`kalshi-dev`"}))
      << r.diagnostics.dump();
  expect_no_canary(all_text(r.diagnostics), {"wrong-secret-id-canary-4e2a"}, "diagnostics");
  EXPECT_TRUE(r.values.empty());
  EXPECT_EQ(requests_to("/v1/secret/data/ssmd/kalshi"), before);
}

TEST_F(VaultLogin, AMissingCredentialIsAConfigurationErrorBeforeAnyRequest) {
  use_approle();
  unsetenv("VAULT_SECRET_ID");
  const size_t before = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"secret id", "VAULT_SECRET_ID", "vault.secret_id_file"}))
      << r.diagnostics.dump();
  set_config("vault.secret_id_file", (home_.path() / "nothing-here").string());
  auto unreadable = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(unreadable.diagnostics, "vault/config", {"cannot be read", "nothing-here"}))
      << unreadable.diagnostics.dump();
  EXPECT_EQ(requests_total(), before);
}

TEST_F(VaultLogin, AnEchoedCredentialIsScrubbedFromVaultsReason) {
  // The `echo` mount quotes the whole login body back in its error, as a misbehaving proxy might.
  use_approle();
  set_config("vault.auth_mount", "echo");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/login", {"invalid credentials", "[redacted]", "role_id", "secret_id"}))
      << r.diagnostics.dump();
  for (const std::string method : {"kubernetes", "jwt"}) {
    set_config("vault.auth", method);
    set_config("vault.role", "ssmd");
    set_config("vault.kubernetes_token_file", file("sa-token", login().k8s_jwt));
    set_config("vault.jwt_file", file("ci-jwt", login().ci_jwt));
    auto echoed = resolve_clean(key("vault/secret/ssmd/kalshi"));
    EXPECT_TRUE(has_finding(echoed.diagnostics, "vault/login", {"invalid credentials", "[redacted]"}))
        << method << "\n" << echoed.diagnostics.dump();
  }
}

TEST_F(VaultLogin, KubernetesSendsTheServiceAccountTokenAndRole) {
  use_https();
  unsetenv("VAULT_TOKEN");
  set_config("vault.auth", "kubernetes");
  set_config("vault.role", login().k8s_role);
  set_config("vault.kubernetes_token_file", file("token", login().k8s_jwt + "\n"));
  const size_t from = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
  EXPECT_EQ(log_since(from, "/v1/auth/kubernetes/login"),
            std::vector<std::string>{"/v1/auth/kubernetes/login ns=- token=none body=role,jwt"});
}

TEST_F(VaultLogin, KubernetesFailuresNameTheRoleProblemOrTheMissingToken) {
  use_https();
  unsetenv("VAULT_TOKEN");
  set_config("vault.auth", "kubernetes");
  set_config("vault.role", "other-role");
  set_config("vault.kubernetes_token_file", file("token", login().k8s_jwt));
  auto role = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(role.diagnostics, "vault/login", {"Kubernetes login", "400", "invalid role name \"other-role\""}))
      << role.diagnostics.dump();
  set_config("vault.role", login().k8s_role);
  set_config("vault.kubernetes_token_file", file("token", "eyJ.not-the-right.service-account-token"));
  auto denied = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(denied.diagnostics, "vault/login", {"Kubernetes login", "403", "permission denied"}))
      << denied.diagnostics.dump();
  expect_no_canary(all_text(denied.diagnostics), {"not-the-right.service-account-token"}, "diagnostics");
  set_config("vault.kubernetes_token_file", (home_.path() / "no-such-token").string());
  auto missing = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(missing.diagnostics, "vault/config", {"service-account token", "no-such-token"}))
      << missing.diagnostics.dump();
  set_config("vault.role", "~");
  auto no_role = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(no_role.diagnostics, "vault/config", {"vault.role"})) << no_role.diagnostics.dump();
}

TEST_F(VaultLogin, JwtFromAVariableOrAFileWithOrWithoutARole) {
  use_https();
  unsetenv("VAULT_TOKEN");
  set_env("SSMD_VAULT_AUTH", "jwt"); // CI's configuration: variables count as the user's
  set_env("CI_JOB_JWT_V2", login().ci_jwt);
  set_config("vault.jwt_env", "CI_JOB_JWT_V2");
  const size_t from = requests_total();
  auto default_role = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(default_role.status, SSMD_OK) << default_role.diagnostics.dump();
  set_config("vault.role", login().jwt_role);
  set_config("vault.jwt_env", "~");
  set_config("vault.jwt_file", file("oidc-token", login().ci_jwt));
  auto with_role = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(with_role.status, SSMD_OK) << with_role.diagnostics.dump();
  EXPECT_EQ(log_since(from, "/v1/auth/jwt/login"),
            (std::vector<std::string>{"/v1/auth/jwt/login ns=- token=none body=jwt",
                                      "/v1/auth/jwt/login ns=- token=none body=role,jwt"}));
}

TEST_F(VaultLogin, JwtFailuresNameTheMethodAndNeverTheToken) {
  use_https();
  unsetenv("VAULT_TOKEN");
  set_config("vault.auth", "jwt");
  set_config("vault.jwt_file", file("oidc-token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.forged-signature-canary"));
  auto forged = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(forged.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(forged.diagnostics, "vault/login", {"JWT login", "auth/jwt/login", "failed to verify"}))
      << forged.diagnostics.dump();
  expect_no_canary(all_text(forged.diagnostics), {"forged-signature-canary", "eyJzdWIiOiJmb3JnZWQifQ"}, "diagnostics");
  set_config("vault.jwt_file", file("oidc-token", login().ci_jwt));
  set_config("vault.role", "nobody");
  auto role = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(role.diagnostics, "vault/login", {"role \"nobody\" could not be found"}))
      << role.diagnostics.dump();
  set_config("vault.jwt_file", "~");
  auto none = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(none.diagnostics, "vault/config", {"vault.jwt_env", "vault.jwt_file"})) << none.diagnostics.dump();
}

TEST_F(VaultLogin, AnAuthMethodVaultDoesNotServeThereIsExplained) {
  use_approle();
  set_config("vault.auth_mount", "nowhere");
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/login", {"405", "auth/nowhere", "vault.auth_mount"})) << r.diagnostics.dump();
}

TEST_F(VaultLogin, AVaultAgentListenerWorksWithNoTokenConfigured) {
  use_https();
  unsetenv("VAULT_TOKEN");
  unsetenv("VAULT_CACERT");
  set_env("VAULT_ADDR", server().agent_address());
  // The token method has nothing to send and says so, naming the agent method.
  auto token = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(token.diagnostics, "vault/config", {"no Vault token", "agent"})) << token.diagnostics.dump();
  set_config("vault.auth", "agent");
  const size_t from = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  // The request went out without a token; the agent added its own.
  EXPECT_EQ(log_since(from, "/v1/secret/data/ssmd/kalshi"),
            std::vector<std::string>{"/v1/secret/data/ssmd/kalshi ns=- token=injected"});
}

TEST_F(VaultLogin, AnUnknownMethodIsAConfigurationError) {
  use_https();
  set_config("vault.auth", "userpass");
  const size_t before = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_TRUE(has_finding(r.diagnostics, "vault/config", {"userpass", "token, approle, kubernetes, jwt or agent"}))
      << r.diagnostics.dump();
  EXPECT_EQ(requests_total(), before);
}

TEST_F(VaultLogin, ARepositorysSettingsChooseNothing) {
  // What a repository's .ssmd/config.yaml or ssmd.yaml says reaches config() only; the plugin reads
  // trusted_config() (ABI 1.3), so none of it changes where the token goes or how the plugin logs in.
  use_https();
  plugin().set_repository_config("vault.address", "\"" + server().http_address() + "\"");
  plugin().set_repository_config("vault.auth", "approle");
  plugin().set_repository_config("vault.auth_mount", "echo");
  plugin().set_repository_config("vault.namespace", "repository-chosen");
  plugin().set_repository_config("vault.mounts.secret.kv_version", "1");
  const size_t from = requests_total();
  auto r = resolve_clean(key("vault/secret/ssmd/kalshi"));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(log_since(from, "/v1/secret/data/ssmd/kalshi"),
            std::vector<std::string>{"/v1/secret/data/ssmd/kalshi ns=- token=ok"});
  EXPECT_TRUE(log_since(from, "/v1/auth/echo/login").empty());
  EXPECT_TRUE(log_since(from, "/v1/auth/approle/login").empty());
}
