// Discovery: which files on the search path are plugins, and what their manifests say. Nothing is loaded.
#pragma once

#include "plugins/plugin_manager.hpp"

#include <filesystem>
#include <vector>

namespace ssmd {

// Reads the manifest of every `*.so` in the directories of `search_path` (in that order; within a
// directory, by file name). Before a file is opened, its real location is checked (plugins/safe_location.hpp):
// one owned by another user, or in or below a directory writable by group or others, is marked Unsafe and
// never opened. A safe file is opened once and its manifest read from that descriptor, which the returned
// PluginInfo keeps. Files without a `.ssmd_manifest` section are not plugins and are skipped. Marks Invalid
// the files whose ELF or manifest is malformed, whose manifest name differs from the file name, or that were
// built for another machine; marks Shadowed a plugin whose name an earlier one took.
std::vector<PluginInfo> scan_plugins(const std::vector<std::filesystem::path> &search_path);

} // namespace ssmd
