// Where plugins are searched for. (cli/context.cpp turns the global options and the repository into the
// plugin manager's settings.)
#pragma once

#include "plugins/plugin_manager.hpp"

#include <filesystem>
#include <vector>

namespace ssmd {

// The search path, in priority order: --plugin-path and SSMD_PLUGIN_PATH directories, the installed
// plugin directory next to the executable (../lib/ssmd/plugins from bin/), and the build tree's plugin
// directory when `executable` lives inside the build tree. Relative directories are taken from the
// working directory (Config::trusted_path_list() already anchored those of the user's file to its folder);
// a directory named twice keeps its first place.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string> &plugin_path,
                                                      const std::filesystem::path &executable);

} // namespace ssmd
