#include "cli/plugin_commands.hpp"

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

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
  auto lookup = manager.subcommand(words.at(0));
  if (lookup.failure == LookupFailure::NotFound) return std::nullopt;
  if (!lookup) throw EnvironmentError(lookup.problem);
  std::vector<const char *> argv;
  for (const auto &w : words) argv.push_back(w.c_str());
  argv.push_back(nullptr);
  // The plugin writes through its own stdio; keep the order of what both sides print.
  std::cout.flush();
  std::fflush(stdout);
  int code = lookup.table->run(manager.host_services(), static_cast<int>(words.size()), argv.data());
  std::fflush(stdout);
  return code;
}

} // namespace ssmd
