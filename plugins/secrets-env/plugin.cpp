// The secrets-env plugin: the secret backend for key source `env`.
#include "env_backend.hpp"

#include <ssmd/plugin.hpp>

SSMD_PLUGIN_MANIFEST("secrets-env", "1.0.0", SSMD_PROVIDES_SECRET("env"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<ssmd::secrets::EnvBackend>("env"))
