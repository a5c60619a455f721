// Opens a plugin library with Boost.DLL and calls its entry point. The only place the host runs plugin
// code for the first time.
#pragma once

#include "plugins/plugin_manager.hpp"

#include <ssmd/plugin.h>

#include <string>

namespace ssmd {

// Loads the file `info.file` holds open (as /proc/self/fd/N, never by path) with RTLD_NOW | RTLD_LOCAL (a
// missing symbol fails here, not in the middle of a run), calls `ssmd_plugin_entry(host)` and checks the returned table against the manifest. The
// library is never unloaded, whether or not the checks pass, since its code may already have run
// (static constructors) and may have registered callbacks. On failure returns NULL and sets `error` to
// a sentence naming the plugin and its file.
const ssmd_plugin *load_plugin(const PluginInfo &info, const ssmd_host *host, std::string &error);

// The same without checking the returned table (for `ssmd plugin check`, which reviews it in full); NULL when
// the library cannot be opened, lacks the entry point, or the entry point throws or returns NULL. `opened`,
// when given, says whether the dynamic loader opened the library (false: a missing dependency or symbol).
const ssmd_plugin *call_plugin_entry(const PluginInfo &info, const ssmd_host *host, std::string &error,
                                     bool *opened = nullptr);

} // namespace ssmd
