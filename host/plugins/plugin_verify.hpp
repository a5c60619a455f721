// Checks the table a plugin's entry point returned against the host's ABI and the plugin's manifest.
#pragma once

#include "plugins/manifest.hpp"

#include <ssmd/plugin.h>

#include <optional>
#include <string>

namespace ssmd {

// Why `plugin` may not be used, or nullopt. It must be large enough for the fields the host reads, have
// the host's ABI major version, the manifest's name and version, and register exactly what the manifest
// declares (every extension point with the fields the host calls).
std::optional<std::string> verify_plugin_table(const ssmd_plugin *plugin, const Manifest &manifest);

} // namespace ssmd
