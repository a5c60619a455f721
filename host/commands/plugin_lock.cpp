#include "cli/context.hpp"
#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/errors.hpp"
#include "plugins/file_hash.hpp"
#include "plugins/lock_file.hpp"
#include "plugins/plugin_settings.hpp"

#include <algorithm>
#include <iostream>

namespace ssmd {

// `ssmd plugin lock`: pins the usable plugins (or those named by --plugins) in <repo>/ssmd-plugins.lock,
// each by the SHA-256 of its file, so CI can run `ssmd --locked ...` with exactly these files.
int run_plugin_lock(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd plugin lock [--plugins A,B]";
  auto vm = parse_args(builtin_command("plugin lock"), cl, args);
  if (!vm) return kExitOk;
  const std::filesystem::path lock_path = ctx.repo_root() / kLockFileName;

  // The lock being written must not depend on the one being replaced, so --locked is ignored here.
  PluginSettings settings = plugin_settings(ctx);
  settings.locked = false;
  PluginManager manager(settings);

  LockFile lock;
  std::vector<std::string> refused;
  for (const auto &p : manager.plugins()) {
    if (p.status == PluginStatus::NotAllowed || p.status == PluginStatus::Shadowed) continue;
    if (p.status != PluginStatus::Ok) {
      refused.push_back(p.problem);
      continue;
    }
    std::string error;
    auto sha256 = sha256_file(p.path, error);
    if (!sha256) throw EnvironmentError(p.path.string() + ": " + error);
    lock.plugins.push_back(LockEntry{p.manifest.name, p.manifest.version, *sha256});
  }
  // Plugins asked for by name must all be pinned: a partial lock would fail later, in CI.
  if (settings.allowlist) {
    for (const auto &name : *settings.allowlist) {
      if (lock.find(name)) continue;
      const PluginInfo *info = manager.find(name);
      throw EnvironmentError("cannot lock plugin '" + name + "': " +
                             (info ? info->problem : std::string("no such plugin on the search path")));
    }
  }
  for (const auto &problem : refused) std::cerr << "ssmd: warning: not locked: " << problem << "\n";

  write_file_atomically(lock_path, format_lock_file(lock));
  std::sort(lock.plugins.begin(), lock.plugins.end(), [](auto &a, auto &b) { return a.name < b.name; });
  std::cout << "Wrote " << lock_path.string() << " with " << lock.plugins.size()
            << (lock.plugins.size() == 1 ? " plugin" : " plugins") << (lock.plugins.empty() ? ".\n" : ":\n");
  for (const auto &e : lock.plugins) std::cout << "  " << e.name << " " << e.version << " sha256:" << e.sha256 << "\n";
  return kExitOk;
}

} // namespace ssmd
