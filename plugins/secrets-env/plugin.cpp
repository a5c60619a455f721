// The secrets-env plugin: the secret backend for key source `env`.
#include "env_backend.hpp"

#include <ssmd/plugin.hpp>

SSMD_PLUGIN_MANIFEST_URL("secrets-env", "1.0.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-env/README.md",
                         SSMD_PROVIDES_SECRET("env"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<ssmd::secrets::EnvBackend>("env"))
