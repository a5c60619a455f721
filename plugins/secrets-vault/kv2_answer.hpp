// What a KV version 2 read answered, turned into either the secret's data or one finding that explains it:
// the Vault CLI's behaviour, its documented statuses (403, 404, soft-deleted 404, 412, 5xx, 501) and the
// `{"errors": [...]}` bodies Vault sends with them. Messages never hold the token or a value.
#pragma once

#include "json.hpp"
#include "vault_http.hpp"
#include "vault_reference.hpp"
#include "vault_settings.hpp"

#include <ssmd/plugin.h>

#include <optional>
#include <string>
#include <vector>

namespace ssmd::vault {

struct Kv2Answer {
  ssmd_status status = SSMD_OK;
  std::string rule;                  // the finding's rule when status is not SSMD_OK
  std::string message;               // the finding's sentence, to follow the key's name
  std::optional<json::Value> body;   // the parsed response when status is SSMD_OK
  std::vector<std::string> warnings; // Vault's `warnings`, cleaned up

  // The secret's key/value pairs (the response's data.data); nullptr unless status is SSMD_OK.
  const json::Value *fields() const;
};

Kv2Answer interpret(const HttpResult &http, const VaultReference &ref, const VaultSettings &settings);

// The request path of a KV v2 read: /v1/<mount>/data/<path>, each segment percent-encoded.
std::string kv2_data_path(const VaultReference &ref);

} // namespace ssmd::vault
