// Discovery: which files on the search path are plugins, and what their manifests say. Nothing is loaded.
#pragma once

#include "plugins/plugin_manager.hpp"

#include <filesystem>
#include <vector>

namespace ssmd {

// Reads the manifest of every `*.so` in the directories of `search_path` (in that order; within a
// directory, by file name). Files without a `.ssmd_manifest` section are not plugins and are skipped.
// Marks Invalid the files whose ELF or manifest is malformed, whose manifest name differs from the file
// name, or that were built for another machine; marks Shadowed a plugin whose name an earlier one took.
std::vector<PluginInfo> scan_plugins(const std::vector<std::filesystem::path> &search_path);

} // namespace ssmd
