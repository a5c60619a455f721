// Getting the token the run reads secrets with, by the method auth_settings.hpp chose: the token itself
// (VAULT_TOKEN, ~/.vault-token), a login (AppRole, Kubernetes, JWT: POST /v1/auth/<mount>/login with the
// documented JSON body, the token in the answer's auth.client_token), or none (a Vault Agent adds its own).
// Every credential read and the token are added to the scrubber, so an answer that echoes one is cleaned
// before it is quoted; a failed login names the method and Vault's reason.
#pragma once

#include "auth_settings.hpp"
#include "scrub.hpp"
#include "secret_text.hpp"
#include "vault_answer.hpp"
#include "vault_settings.hpp"

#include <variant>

namespace ssmd::vault {

struct Token {
  secrets::SecretText value; // empty for a Vault Agent, which adds its own
  std::string source;        // "VAULT_TOKEN", "~/.vault-token", "the AppRole login at auth/approle", ...
};

// The token, or the finding that explains why there is none (rule vault/config for settings and
// credentials, vault/login for a login Vault refused, or the transport's own rule).
std::variant<Token, Finding> obtain_token(const VaultSettings &settings, const AuthSettings &auth, Scrubber &scrubber);

// The JSON body of a login: {"name": "value", ...} with every value escaped, built in a wiped buffer.
// Pairs with an empty value are left out.
secrets::SecretText login_body(const std::vector<std::pair<const char *, std::string_view>> &pairs);

} // namespace ssmd::vault
