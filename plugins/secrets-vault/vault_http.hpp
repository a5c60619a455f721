// One GET against Vault's HTTP API with libcurl, retried as the Vault CLI retries: on connection failures,
// 412 (the server has not caught up with the client's index yet) and 5xx other than 501 (not implemented),
// with a linear, jittered backoff of attempt x 1.0-1.5 s and at most VAULT_MAX_RETRIES retries. TLS is
// verified unless VAULT_SKIP_VERIFY says otherwise; redirects are not followed, so the token goes nowhere
// but VAULT_ADDR.
#pragma once

#include "secret_text.hpp"
#include "vault_settings.hpp"

#include <string>

namespace ssmd::vault {

struct HttpResult {
  enum class Outcome { Response, Unreachable, TlsFailure };
  Outcome outcome = Outcome::Response;
  long status = 0;            // the HTTP status of the last response
  secrets::SecretText body;   // the last response's body (may hold secrets), at most 4 MiB
  std::string location;       // the Location header of a redirect
  std::string error;          // libcurl's explanation when there was no response
  int attempts = 0;
};

// GETs `path` (starting with "/v1/") from settings.address.
HttpResult vault_get(const VaultSettings &settings, const std::string &path);

} // namespace ssmd::vault
