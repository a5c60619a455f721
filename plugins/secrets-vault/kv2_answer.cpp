#include "kv2_answer.hpp"

#include <curl/curl.h>

namespace ssmd::vault {

namespace {
constexpr size_t kMaxQuoted = 300;

std::string encode(const std::string &segment) {
  char *escaped = curl_easy_escape(nullptr, segment.data(), static_cast<int>(segment.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

// Vault's error strings often read "1 error occurred:\n\t* permission denied\n\n"; one line reads better.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxQuoted) out = out.substr(0, kMaxQuoted) + "...";
  return out;
}

// The strings of an array member, cleaned up and joined with "; ".
std::string joined(const json::Value *array) {
  std::string out;
  if (!array || !array->is_array()) return out;
  for (const auto &item : array->items())
    if (item.is_string() && !item.text().empty()) out += (out.empty() ? "" : "; ") + one_line(item.text());
  return out;
}

std::string vault_said(const std::string &errors) { return errors.empty() ? "" : "; Vault said: " + errors; }

Kv2Answer finding(ssmd_status status, const char *rule, std::string message) {
  Kv2Answer a;
  a.status = status;
  a.rule = rule;
  a.message = std::move(message);
  return a;
}

// A 404 whose body still carries the version's metadata: the latest version was deleted or destroyed.
std::optional<Kv2Answer> deleted_version(const json::Value *body, const std::string &where, const VaultReference &ref) {
  const json::Value *data = body ? body->get("data") : nullptr;
  const json::Value *metadata = data ? data->get("metadata") : nullptr;
  if (!metadata || !metadata->is_object()) return std::nullopt;
  const json::Value *inner = data->get("data");
  if (inner && !inner->is_null()) return std::nullopt;
  const json::Value *version = metadata->get("version");
  const json::Value *deleted_at = metadata->get("deletion_time");
  const json::Value *destroyed = metadata->get("destroyed");
  const std::string v = version ? std::string(version->text()) : "?";
  if (destroyed && destroyed->text() == "true")
    return finding(SSMD_FAILED, "vault/deleted",
                   "version " + v + " of " + where + " was destroyed and cannot be recovered; write a new version");
  if (deleted_at && deleted_at->is_string() && !deleted_at->text().empty())
    return finding(SSMD_FAILED, "vault/deleted",
                   "version " + v + " of " + where + " was deleted at " + one_line(deleted_at->text()) +
                       "; undelete it (vault kv undelete -mount=" + ref.mount + " -versions=" + v + " " +
                       ref.path_text() + ") or write a new version");
  return std::nullopt;
}
} // namespace

const json::Value *Kv2Answer::fields() const {
  if (status != SSMD_OK || !body) return nullptr;
  const json::Value *data = body->get("data");
  return data ? data->get("data") : nullptr;
}

std::string kv2_data_path(const VaultReference &ref) {
  std::string out = "/v1/" + encode(ref.mount) + "/data";
  for (const auto &segment : ref.path) out += "/" + encode(segment);
  return out;
}

Kv2Answer interpret(const HttpResult &http, const VaultReference &ref, const VaultSettings &s) {
  const std::string where = "vault/" + ref.mount + "/" + ref.path_text();
  const std::string tries = http.attempts == 1 ? "1 attempt" : std::to_string(http.attempts) + " attempts";
  if (http.outcome == HttpResult::Outcome::TlsFailure)
    return finding(SSMD_ENV_ERROR, "vault/tls",
                   "TLS with Vault at " + s.address + " failed (" + one_line(http.error) +
                       "); point VAULT_CACERT or VAULT_CAPATH at the CA that signed the server's certificate");
  if (http.outcome == HttpResult::Outcome::Unreachable)
    return finding(SSMD_ENV_ERROR, "vault/unreachable",
                   "cannot reach Vault at " + s.address + " after " + tries + " (" + one_line(http.error) +
                       "); check VAULT_ADDR, the network and VAULT_CLIENT_TIMEOUT");

  std::string why;
  std::optional<json::Value> body = json::parse(http.body.view(), why);
  const json::Value *root = body && body->is_object() ? &*body : nullptr;
  const std::string errors = joined(root ? root->get("errors") : nullptr);
  const long code = http.status;

  if (code == 200) {
    if (!root)
      return finding(SSMD_ENV_ERROR, "vault/response", "Vault answered 200 with a body that is not a JSON object (" + why + ")");
    const json::Value *data = root->get("data");
    const json::Value *fields = data && data->is_object() ? data->get("data") : nullptr;
    if (!fields || !fields->is_object())
      return finding(SSMD_FAILED, "vault/response",
                     "the answer for " + where + " has no data.data object: is `" + ref.mount +
                         "` a KV version 2 mount? (KV version 1 is not supported)");
    Kv2Answer ok;
    ok.warnings.push_back(joined(root->get("warnings")));
    if (ok.warnings.back().empty()) ok.warnings.clear();
    ok.body = std::move(body);
    return ok;
  }
  if (code >= 300 && code < 400)
    return finding(SSMD_ENV_ERROR, "vault/response",
                   "Vault at " + s.address + " redirected the request (" + std::to_string(code) + " to " +
                       one_line(http.location) + "); redirects are not followed, since the token would go along: "
                       "set VAULT_ADDR to the address it names");
  if (code == 403)
    return finding(SSMD_ENV_ERROR, "vault/permission-denied",
                   "Vault denied reading " + where + " (403): the token from " + s.token_source +
                       " has expired or lacks a policy granting `read` on " + ref.mount + "/data/" + ref.path_text() +
                       (s.ns.empty() ? "" : " in namespace " + s.ns) + vault_said(errors));
  if (code == 404) {
    if (auto deleted = deleted_version(root, where, ref)) return *std::move(deleted);
    return finding(SSMD_FAILED, "vault/not-found",
                   "Vault has no secret at " + where + " (404): check the path, that `" + ref.mount +
                       "` is a KV version 2 mount and VAULT_NAMESPACE; Vault also answers 404 when the token may not "
                       "see the path" + vault_said(errors));
  }
  if (code == 501)
    return finding(SSMD_ENV_ERROR, "vault/unavailable",
                   "Vault at " + s.address + " answered 501 (not implemented; an uninitialized Vault answers so)" +
                       vault_said(errors));
  if (code == 412 || code >= 500)
    return finding(SSMD_ENV_ERROR, "vault/unavailable",
                   "Vault at " + s.address + " answered " + std::to_string(code) + " after " + tries +
                       (code == 412 ? " (its index lags behind; a standby may still be replicating)" : "") +
                       vault_said(errors));
  return finding(SSMD_FAILED, "vault/response",
                 "Vault answered " + std::to_string(code) + " for " + where + vault_said(errors));
}

} // namespace ssmd::vault
