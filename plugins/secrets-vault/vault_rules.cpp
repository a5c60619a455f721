// The rules of the `vault` backend, for its rule table (`ssmd rules list`); README.md lists the same, with
// the Vault answer each run-time rule stands for.
#include "common_rules.hpp"
#include "vault_backend.hpp"

namespace ssmd::vault {

std::vector<Rule> VaultBackend::rules() const {
  const std::string readme = "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-vault/README.md";
  const std::string kv = "https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2";
  std::vector<Rule> out = {
      {"vault/reference", "Checks that the source is vault/MOUNT/PATH[?version=N] with clean segments, and pins no "
                          "version on KV version 1.",
       readme, SSMD_SEVERITY_ERROR, "reference"},
      {"vault/config", "Checks that the Vault settings are well formed and a token or the chosen login's "
                       "credentials are available, with plain http to loopback only.",
       readme, SSMD_SEVERITY_ERROR, "config"},
      {"vault/login", "Checks that Vault accepted the login and returned a usable token.",
       "https://developer.hashicorp.com/vault/docs/auth", SSMD_SEVERITY_ERROR, "access"},
      {"vault/tls", "Checks that the server's certificate verifies (a warning when VAULT_SKIP_VERIFY is set).", readme,
       SSMD_SEVERITY_ERROR, "connection"},
      {"vault/unreachable", "Reports a Vault server that could not be connected to (connection refused, DNS).", readme,
       SSMD_SEVERITY_ERROR, "connection"},
      {"vault/timeout", "Reports a Vault server that did not answer within VAULT_CLIENT_TIMEOUT.", readme,
       SSMD_SEVERITY_ERROR, "connection"},
      {"vault/unavailable", "Reports a Vault server that is sealed, uninitialized or failing (412 or 5xx after every "
                            "retry, or 501).",
       readme, SSMD_SEVERITY_ERROR, "connection"},
      {"vault/permission-denied", "Reports a token that expired or may not read the secret (403).", readme,
       SSMD_SEVERITY_ERROR, "access"},
      {"vault/not-found", "Reports a secret, or a version of it, that Vault does not have (404).", kv,
       SSMD_SEVERITY_ERROR, "value"},
      {"vault/deleted", "Reports a secret version that was soft-deleted or destroyed, saying how to undelete it.", kv,
       SSMD_SEVERITY_ERROR, "value"},
      {"vault/response", "Reports an answer Vault should not give: not JSON, without the fields, a redirect, another "
                         "4xx, or over 4 MiB.",
       readme, SSMD_SEVERITY_ERROR, "value"},
      {"vault/field-type", "Checks that a field's value is a string, number or boolean.", kv, SSMD_SEVERITY_ERROR,
       "value"},
      {"vault/warning", "Passes on the warnings Vault gives with an answer.", readme, SSMD_SEVERITY_WARNING,
       "value"},
  };
  for (auto &rule : secrets::common_rules()) out.push_back(std::move(rule));
  return out;
}

} // namespace ssmd::vault
