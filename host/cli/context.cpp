#include "cli/context.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugins/host_services.hpp"
#include "plugins/plugin_manager.hpp"

#include <cstdlib>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

Context::Context(GlobalOptions options, fs::path executable)
    : options_(std::move(options)), executable_(std::move(executable)) {}

Context::~Context() = default;

std::optional<fs::path> Context::find_repo_root() {
  if (repo_root_) return repo_root_;
  std::error_code ec;
  if (options_.repo || std::getenv("SSMD_REPO")) {
    fs::path given = options_.repo ? fs::path(*options_.repo) : fs::path(std::getenv("SSMD_REPO"));
    fs::path absolute = fs::absolute(given, ec);
    if (ec || !fs::is_directory(absolute, ec)) return std::nullopt;
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

const fs::path &Context::repo_root() {
  if (find_repo_root()) return *repo_root_;
  if (options_.repo) throw EnvironmentError("--repo " + *options_.repo + ": no such directory");
  if (const char *env = std::getenv("SSMD_REPO")) throw EnvironmentError("SSMD_REPO=" + std::string(env) + ": no such directory");
  throw EnvironmentError("not in an ssmd repository (no exchanges/ directory here or in any parent); "
                         "use --repo DIR, set SSMD_REPO, or run 'ssmd init'");
}

Config &Context::config() {
  if (!config_) {
    config_ = std::make_unique<Config>(Config::load(find_repo_root()));
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

} // namespace ssmd
