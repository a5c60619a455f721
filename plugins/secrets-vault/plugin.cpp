// The secrets-vault plugin: the secret backend for `vault/<mount>/<path>` sources (HashiCorp Vault, KV v2 and v1).
#include "vault_backend.hpp"

#include <ssmd/plugin.hpp>

SSMD_PLUGIN_MANIFEST_URL("secrets-vault", "1.0.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-vault/README.md",
                         SSMD_PROVIDES_SECRET("vault"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<ssmd::vault::VaultBackend>("vault"))
