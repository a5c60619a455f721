#include "kv_read.hpp"

#include <curl/curl.h>

#include <cctype>

namespace ssmd::vault {

namespace {
Finding finding(ssmd_status status, const char *rule, std::string message) {
  return Finding{status, rule, std::move(message)};
}

// A 404 whose body still carries the version's metadata: the version asked for was deleted or destroyed.
std::optional<Finding> deleted_version(const SecretJson *body, const VaultReference &ref) {
  const SecretJson *data = body ? member(*body, "data") : nullptr;
  const SecretJson *metadata = data ? member(*data, "metadata") : nullptr;
  if (!metadata || !metadata->is_object()) return std::nullopt;
  const SecretJson *inner = member(*data, "data");
  if (inner && !inner->is_null()) return std::nullopt;
  const SecretJson *version = member(*metadata, "version");
  const SecretJson *deleted_at = member(*metadata, "deletion_time");
  const SecretJson *destroyed = member(*metadata, "destroyed");
  const std::string v = version ? one_line(version->is_string() ? text_of(*version) : std::string_view(version->dump()))
                                : "?";
  const std::string where = "vault/" + ref.mount + "/" + ref.path_text();
  if (destroyed && *destroyed == true)
    return finding(SSMD_FAILED, "vault/deleted",
                   "version " + v + " of " + where + " was destroyed and cannot be recovered; write a new version");
  if (deleted_at && !text_of(*deleted_at).empty())
    return finding(SSMD_FAILED, "vault/deleted",
                   "version " + v + " of " + where + " was deleted at " + one_line(text_of(*deleted_at)) +
                       "; undelete it (vault kv undelete -mount=" + ref.mount + " -versions=" + v + " " +
                       ref.path_text() + ") or write a new version");
  return std::nullopt;
}

int digits(std::string_view text, size_t at, size_t count) {
  int n = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
} // namespace

std::optional<int64_t> parse_rfc3339(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
  if (t.size() < 20 || year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60 || t[4] != '-' || t[7] != '-' ||
      (t[10] != 'T' && t[10] != 't') || t[13] != ':' || t[16] != ':')
    return std::nullopt;
  size_t at = 19;
  if (at < t.size() && t[at] == '.') {
    ++at;
    while (at < t.size() && std::isdigit(static_cast<unsigned char>(t[at]))) ++at;
  }
  int64_t offset = 0;
  if (at < t.size() && (t[at] == 'Z' || t[at] == 'z')) {
    ++at;
  } else if (at < t.size() && (t[at] == '+' || t[at] == '-')) {
    int oh = digits(t, at + 1, 2), om = digits(t, at + 4, 2);
    if (oh < 0 || om < 0 || at + 3 >= t.size() || t[at + 3] != ':') return std::nullopt;
    offset = (t[at] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != t.size()) return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
         minute * 60 + second - offset;
}

std::string encode_segment(const std::string &segment) {
  char *escaped = curl_easy_escape(nullptr, segment.data(), static_cast<int>(segment.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

const SecretJson *KvAnswer::fields() const {
  if (problem || !body) return nullptr;
  const SecretJson *data = member(*body, "data");
  if (kv_version == 1) return data;
  return data ? member(*data, "data") : nullptr;
}

std::string kv_read_path(const VaultReference &ref, int kv_version) {
  std::string out = "/v1/" + encode_segment(ref.mount) + (kv_version == 2 ? "/data" : "");
  for (const auto &segment : ref.path) out += "/" + encode_segment(segment);
  if (kv_version == 2 && ref.version) out += "?version=" + std::to_string(*ref.version);
  return out;
}

KvAnswer interpret_read(const HttpResult &http, const VaultReference &ref, int kv_version, const VaultSettings &s,
                        const std::string &token_source, const Scrubber &scrubber) {
  KvAnswer a;
  a.kv_version = kv_version;
  const std::string where = ref.text();
  Body body = parse_body(http);
  if (auto common = common_finding(http, body, s, scrubber, "reading " + where)) {
    a.problem = std::move(common);
    return a;
  }
  const std::string said = vault_said(vault_errors(body, scrubber));
  const long code = http.status;
  const std::string policy_path =
      kv_version == 2 ? ref.mount + "/data/" + ref.path_text() : ref.mount + "/" + ref.path_text();
  if (code == 200) {
    if (!body.root) {
      a.problem = finding(SSMD_ENV_ERROR, "vault/response",
                          "Vault answered 200 for " + where + " with a body that is not a JSON object (" + body.why + ")");
      return a;
    }
    const SecretJson *data = member(*body.root, "data");
    const SecretJson *fields = data && data->is_object() ? (kv_version == 2 ? member(*data, "data") : data) : nullptr;
    if (!fields || !fields->is_object()) {
      a.problem = finding(SSMD_FAILED, "vault/response",
                          kv_version == 2 ? "the answer for " + where + " has no data.data object: is `" + ref.mount +
                                                "` a KV version 2 mount? (for a version 1 mount, set "
                                                "vault.mounts." + ref.mount + ".kv_version: 1)"
                                          : "the answer for " + where + " has no data object (KV version 1 read)");
      return a;
    }
    if (kv_version == 2) {
      const SecretJson *metadata = member(*data, "metadata");
      const SecretJson *created = metadata ? member(*metadata, "created_time") : nullptr;
      if (created && created->is_string()) a.created = parse_rfc3339(text_of(*created));
    }
    const SecretJson *warnings = member(*body.root, "warnings");
    if (warnings && warnings->is_array())
      for (const auto &item : *warnings)
        if (!text_of(item).empty()) a.warnings.push_back(one_line(scrubber.clean(text_of(item))));
    a.body = std::move(body.value);
    return a;
  }
  if (code == 403) {
    a.problem = finding(SSMD_ENV_ERROR, "vault/permission-denied",
                        "Vault denied reading " + where + " (403): the token from " + token_source +
                            " has expired or lacks a policy granting `read` on " + policy_path +
                            (s.ns.empty() ? "" : " in namespace " + s.ns) + said);
    return a;
  }
  if (code == 404) {
    if (kv_version == 2)
      if (auto deleted = deleted_version(body.root, ref)) {
        a.problem = std::move(deleted);
        return a;
      }
    a.problem = finding(SSMD_FAILED, "vault/not-found",
                        "Vault has no secret at " + where + " (404)" +
                            (ref.version ? " (or no version " + std::to_string(*ref.version) + " of it)" : "") +
                            ": check the path, that `" + ref.mount + "` is a KV version " +
                            std::to_string(kv_version) +
                            " mount and VAULT_NAMESPACE; Vault also answers 404 when the token may not see the path" +
                            said);
    return a;
  }
  a.problem = finding(SSMD_FAILED, "vault/response", "Vault answered " + std::to_string(code) + " for " + where + said);
  return a;
}

} // namespace ssmd::vault
