// What `ssmd plugin list`, `show` and `lock` share: a plugin as JSON, and its kinds.
#pragma once

#include "cli/command.hpp"
#include "core/json.hpp"
#include "plugins/plugin_manager.hpp"

#include <string>

namespace ssmd {

// A plugin as a JSON object: name, version, abi, url, kinds, provides, commands, status, problem, path.
json::Value plugin_json(const PluginInfo &info);

// "feed,command": the kinds a plugin provides, or "-" for none.
std::string plugin_kinds(const PluginInfo &info);

} // namespace ssmd
