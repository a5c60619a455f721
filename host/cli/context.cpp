#include "cli/context.hpp"

#include "cli/command.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugins/host_services.hpp"
#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"
#include "plugins/plugin_settings.hpp"

#include <cstdlib>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

Context::Context(GlobalOptions options, fs::path executable, const std::vector<Command> &commands)
    : options_(std::move(options)), executable_(std::move(executable)), commands_(&commands) {}

Context::~Context() = default;

std::optional<fs::path> Context::explicit_repo(std::string &origin) const {
  if (options_.repo) {
    origin = "--repo " + *options_.repo;
    return fs::path(*options_.repo);
  }
  // An empty SSMD_REPO is unset, as for every other variable.
  if (const char *env = std::getenv("SSMD_REPO"); env && *env) {
    origin = "SSMD_REPO=" + std::string(env);
    return fs::path(env);
  }
  return std::nullopt;
}

std::optional<fs::path> Context::locate_repo_root(std::string &problem) {
  if (repo_root_) return repo_root_;
  std::error_code ec;
  std::string origin;
  if (auto given = explicit_repo(origin)) {
    fs::path absolute = fs::absolute(*given, ec);
    if (ec || !fs::is_directory(absolute, ec)) {
      problem = origin + ": no such directory";
      return std::nullopt;
    }
    // Named explicitly, the folder must be a repository itself: ssmd never walks up from it, and only
    // `ssmd init` makes a folder into one.
    if (!fs::is_directory(absolute / "exchanges", ec)) {
      problem = origin + ": not an ssmd repository (no exchanges/ folder); run 'ssmd init " + given->string() +
                "' to create one there";
      return std::nullopt;
    }
    repo_root_ = fs::weakly_canonical(absolute, ec);
    return repo_root_;
  }
  fs::path dir = fs::current_path(ec);
  if (ec) return std::nullopt;
  for (;;) {
    if (fs::is_directory(dir / "exchanges", ec)) {
      repo_root_ = dir;
      return repo_root_;
    }
    if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::optional<fs::path> Context::find_repo_root() {
  std::string problem;
  auto root = locate_repo_root(problem);
  if (!root && !problem.empty()) throw EnvironmentError(problem);
  return root;
}

const fs::path &Context::repo_root() {
  if (find_repo_root()) return *repo_root_;
  throw EnvironmentError("not in an ssmd repository (no exchanges/ directory here or in any parent); "
                         "use --repo DIR, set SSMD_REPO, or run 'ssmd init'");
}

void Context::use_repo_root(fs::path root) { repo_root_ = std::move(root); }

Config &Context::config() {
  if (!config_) {
    // Never throws for a bad --repo: the configuration is read before any command (`ssmd --version` too),
    // and the commands that use the repository report it.
    std::string problem;
    config_ = std::make_unique<Config>(Config::load(locate_repo_root(problem)));
    for (const auto &o : options_.overrides) config_->set(o.key, o.value, o.origin);
    HostServices::use_config(config_.get());
  }
  return *config_;
}

bool Context::color(int fd) const {
  // Flag, then NO_COLOR, then configuration, then the terminal.
  std::optional<ColorMode> mode = options_.color;
  if (!mode) {
    if (const char *no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
    if (config_) {
      auto value = config_->scalar("color");
      if (value == "always") mode = ColorMode::Always;
      if (value == "never") mode = ColorMode::Never;
    }
  }
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  if (const char *term = std::getenv("TERM"); term && std::string(term) == "dumb") return false;
  return ::isatty(fd) == 1;
}

PluginSettings Context::plugin_settings() {
  PluginSettings s;
  // Flags and SSMD_PLUGIN_PATH arrive as the configuration's top layer, else the user's config. The
  // repository's files are never asked: a clone must not choose the code ssmd runs.
  s.search_path = plugin_search_path(config().trusted_path_list("plugin_path"), executable());
  s.allowlist = options().plugins;
  s.locked = options().locked;
  if (auto root = find_repo_root()) {
    s.repo_root = *root;
    s.lock_file = *root / kLockFileName;
  }
  std::set<std::string> words{"help"};
  for (const auto &command : commands()) {
    std::string path = command.path;
    words.insert(path.substr(0, path.find(' ')));
  }
  s.reserved_commands.assign(words.begin(), words.end());
  return s;
}

PluginManager &Context::plugins() {
  if (!plugins_) plugins_ = std::make_unique<PluginManager>(plugin_settings());
  return *plugins_;
}

} // namespace ssmd
