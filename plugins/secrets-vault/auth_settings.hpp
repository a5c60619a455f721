// How the plugin logs in to Vault, chosen only by the user's or CI's configuration (`vault.auth`, or the
// variable SSMD_VAULT_AUTH), never by a repository:
//
//   token       VAULT_TOKEN, else ~/.vault-token (what `vault login` writes); the default
//   approle     role id and secret id (VAULT_ROLE_ID / VAULT_SECRET_ID, or the files vault.role_id_file /
//               vault.secret_id_file) to POST /v1/auth/<mount>/login (mount `approle`)
//   kubernetes  the pod's service-account token (vault.kubernetes_token_file, default
//               /var/run/secrets/kubernetes.io/serviceaccount/token) and vault.role to auth/kubernetes/login
//   jwt         a JWT (from the variable vault.jwt_env names, or the file vault.jwt_file: a CI system's OIDC
//               token) and vault.role (optional: Vault's default_role) to auth/jwt/login
//   agent       no token at all: a Vault Agent listener at VAULT_ADDR adds its own (use_auto_auth_token)
//
// Credentials are read only when a key needs Vault, into wiped buffers, and are never printed.
#pragma once

#include "config_lookup.hpp"
#include "secret_text.hpp"

#include <optional>
#include <string>

namespace ssmd::vault {

enum class AuthMethod { Token, AppRole, Kubernetes, Jwt, Agent };

inline constexpr const char *kKubernetesTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

struct AuthSettings {
  AuthMethod method = AuthMethod::Token;
  std::string name;                  // "token", "approle", ... as configured, for messages
  std::string mount;                 // where the auth method is mounted (vault.auth_mount; default: its name)
  std::string role;                  // vault.role (kubernetes, jwt)
  std::string role_id_file;          // vault.role_id_file (approle, when VAULT_ROLE_ID is unset)
  std::string secret_id_file;        // vault.secret_id_file (approle, when VAULT_SECRET_ID is unset)
  std::string kubernetes_token_file; // vault.kubernetes_token_file
  std::string jwt_env;               // vault.jwt_env: the variable that holds the JWT
  std::string jwt_file;              // vault.jwt_file: the file that holds it
};

// Reads the login settings. Nullopt with `why` when the method is unknown or a method lacks what it needs
// (kubernetes without a role, jwt without a source), before anything is read or sent.
std::optional<AuthSettings> load_auth_settings(const ConfigLookup &config, std::string &why);

// One credential, read into a wiped buffer: `source` names where it came from ("VAULT_ROLE_ID", a file's
// path) for messages; the value itself is never printed.
struct Credential {
  secrets::SecretText value;
  std::string source;
};

// Reads a credential from the variable `variable` (when set and not empty), else from `file` (when not
// empty): a regular file under 64 KiB, surrounding whitespace dropped. Nullopt with `why` otherwise; `what`
// names the credential in that sentence ("the AppRole secret id").
std::optional<Credential> read_credential(const char *variable, const std::string &file, const std::string &what,
                                          std::string &why);

} // namespace ssmd::vault
