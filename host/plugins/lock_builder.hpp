// Building a lock file from the plugins on the search path: what `ssmd plugin lock` writes and what
// `ssmd init` pins for a new repository, so both produce the same file for the same plugins.
#pragma once

#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ssmd {

// The lock for the usable plugins `manager` discovered, sorted by name. Plugins the allowlist leaves out
// or that another copy shadows are skipped; usable-looking plugins that cannot be used (wrong ABI, unsafe
// permissions, ...) are left out and their problems appended to `refused`. Throws EnvironmentError when
// a plugin's file cannot be hashed, or when the allowlist names a plugin that cannot be pinned: a partial
// lock would only fail later, in CI.
LockFile build_plugin_lock(PluginManager &manager, std::vector<std::string> &refused);

// Prints "  NAME VERSION sha256:HEX", one line per pinned plugin.
void print_lock_entries(std::ostream &out, const LockFile &lock);

} // namespace ssmd
