// The rules that decide whether a discovered plugin may be used, applied before anything is loaded.
#pragma once

#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"

#include <vector>

namespace ssmd {

// Applies, in this order and only to plugins still Ok: the ABI major version, the allowlist, file
// permissions (the file, its directory, or the file a symlink resolves to and that file's directory, must
// not be writable by group or others), the lock file (when `lock` is given: SHA-256 computed here, before any dlopen), and
// conflicts between the plugins that remain usable.
void apply_plugin_policy(std::vector<PluginInfo> &plugins, const PluginSettings &settings, const LockFile *lock);

} // namespace ssmd
