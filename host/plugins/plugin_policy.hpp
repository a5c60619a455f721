// The rules that decide whether a discovered plugin may be used, applied before anything is loaded.
#pragma once

#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"

#include <vector>

namespace ssmd {

// Applies, in this order and only to plugins still Ok (discovery already refused unsafe files): the ABI
// major version, the allowlist, the lock file (when `lock` is given: SHA-256 of the descriptor discovery
// opened, before any dlopen), and conflicts between the plugins that remain usable.
void apply_plugin_policy(std::vector<PluginInfo> &plugins, const PluginSettings &settings, const LockFile *lock);

} // namespace ssmd
