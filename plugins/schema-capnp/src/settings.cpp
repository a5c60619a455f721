#include "settings.hpp"

#include "rules.hpp"

namespace ssmd::capnp_schema {

Settings read_settings(const ssmd::Host &host) {
  Settings settings;
  ssmd::Node paths = host.config("capnp.import_paths");
  for (std::string_view entry : paths.strings()) {
    if (entry.starts_with('/')) {
      settings.import_dirs.push_back({Origin::Disk, std::string(entry)});
    } else if (auto dir = normalize_path("", entry)) {
      settings.import_dirs.push_back({Origin::Repository, *dir});
    } else if (normalize_path("x", entry) == "x") {
      settings.import_dirs.push_back({Origin::Repository, ""}); // "." names the repository root
    } else {
      settings.problems.push_back("capnp.import_paths entry `" + std::string(entry) +
                                  "` climbs out of the repository; use a repository directory or an absolute path");
    }
  }
  if (paths.present() && !paths.is_sequence() && !paths.is_scalar())
    settings.problems.push_back("capnp.import_paths must be a list of directories");
  settings.import_dirs.push_back({Origin::Disk, std::string(k_system_include_dir)});

  ssmd::Node disabled = host.config("capnp.disabled_rules");
  for (std::string_view id : disabled.strings()) {
    const RuleSpec *spec = find_rule(id);
    if (!spec)
      settings.problems.push_back("capnp.disabled_rules names `" + std::string(id) +
                                  "`, which is not a rule of the capnp plugin");
    else if (spec->category != RuleCategory::Lint)
      settings.problems.push_back("capnp.disabled_rules names `" + std::string(id) +
                                  "`, which is not a lint rule and cannot be disabled");
    else
      settings.disabled_rules.emplace(id);
  }
  if (disabled.present() && !disabled.is_sequence() && !disabled.is_scalar())
    settings.problems.push_back("capnp.disabled_rules must be a list of rule ids");
  return settings;
}

} // namespace ssmd::capnp_schema
