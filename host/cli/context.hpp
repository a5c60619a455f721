// What every command receives: the global options and lazily created shared services (the repository
// root, the plugin manager). Nothing is discovered or opened until a command asks for it, so `--help`
// and listings stay fast.
#pragma once

#include "plugins/plugin_access.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd {

class Config;
class PluginManager;
struct PluginSettings;
struct Command;

enum class ColorMode { Auto, Always, Never };

struct GlobalOptions {
  std::optional<std::string> repo;                        // --repo DIR (else SSMD_REPO, else walk up)
  std::vector<std::string> plugin_path;                   // --plugin-path (may repeat; colon-separated)
  std::optional<std::vector<std::string>> plugins;        // --plugins a,b (else SSMD_PLUGINS)
  bool locked = false;                                    // --locked (else SSMD_LOCKED on: 1, true, yes, on)
  std::optional<ColorMode> color;                         // --color auto|always|never
  // Values given by flags or environment variables, for the configuration's top layer and
  // `ssmd config show`: {key, YAML value, origin such as "flag --color"}.
  struct Override {
    std::string key, value, origin;
  };
  std::vector<Override> overrides;
};

class Context {
public:
  // `commands` are the built-in commands: the dispatcher passes the command table (cli/command_table.hpp),
  // which sits above the commands, and it must outlive the context.
  Context(GlobalOptions options, std::filesystem::path executable, const std::vector<Command> &commands);
  ~Context();

  const GlobalOptions &options() const { return options_; }
  // The absolute path of the running ssmd executable.
  const std::filesystem::path &executable() const { return executable_; }
  // The built-in commands, as given to the constructor: where parse_args() finds a command's description.
  const std::vector<Command> &commands() const { return *commands_; }

  // The repository root: --repo, SSMD_REPO, or the nearest ancestor of the working directory that holds
  // exchanges/. Throws EnvironmentError (exit 3) when there is none.
  const std::filesystem::path &repo_root();
  // Like repo_root(), but nullopt when no ancestor holds exchanges/. A folder named by --repo or SSMD_REPO
  // must hold exchanges/ itself: when it does not (or does not exist), this throws EnvironmentError (exit 3)
  // too, so every command refuses it (only `ssmd init` creates a repository).
  std::optional<std::filesystem::path> find_repo_root();
  // --repo or SSMD_REPO (a non-empty value), with `origin` set to how it was given ("--repo DIR").
  std::optional<std::filesystem::path> explicit_repo(std::string &origin) const;
  // Makes `root` the repository of this run: `ssmd init` uses the one it creates.
  void use_repo_root(std::filesystem::path root);

  // The plugin manager, created on first use (discovery reads manifests; nothing is loaded).
  PluginManager &plugins();
  // What the plugin manager is created with: the search path, --plugins, --locked, the repository root when in a
  // repository and its lock file, and the built-in command words plugins may not take.
  PluginSettings plugin_settings();

  // The effective configuration (flags, environment, repository and user files), loaded on first use.
  Config &config();

  // The plugins and the loaded configuration, for code that calls plugins and needs nothing else of the
  // command's context (validate/, data/, publish/, schema/, secrets/).
  operator PluginAccess() { return {plugins(), config()}; }

  // Whether to colour output written to `fd` (1 or 2): --color, NO_COLOR, TERM=dumb and isatty.
  bool color(int fd) const;

private:
  // find_repo_root() without the throw: `problem` says why an explicitly named folder is not a repository.
  std::optional<std::filesystem::path> locate_repo_root(std::string &problem);
  GlobalOptions options_;
  std::filesystem::path executable_;
  const std::vector<Command> *commands_;
  std::optional<std::filesystem::path> repo_root_;
  std::unique_ptr<Config> config_;
  std::unique_ptr<PluginManager> plugins_;
};

} // namespace ssmd
