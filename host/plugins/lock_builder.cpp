#include "plugins/lock_builder.hpp"

#include "core/errors.hpp"
#include "plugins/file_hash.hpp"

#include <algorithm>
#include <ostream>

namespace ssmd {

LockFile build_plugin_lock(PluginManager &manager, std::vector<std::string> &refused) {
  LockFile lock;
  for (const auto &p : manager.plugins()) {
    if (p.status == PluginStatus::NotAllowed || p.status == PluginStatus::Shadowed) continue;
    if (p.status != PluginStatus::Ok) {
      refused.push_back(p.problem);
      continue;
    }
    // The bytes discovery checked, through its descriptor: what the lock pins is what would be loaded.
    std::string error = "the file was not opened";
    auto sha256 = p.file ? sha256_fd(p.file->fd(), error) : std::nullopt;
    if (!sha256) throw EnvironmentError(p.path.string() + ": " + error);
    lock.plugins.push_back(LockEntry{p.manifest.name, p.manifest.version, *sha256});
  }
  if (const auto &allowlist = manager.settings().allowlist) {
    for (const auto &name : *allowlist) {
      if (lock.find(name)) continue;
      const PluginInfo *info = manager.find(name);
      throw EnvironmentError("cannot lock plugin '" + name + "': " +
                             (info ? info->problem : std::string("no such plugin on the search path")));
    }
  }
  std::sort(lock.plugins.begin(), lock.plugins.end(), [](auto &a, auto &b) { return a.name < b.name; });
  return lock;
}

void print_lock_entries(std::ostream &out, const LockFile &lock) {
  for (const auto &e : lock.plugins) out << "  " << e.name << " " << e.version << " sha256:" << e.sha256 << "\n";
}

} // namespace ssmd
