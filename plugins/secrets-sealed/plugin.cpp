// The secrets-sealed plugin: the secret backend for `sealed-secret/<name>` sources, and the
// `ssmd sealed-secret seal` command that writes the manifests those sources refer to.
#include "seal_command.hpp"
#include "sealed_backend.hpp"

#include <ssmd/plugin.hpp>

SSMD_PLUGIN_MANIFEST_URL("secrets-sealed", "1.0.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-sealed/README.md",
                         SSMD_PROVIDES_SECRET("sealed-secret")
                             SSMD_PROVIDES_COMMAND("sealed-secret", "Seal values into a SealedSecret manifest (kubeseal-compatible)"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<ssmd::sealed::SealedBackend>("sealed-secret"),
                   ssmd::subcommand<ssmd::sealed::SealedSecretCommand>(
                       "sealed-secret", "Seal values into a SealedSecret manifest (kubeseal-compatible)"))
