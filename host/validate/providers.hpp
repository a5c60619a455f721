// Which plugin provides an extension point, answered from manifests alone, so validation can plan its
// jobs (and workers can load the plugin) without the host process ever loading plugin code.
#pragma once

#include "plugins/plugin_manager.hpp"

#include <string>
#include <string_view>

namespace ssmd::validate {

struct Provider {
  const PluginInfo *plugin = nullptr; // the usable provider, or null
  std::string unavailable;            // a provider exists but may not be used: why (names the plugin)
  bool found() const { return plugin != nullptr; }
};

// `kind` is a manifest kind: "feed", "schema-format", "secret", "storage".
Provider find_provider(PluginManager &plugins, std::string_view kind, std::string_view name);

// "feed validator", "schema-format checker", ... for messages.
std::string_view kind_noun(std::string_view kind);

} // namespace ssmd::validate
