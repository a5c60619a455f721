#include "commands/data_source.hpp"

#include "cli/context.hpp"
#include "commands/data_location.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_manager.hpp"
#include "registry/command_support.hpp"

#include <iostream>
#include <set>

namespace ssmd::data {

std::vector<std::string> storage_schemes(Context &ctx) {
  std::set<std::string> schemes;
  try {
    // Only usable plugins: a flag for a plugin --plugins leaves out would have nothing to pass its value to.
    for (const auto &plugin : ctx.plugins().plugins()) {
      if (plugin.status != PluginStatus::Ok) continue;
      for (const auto &p : plugin.manifest.provides)
        if (p.kind == "storage" && p.name != "file") schemes.insert(p.name);
    }
  } catch (const EnvironmentError &) {
    // Discovery failed (--locked without a lock file, say): no per-scheme flags. Opening a plugin store
    // reports the failure itself, and --help must still answer.
  }
  return {schemes.begin(), schemes.end()};
}

Source open_source(Context &ctx, const po::variables_map &vm) {
  Source source;
  LocationRequest request;
  request.feed = source.feed = vm["feed"].as<std::string>();
  // Names become parts of paths and object keys: `--feed ../x` is refused like any other bad name.
  registry::require_valid_name(request.feed, "feed");
  if (vm.count("env")) {
    request.env = vm["env"].as<std::string>();
    registry::require_valid_name(request.env, "environment");
  }
  if (vm.count("raw")) request.raw = vm["raw"].as<std::string>();
  if (vm.count("normalized")) request.normalized = vm["normalized"].as<std::string>();
  const Location location = locate_data(ctx, request);
  const std::string &raw = location.raw;
  const std::string &normalized = location.normalized;
  // The endpoint flags reach the plugin as configuration `<scheme>.endpoint` with a flag origin, which a
  // plugin ranks above its own environment variables (ssmd_host.flag_config); the per-scheme flag wins.
  std::set<std::string> used_flags;
  for (const auto &url : {raw, normalized}) {
    size_t sep = url.find("://");
    if (sep == std::string::npos || url.substr(0, sep) == "file") continue;
    used_flags.insert("endpoint"); // used, or beaten by the scheme's own flag: either way not a mistake
    std::string scheme = url.substr(0, sep);
    std::string specific = scheme + "-endpoint";
    if (vm.count(specific)) {
      ctx.config().set(scheme + ".endpoint", vm[specific].as<std::string>(), "flag --" + specific);
      used_flags.insert(specific);
    } else if (vm.count("endpoint")) {
      ctx.config().set(scheme + ".endpoint", vm["endpoint"].as<std::string>(), "flag --endpoint");
    }
  }
  // An endpoint flag that reaches no plugin is most likely a mistyped URL or environment: say so rather
  // than let the run quietly read somewhere else.
  constexpr std::string_view suffix = "-endpoint";
  for (const auto &[flag, value] : vm) {
    if (value.defaulted() || used_flags.count(flag) || !(flag == "endpoint" || flag.ends_with(suffix))) continue;
    const std::string where = flag == "endpoint" ? "no data location here uses a plugin's URL scheme"
                                                 : "no data location here uses " + flag.substr(0, flag.size() - suffix.size()) + "://";
    std::cerr << "ssmd: warning: --" << flag << " is ignored: " << where << "\n";
  }
  require_local_roots(location);
  auto plugins = [&ctx] { return PluginAccess(ctx); };
  if (!raw.empty()) source.raw = open_store(raw, plugins);
  if (!normalized.empty()) source.normalized = open_store(normalized, plugins);
  return source;
}

} // namespace ssmd::data
