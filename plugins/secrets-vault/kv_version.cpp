#include "kv_version.hpp"

#include "kv_read.hpp"

namespace ssmd::vault {

std::string kv_preflight_path(const VaultReference &ref) {
  std::string out = "/v1/sys/internal/ui/mounts/" + encode_segment(ref.mount);
  for (const auto &segment : ref.path) out += "/" + encode_segment(segment);
  return out;
}

std::variant<int, Finding> interpret_preflight(const HttpResult &http, const VaultReference &ref,
                                               const VaultSettings &s, const std::string &token_source,
                                               const Scrubber &scrubber) {
  const std::string doing = "asking which KV version mount `" + ref.mount + "` runs";
  Body body = parse_body(http);
  if (auto common = common_finding(http, body, s, scrubber, doing)) return *common;
  const std::string said = vault_said(vault_errors(body, scrubber));
  const std::string configure = "; or name the version in your configuration: vault.mounts." + ref.mount +
                                ".kv_version: 1 or 2";
  switch (http.status) {
  case 200: {
    const SecretJson *data = body.root ? member(*body.root, "data") : nullptr;
    if (!data || !data->is_object())
      return Finding{SSMD_ENV_ERROR, "vault/response",
                     "Vault answered 200 with no data object while " + doing + configure};
    const SecretJson *options = member(*data, "options");
    const SecretJson *version = options ? member(*options, "version") : nullptr;
    return version && (text_of(*version) == "2" || *version == 2) ? 2 : 1;
  }
  case 404:
    return 1; // a Vault older than the endpoint, as the Vault CLI reads it
  case 403:
    return Finding{SSMD_ENV_ERROR, "vault/permission-denied",
                   "Vault denied " + doing + " (403): the token from " + token_source +
                       " has expired or lacks a policy on " + ref.mount + "/" + ref.path_text() +
                       (s.ns.empty() ? "" : " in namespace " + s.ns) + said + configure};
  default:
    return Finding{SSMD_ENV_ERROR, "vault/response",
                   "Vault answered " + std::to_string(http.status) + " while " + doing + said + configure};
  }
}

} // namespace ssmd::vault
