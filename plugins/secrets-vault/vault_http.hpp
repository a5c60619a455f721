// One request to Vault's HTTP API through plugins/common's HTTP client (ssmd_net), retried by its policy with
// the Vault CLI's numbers: on connection failures, 412 (the server has not caught up with the client's index
// yet), 429, 500, 502, 503 and 504, with a linear, jittered backoff of attempt x 1.0-1.5 s and at most
// VAULT_MAX_RETRIES retries. A request that times out (the server accepted the connection but did not answer
// within VAULT_CLIENT_TIMEOUT) is not retried: the timeout bounds the wait. TLS is verified unless
// VAULT_SKIP_VERIFY says otherwise; redirects are not followed, so the token goes nowhere but VAULT_ADDR.
// Every header value is checked before it is sent: one holding a control character is refused, never sent.
// The answer is kept in wiped memory, the token's header line and libcurl's copy of it are wiped after use.
#pragma once

#include "secret_text.hpp"
#include "vault_settings.hpp"

#include <string>
#include <string_view>

namespace ssmd::vault {

inline constexpr size_t kMaxBody = 4u << 20; // the largest answer read; a larger one is refused as too large

struct HttpResult {
  // Response: an HTTP answer arrived. Unreachable: no connection (refused, DNS, reset). TlsFailure: the
  // certificate did not verify. Timeout: connected, but no whole answer within VAULT_CLIENT_TIMEOUT.
  // TooLarge: the answer exceeded kMaxBody. BadHeader: a header value held a control character; nothing sent.
  enum class Outcome { Response, Unreachable, TlsFailure, Timeout, TooLarge, BadHeader };
  Outcome outcome = Outcome::Response;
  long status = 0;            // the HTTP status of the last response
  secrets::SecretText body;   // the last response's body (may hold secrets), at most 4 MiB
  std::string location;       // the Location header of a redirect
  std::string error;          // libcurl's explanation when there was no response
  int attempts = 0;
  bool overflowed = false;    // the body reached kMaxBody and the transfer was stopped
};

struct HttpRequest {
  const char *method = "GET";           // GET or POST
  std::string path;                     // starting with "/v1/", query included
  std::string_view token;               // X-Vault-Token; empty sends none (login, Vault Agent)
  const secrets::SecretText *body = nullptr; // a POST's JSON body (may hold credentials)
};

// Sends `request` to settings.address.
HttpResult vault_request(const VaultSettings &settings, const HttpRequest &request);

} // namespace ssmd::vault
