#include "vault_answer.hpp"

namespace ssmd::vault {

namespace {
constexpr size_t kMaxQuoted = 300;

std::string tries(const HttpResult &http) {
  return http.attempts == 1 ? "1 attempt" : std::to_string(http.attempts) + " attempts";
}
} // namespace

Body parse_body(const HttpResult &http) {
  Body b;
  SecretJson parsed;
  if (auto error = parse_secret_json(http.body.view(), parsed)) {
    b.why = error->message + " at line " + std::to_string(error->line) + ", column " + std::to_string(error->column);
    return b;
  }
  b.value = std::move(parsed);
  if (b.value->is_object()) b.root = &*b.value;
  else b.why = "it is not a JSON object";
  return b;
}

// Vault's error strings often read "1 error occurred:\n\t* permission denied\n\n"; one line reads better.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxQuoted) out = out.substr(0, kMaxQuoted) + "...";
  return out;
}

std::string vault_errors(const Body &body, const Scrubber &scrubber) {
  std::string out;
  const SecretJson *errors = body.root ? member(*body.root, "errors") : nullptr;
  if (!errors || !errors->is_array()) return out;
  for (const auto &item : *errors)
    if (!text_of(item).empty())
      // Scrubbed before it is cut to length, so a secret cut in half by the limit is still caught.
      out += (out.empty() ? "" : "; ") + one_line(scrubber.clean(text_of(item)));
  return out;
}

std::string vault_said(const std::string &errors) { return errors.empty() ? "" : "; Vault said: " + errors; }

std::optional<Finding> common_finding(const HttpResult &http, const Body &body, const VaultSettings &s,
                                      const Scrubber &scrubber, const std::string &doing) {
  using Outcome = HttpResult::Outcome;
  const std::string error = one_line(scrubber.clean(http.error));
  switch (http.outcome) {
  case Outcome::TlsFailure:
    return Finding{SSMD_ENV_ERROR, "vault/tls",
                   "TLS with Vault at " + s.address + " failed while " + doing + " (" + error +
                       "); point VAULT_CACERT or VAULT_CAPATH at the CA that signed the server's certificate"};
  case Outcome::Unreachable:
    return Finding{SSMD_ENV_ERROR, "vault/unreachable",
                   "cannot reach Vault at " + s.address + " while " + doing + " after " + tries(http) + " (" + error +
                       "); check VAULT_ADDR and the network"};
  case Outcome::Timeout:
    return Finding{SSMD_ENV_ERROR, "vault/timeout",
                   "Vault at " + s.address + " accepted the connection but did not answer within " +
                       std::to_string(s.timeout_ms) + " ms while " + doing +
                       " (VAULT_CLIENT_TIMEOUT; a timed-out request is not retried)"};
  case Outcome::TooLarge:
    return Finding{SSMD_ENV_ERROR, "vault/response",
                   "Vault at " + s.address + " sent an answer larger than " + std::to_string(kMaxBody >> 20) +
                       " MiB while " + doing + "; it was refused unread (no secret is that large: is VAULT_ADDR "
                       "Vault?)"};
  case Outcome::BadHeader:
    return Finding{SSMD_ENV_ERROR, "vault/config",
                   error + ", which an HTTP header cannot carry; nothing was sent while " + doing};
  case Outcome::Response:
    break;
  }
  const long code = http.status;
  const std::string said = vault_said(vault_errors(body, scrubber));
  if (code >= 300 && code < 400)
    return Finding{SSMD_ENV_ERROR, "vault/response",
                   "Vault at " + s.address + " redirected the request while " + doing + " (" + std::to_string(code) +
                       " to " + one_line(scrubber.clean(http.location)) +
                       "); redirects are not followed, since the token would go along: set VAULT_ADDR to the "
                       "address it names"};
  if (code == 501)
    return Finding{SSMD_ENV_ERROR, "vault/unavailable",
                   "Vault at " + s.address + " answered 501 while " + doing +
                       " (not implemented; an uninitialized Vault answers so)" + said};
  if (code == 412 || code >= 500)
    return Finding{SSMD_ENV_ERROR, "vault/unavailable",
                   "Vault at " + s.address + " answered " + std::to_string(code) + " while " + doing + " after " +
                       tries(http) +
                       (code == 412 ? " (its index lags behind; a standby may still be replicating)" : "") + said};
  return std::nullopt;
}

} // namespace ssmd::vault
