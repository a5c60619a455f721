// Reading one secret from a KV secrets engine and what the answer means: version 2
// (GET /v1/<mount>/data/<path>[?version=N], the fields in data.data, the version's metadata in
// data.metadata) or version 1 (GET /v1/<mount>/<path>, the fields in data, no versions, no dates), with the
// statuses Vault documents for them (403, 404, a soft-deleted or destroyed version's 404).
#pragma once

#include "scrub.hpp"
#include "secret_json.hpp"
#include "vault_answer.hpp"
#include "vault_reference.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::vault {

struct KvAnswer {
  std::optional<Finding> problem;     // set when the secret could not be read
  std::optional<SecretJson> body;     // the parsed answer when it could
  int kv_version = 2;
  std::vector<std::string> warnings;  // Vault's `warnings`, cleaned up
  std::optional<int64_t> created;     // KV v2: when the version read was written (seconds since the epoch)

  // The secret's key/value pairs (data.data for v2, data for v1); nullptr when there is a problem.
  const SecretJson *fields() const;
};

// The request path: /v1/<mount>/data/<path>[?version=N] (v2) or /v1/<mount>/<path> (v1), each segment
// percent-encoded.
std::string kv_read_path(const VaultReference &ref, int kv_version);

// What the read answered. `token_source` names where the token came from, for a 403.
KvAnswer interpret_read(const HttpResult &http, const VaultReference &ref, int kv_version,
                        const VaultSettings &settings, const std::string &token_source, const Scrubber &scrubber);

// "2018-03-22T02:24:06.945319214Z" (RFC 3339, as Vault writes created_time) in seconds since the epoch.
std::optional<int64_t> parse_rfc3339(std::string_view text);

// A URL path segment, percent-encoded.
std::string encode_segment(const std::string &segment);

} // namespace ssmd::vault
