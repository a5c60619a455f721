// Checks the table a plugin's entry point returned against the host's ABI and the plugin's manifest.
#pragma once

#include "plugins/manifest.hpp"

#include <ssmd/plugin.h>

#include <optional>
#include <string>
#include <vector>

namespace ssmd {

// Why `plugin` may not be used, or nullopt. It must be large enough for the fields the host reads, have
// the host's ABI major version, the manifest's name and version, and register exactly what the manifest
// declares (every extension point with the fields the host calls), and list well-formed rules
// (plugins/plugin_rules.hpp).
std::optional<std::string> verify_plugin_table(const ssmd_plugin *plugin, const Manifest &manifest);

// The same checks, with every problem found rather than the first, for `ssmd plugin check`. `errors` are
// what makes the host refuse the plugin (each a phrase such as "its manifest declares feed 'x', which its
// code does not register"); `warnings` only make it less useful (plugins/plugin_rules.hpp).
struct PluginTableReview {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};
PluginTableReview review_plugin_table(const ssmd_plugin *plugin, const Manifest &manifest);

} // namespace ssmd
