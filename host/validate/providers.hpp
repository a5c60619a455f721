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
  const PluginInfo *refused = nullptr; // that provider, when there is one
  bool found() const { return plugin != nullptr; }
};

// `kind` is a manifest kind: "feed", "schema-format", "secret", "storage", "publisher".
Provider find_provider(PluginManager &plugins, std::string_view kind, std::string_view name);

// Why `p` found no usable provider of `label` `name`, in the words of the plugin manager's lookups:
// "no plugin provides schema format 'capnp'", or "schema format 'capnp' is unavailable: <the plugin's problem>".
std::string provider_problem(const Provider &p, std::string_view label, std::string_view name);

// "feed validator", "schema-format checker", ... for messages.
std::string_view kind_noun(std::string_view kind);

} // namespace ssmd::validate
