// What `ssmd plugin list`, `show` and `lock` share: their own command row, and a plugin as JSON.
#pragma once

#include "cli/command.hpp"
#include "core/json.hpp"
#include "plugins/plugin_manager.hpp"

#include <string>

namespace ssmd {

// The row of the built-in command at `path` in the command table (for its summary in --help).
const Command &builtin_command(const std::string &path);

// A plugin as a JSON object: name, version, abi, url, kinds, provides, commands, status, problem, path.
json::Value plugin_json(const PluginInfo &info);

// "feed,command": the kinds a plugin provides, or "-" for none.
std::string plugin_kinds(const PluginInfo &info);

} // namespace ssmd
