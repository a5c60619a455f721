#include "plugins/required_plugins.hpp"

#include "core/errors.hpp"
#include "core/suggest.hpp"

#include <algorithm>

namespace ssmd {

namespace {

std::string searched(const PluginSettings &settings) {
  std::string out;
  for (const auto &dir : settings.search_path) out += (out.empty() ? "" : ":") + dir.string();
  return out.empty() ? "no directories" : out;
}

} // namespace

void require_named_plugins(const std::vector<PluginInfo> &plugins, const PluginSettings &settings, const LockFile *lock) {
  std::vector<std::string> names;
  for (const auto &p : plugins) names.push_back(p.manifest.name);
  auto present = [&](const std::string &name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  if (settings.allowlist) {
    for (const auto &name : *settings.allowlist) {
      if (present(name)) continue;
      std::string message = "plugin '" + name + "' named by --plugins (SSMD_PLUGINS) is not on the plugin path (" +
                            searched(settings) + ")";
      if (auto near = closest(name, names)) message += "; did you mean '" + *near + "'?";
      throw EnvironmentError(message);
    }
  }
  if (lock) {
    for (const auto &entry : lock->plugins) {
      if (present(entry.name)) continue;
      // --plugins narrows the locked set further; a pinned plugin it leaves out is not needed.
      if (settings.allowlist && std::find(settings.allowlist->begin(), settings.allowlist->end(), entry.name) ==
                                    settings.allowlist->end())
        continue;
      throw EnvironmentError("plugin '" + entry.name + "' is pinned in " +
                             (settings.lock_file ? settings.lock_file->string() : std::string(kLockFileName)) +
                             " but is not on the plugin path (" + searched(settings) +
                             "); install it, or run 'ssmd plugin lock' to pin the plugins that are installed");
    }
  }
}

} // namespace ssmd
