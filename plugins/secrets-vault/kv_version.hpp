// Which version of the KV secrets engine a mount runs, asked as the Vault CLI asks it before `vault kv get`:
// GET /v1/sys/internal/ui/mounts/<mount>/<path> answers the mount's `options.version` ("2" for version 2;
// "1", empty or absent for version 1), and a Vault too old to have the endpoint answers 404, which means
// version 1. Used only for mounts the user's configuration does not name (vault.mounts.<mount>.kv_version).
#pragma once

#include "scrub.hpp"
#include "vault_answer.hpp"
#include "vault_reference.hpp"
#include "vault_settings.hpp"

#include <string>
#include <variant>

namespace ssmd::vault {

// The preflight request's path for `ref`.
std::string kv_preflight_path(const VaultReference &ref);

// The KV version (1 or 2) the preflight answered, or the finding that explains why it could not be told.
std::variant<int, Finding> interpret_preflight(const HttpResult &http, const VaultReference &ref,
                                               const VaultSettings &settings, const std::string &token_source,
                                               const Scrubber &scrubber);

} // namespace ssmd::vault
