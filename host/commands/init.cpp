// ssmd init [DIR]: scaffolds a metadata repository.
#include "commands/commands.hpp"

#include "cli/context.hpp"
#include "config/config.hpp"
#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "init/templates.hpp"
#include "plugins/lock_builder.hpp"
#include "plugins/plugin_settings.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
// The plugin lock for a repository at `root`: the usable plugins on the search path (the bundled ones, and
// those --plugin-path adds), narrowed by --plugins, exactly as `ssmd plugin lock` would pin them there.
LockFile initial_lock(Context &ctx, const fs::path &root) {
  PluginSettings settings = ctx.plugin_settings();
  settings.locked = false; // the lock does not exist yet
  settings.repo_root = root;
  settings.lock_file = root / kLockFileName;
  PluginManager manager(settings);
  std::vector<std::string> refused;
  LockFile lock = build_plugin_lock(manager, refused);
  for (const auto &problem : refused) std::cerr << "ssmd: warning: not locked: " << problem << "\n";
  return lock;
}
} // namespace

CommandSpec describe_init(Context &) {
  return synopsis("ssmd init [DIR] [--no-ci] [--force]",
                  {optional_argument("dir", "DIR", "where to create the repository (default: --repo or SSMD_REPO, else the current directory)")
                       .with_default("."),
                   flag("no-ci", "do not write CI recipes"), flag("force", "write into a directory that already holds exchanges/")});
}

int run_init(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "init", args);
  if (!vm) return kExitOk;
  // DIR, else the folder --repo or SSMD_REPO names (which need not be a repository yet), else here.
  std::string origin;
  auto named = ctx.explicit_repo(origin);
  fs::path root = fs::absolute((*vm)["dir"].defaulted() && named ? *named : fs::path((*vm)["dir"].as<std::string>()));
  ctx.use_repo_root(root);
  std::error_code ec;
  if (fs::exists(root / "exchanges", ec) && !vm->count("force"))
    throw DomainError(root.string() + " already holds exchanges/; refusing to overwrite (use --force to add "
                      "missing files only)");
  // Built before anything is written, so a plugin that cannot be pinned leaves no half-made repository.
  const std::string lock_text = format_lock_file(initial_lock(ctx, root));
  std::vector<std::pair<fs::path, std::string_view>> files = {
      {kLockFileName, lock_text},
      {".gitignore", init::kGitignore},
      {kTeamSettingsFileName, init::kTeamSettings},
      {"README.md", init::kReadme},
      {".pre-commit-config.yaml", init::kPreCommitConfig},
  };
  if (!vm->count("no-ci")) {
    files.emplace_back(".github/workflows/ssmd.yml", init::kGithubWorkflow);
    files.emplace_back(".gitlab-ci.yml", init::kGitlabCi);
  }
  // DIR itself is the user's choice; below it, every folder and file goes through the repository writer, so a
  // folder that is a symbolic link (a linked `.github` or `exchanges/feeds` in a directory given --force) is
  // refused before the first byte is written. A name that exists, as a link too, is kept and never followed.
  fs::create_directories(root, ec);
  if (ec) throw EnvironmentError("cannot create " + root.string() + ": " + ec.message());
  auto exists = [&](const fs::path &relative) { return fs::exists(fs::symlink_status(root / relative, ec)); };
  std::vector<std::pair<fs::path, std::string_view>> missing;
  // Git does not track empty directories.
  for (const char *dir : {"exchanges/feeds", "exchanges/schemas", "exchanges/environments"})
    if (!exists(fs::path(dir) / ".gitkeep")) missing.emplace_back(fs::path(dir) / ".gitkeep", "");
  for (const auto &[relative, content] : files)
    if (!exists(relative)) missing.emplace_back(relative, content);
  for (const auto &[relative, content] : missing) require_repository_writable(root, relative.generic_string());
  for (const auto &[relative, content] : missing) write_repository_file(root, relative.generic_string(), content);
  for (const auto &[relative, content] : files)
    std::cout << (std::any_of(missing.begin(), missing.end(), [&](const auto &m) { return m.first == relative; })
                      ? "  created "
                      : "  kept    ")
              << relative.string() << "\n";
  std::cout << "Initialized an ssmd repository in " << root.string()
            << "\nNext: ssmd feed create NAME --type websocket --endpoint URL. Run ssmd plugin lock again whenever\n"
               "the installed plugins change: CI runs with exactly the plugins " << kLockFileName << " pins.\n";
  return kExitOk;
}

} // namespace ssmd
