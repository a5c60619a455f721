#include "validate/providers.hpp"

namespace ssmd::validate {

std::string_view kind_noun(std::string_view kind) {
  if (kind == "feed") return "feed validator";
  if (kind == "schema-format") return "schema-format checker";
  if (kind == "secret") return "secret backend";
  if (kind == "storage") return "storage backend";
  if (kind == "publisher") return "publisher";
  return "plugin";
}

std::string provider_problem(const Provider &p, std::string_view label, std::string_view name) {
  const std::string what = std::string(label) + " '" + std::string(name) + "'";
  if (p.refused) return what + " is unavailable: " + p.refused->problem;
  return "no plugin provides " + what;
}

Provider find_provider(PluginManager &plugins, std::string_view kind, std::string_view name) {
  Provider out;
  for (const auto &info : plugins.plugins()) {
    bool provides = false;
    for (const auto &p : info.manifest.provides) provides |= p.kind == kind && p.name == name;
    if (!provides) continue;
    if (info.status == PluginStatus::Ok) {
      out.plugin = &info;
      return out;
    }
    if (info.status != PluginStatus::Shadowed && !out.refused) {
      out.refused = &info;
      out.unavailable = "plugin '" + info.manifest.name + "' is not usable: " +
                        (info.reason.empty() ? info.problem : info.reason);
    }
  }
  return out;
}

} // namespace ssmd::validate
