// One plugin file named by the user (`ssmd plugin check FILE`), read the way discovery reads every plugin:
// its location judged, the file opened once, its ELF manifest parsed and compared with the host's ABI. No
// code of it runs here.
#pragma once

#include "plugins/plugin_manager.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ssmd {

struct InspectedPlugin {
  // Set when the file is a plugin whose manifest this host accepts: ready to be loaded, from `info.file`.
  std::optional<PluginInfo> info;
  // What makes ssmd refuse the file before loading it (a malformed manifest, another ABI major version),
  // or, when `unreadable`, why it could not be read at all.
  std::vector<std::string> errors;
  // What does not stop it from loading here, but would elsewhere: its folder is unsafe, so discovery would
  // refuse it in this place; its manifest names no documentation `url`.
  std::vector<std::string> warnings;
  bool unreadable = false; // the file is missing, not a regular file, or cannot be opened or read
};

// Reads `path` (the user chose it, so a file in an unsafe folder is read anyway, with a warning).
InspectedPlugin inspect_plugin_file(const std::filesystem::path &path);

} // namespace ssmd
