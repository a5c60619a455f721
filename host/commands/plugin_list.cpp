#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/exit_codes.hpp"
#include "core/table.hpp"

#include <iostream>

namespace ssmd {

// `ssmd plugin list`: every plugin file on the search path with its status. Reads manifests only, so
// no plugin code runs.
CommandSpec describe_plugin_list(Context &) {
  return synopsis("ssmd plugin list [--output json]",
                  {output_option()});
}

int run_plugin_list(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "plugin list", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);

  PluginManager &manager = ctx.plugins();
  const auto &plugins = manager.plugins();
  if (format == OutputFormat::Json) {
    json::Array out;
    for (const auto &p : plugins) out.push_back(plugin_json(p));
    std::cout << json::Value(out).dump();
    return kExitOk;
  }
  if (plugins.empty()) {
    std::cout << "No plugins found. Search path:\n";
    for (const auto &dir : manager.settings().search_path) std::cout << "  " << dir.string() << "\n";
    return kExitOk;
  }
  Table table({"NAME", "VERSION", "KINDS", "STATUS", "PATH"});
  for (const auto &p : plugins) {
    bool valid = p.status != PluginStatus::Invalid && p.status != PluginStatus::Unsafe; // manifest read
    table.add({p.manifest.name, valid ? p.manifest.version : "-", valid ? plugin_kinds(p) : "-",
               std::string(plugin_status_name(p.status)), p.path.string()});
  }
  table.print(std::cout);
  bool heading = false;
  for (const auto &p : plugins) {
    if (p.status == PluginStatus::Ok) continue;
    if (!heading) std::cout << "\nProblems:\n";
    heading = true;
    std::cout << "  " << p.manifest.name << ": " << p.problem << "\n";
  }
  return kExitOk;
}

} // namespace ssmd
