#include "cli/context.hpp"
#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/atomic_file.hpp"
#include "core/line_endings.hpp"
#include "registry/repository.hpp"
#include "plugins/lock_builder.hpp"
#include "plugins/plugin_settings.hpp"

#include <iostream>

namespace ssmd {

// `ssmd plugin lock`: pins the usable plugins (or those named by --plugins) in <repo>/ssmd-plugins.lock,
// each by the SHA-256 of its file, so CI can run `ssmd --locked ...` with exactly these files.
CommandSpec describe_plugin_lock(Context &) {
  return synopsis("ssmd plugin lock [--plugins A,B]",
                  {});
}

int run_plugin_lock(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "plugin lock", args);
  if (!vm) return kExitOk;
  const std::filesystem::path lock_path = ctx.repo_root() / kLockFileName;

  // The lock being written must not depend on the one being replaced, so --locked is ignored here.
  PluginSettings settings = ctx.plugin_settings();
  settings.locked = false;
  PluginManager manager(settings);

  std::vector<std::string> refused;
  LockFile lock = build_plugin_lock(manager, refused);
  for (const auto &problem : refused) std::cerr << "ssmd: warning: not locked: " << problem << "\n";

  // A lock checked out with CRLF stays CRLF (core/line_endings.hpp); the parser reads either.
  std::string text = format_lock_file(lock);
  registry::Repository repo(ctx.repo_root());
  if (auto old_text = repo.read(kLockFileName)) text = with_line_endings_of(*old_text, std::move(text));
  write_repository_file(ctx.repo_root(), kLockFileName, text);
  std::cout << "Wrote " << lock_path.string() << " with " << lock.plugins.size()
            << (lock.plugins.size() == 1 ? " plugin" : " plugins") << (lock.plugins.empty() ? ".\n" : ":\n");
  print_lock_entries(std::cout, lock);
  return kExitOk;
}

} // namespace ssmd
