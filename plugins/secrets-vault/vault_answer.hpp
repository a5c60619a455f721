// What every Vault request's outcome means, whatever was asked (a login, the KV version of a mount, a
// secret): no answer (unreachable, TLS, timeout, too large, a header refused), a redirect, 412 and 5xx, 501;
// and Vault's `{"errors": [...]}` bodies, quoted on one line with every known secret scrubbed out.
#pragma once

#include "scrub.hpp"
#include "secret_json.hpp"
#include "vault_http.hpp"
#include "vault_settings.hpp"

#include <ssmd/plugin.h>

#include <optional>
#include <string>

namespace ssmd::vault {

// One finding: its status, rule and sentence (to follow the key's name). Never holds a secret.
struct Finding {
  ssmd_status status = SSMD_ENV_ERROR;
  std::string rule;
  std::string message;
};

// A response body parsed as a JSON object; `root` is null when it is not one (`why` says how).
struct Body {
  std::optional<SecretJson> value;
  const SecretJson *root = nullptr;
  std::string why;
};
Body parse_body(const HttpResult &http);

// Vault's `errors` strings, each on one line, scrubbed, joined with "; "; empty when there are none.
std::string vault_errors(const Body &body, const Scrubber &scrubber);
// "; Vault said: <errors>" or "".
std::string vault_said(const std::string &errors);
// `text` on one line (runs of whitespace become one space, control characters go), at most 300 characters.
std::string one_line(std::string_view text);

// The finding for an outcome that is not an HTTP answer, or for an answer whose meaning does not depend on
// what was asked (3xx, 412, 5xx, 501); nullopt otherwise. `doing` finishes "... while <doing>" style
// sentences: "reading vault/secret/x", "logging in with approle".
std::optional<Finding> common_finding(const HttpResult &http, const Body &body, const VaultSettings &settings,
                                      const Scrubber &scrubber, const std::string &doing);

} // namespace ssmd::vault
