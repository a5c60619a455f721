#include "cli/plugin_commands.hpp"

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "core/exit_codes.hpp"
#include "plugins/plugin_manager.hpp"
#include "secrets/child_process.hpp"
#include "secrets/process_protection.hpp"
#include "validate/isolated_runner.hpp"

#include <algorithm>
#include <iostream>
#include <sys/wait.h>

namespace ssmd {

std::vector<PluginCommandEntry> plugin_commands(Context &ctx, size_t &unavailable, std::string &error) {
  std::vector<PluginCommandEntry> out;
  unavailable = 0;
  try {
    for (const auto &p : ctx.plugins().plugins()) {
      if (p.status == PluginStatus::Shadowed) continue;
      if (p.status != PluginStatus::Ok) {
        ++unavailable;
        continue;
      }
      for (const auto &c : p.manifest.commands) out.push_back({c.name, c.summary, p.manifest.name});
    }
  } catch (const CommandError &e) {
    error = e.what();
  }
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
  return out;
}

std::vector<std::string> plugin_command_names(Context &ctx) {
  std::vector<std::string> out;
  try {
    for (const auto &p : ctx.plugins().plugins())
      for (const auto &c : p.manifest.commands) out.push_back(c.name);
  } catch (const CommandError &) {
    // Suggestions are a courtesy; a discovery error is reported by whatever needs plugins.
  }
  return out;
}

std::optional<int> run_plugin_command(Context &ctx, const std::vector<std::string> &words) {
  PluginManager &manager = ctx.plugins();
  const std::string &name = words.at(0);
  // The plugin that provides the command, from the manifests, as the manager's lookup would pick it.
  const PluginInfo *usable = nullptr, *refused = nullptr;
  for (const auto &p : manager.plugins()) {
    if (std::none_of(p.manifest.commands.begin(), p.manifest.commands.end(), [&](auto &c) { return c.name == name; }))
      continue;
    if (p.status == PluginStatus::Ok) {
      usable = &p;
      break;
    }
    if (!refused && p.status != PluginStatus::Shadowed) refused = &p;
  }
  if (!usable && !refused) return std::nullopt;
  if (!usable) throw EnvironmentError("command '" + name + "' is unavailable: " + refused->problem);

  // The command runs in a child process that loads the plugin: a crash is reported here, not ssmd's death.
  // It keeps the terminal (same process group, stdin, stdout, stderr) and has no time limit, since it may be
  // interactive; it dies with ssmd, and cannot dump core, since it may handle secrets (a secret backend's own command).
  ctx.config();
  secrets::protect_secret_holder();
  std::vector<const char *> argv;
  for (const auto &w : words) argv.push_back(w.c_str());
  argv.push_back(nullptr);
  int status = secrets::run_forked([&]() -> int {
    auto lookup = manager.subcommand(name);
    if (!lookup) {
      std::cerr << "ssmd: " << lookup.problem << "\n";
      return kExitEnvironment;
    }
    return lookup.table->run(lookup.host, static_cast<int>(words.size()), argv.data());
  });
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  // Stopped by a signal it was sent (by the terminal, or forwarded): as a shell reports it.
  if (secrets::forwarded_signal(signal)) return 128 + signal;
  const std::string what = signal ? "crashed with " + validate::signal_name(signal) : "stopped unexpectedly";
  throw EnvironmentError("plugin '" + usable->manifest.name + "' " + what + " while running `ssmd " + name + "`");
}

} // namespace ssmd
