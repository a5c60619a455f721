// Commands that plugins add (`ssmd <command> ...`): listed from manifests, run by loading the plugin.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ssmd {

class Context;

struct PluginCommandEntry {
  std::string name;
  std::string summary;
  std::string plugin;
};

// The commands of usable plugins, sorted by name, from manifests only (nothing is loaded). Plugins that
// cannot be used are counted in `unavailable`. Discovery errors (a missing lock file under --locked) are
// returned in `error` rather than thrown, so that help still prints.
std::vector<PluginCommandEntry> plugin_commands(Context &ctx, size_t &unavailable, std::string &error);

// Every command name any plugin declares, usable or not, for "did you mean" suggestions.
std::vector<std::string> plugin_command_names(Context &ctx);

// Runs `words[0]` if a plugin declares it, passing `words` as argv (argv[0] is the command name) and
// returning the plugin's exit code; nullopt when no plugin declares it. Throws EnvironmentError (exit 3)
// when the plugin may not be used or fails to load.
std::optional<int> run_plugin_command(Context &ctx, const std::vector<std::string> &words);

} // namespace ssmd
