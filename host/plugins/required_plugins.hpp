// The plugins a run names must exist: a name in --plugins (SSMD_PLUGINS) or, under --locked, a plugin
// pinned in ssmd-plugins.lock that is nowhere on the search path fails the run instead of quietly
// shrinking the set of checks that run.
#pragma once

#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"

#include <vector>

namespace ssmd {

// Throws EnvironmentError (exit 3) naming the first plugin that `settings.allowlist` names, or that `lock`
// (given only under --locked) pins and --plugins does not leave out, and that no file on the search path is (whatever its status: a plugin
// that is there but unusable is reported by the lookups that need it).
void require_named_plugins(const std::vector<PluginInfo> &plugins, const PluginSettings &settings, const LockFile *lock);

} // namespace ssmd
