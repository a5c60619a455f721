#include "settings.hpp"

#include "rules.hpp"

#include <algorithm>

namespace ssmd::capnp_schema {

Settings read_settings(const ssmd::Host &host) {
  Settings settings;
  ssmd::Node paths = host.config("capnp.import_paths");
  // A directory on disk is read only when a trusted layer (a flag, the environment, the user's own file) names
  // it: a cloned repository's ssmd.yaml or .ssmd/config.yaml could otherwise point imports at any folder the
  // user can read, and quote its files back in findings.
  ssmd::Node trusted_paths = host.trusted_config("capnp.import_paths");
  const std::vector<std::string_view> trusted = trusted_paths.strings();
  for (std::string_view entry : paths.strings()) {
    if (entry.starts_with('/')) {
      if (std::find(trusted.begin(), trusted.end(), entry) != trusted.end())
        settings.import_dirs.push_back({Origin::Disk, std::string(entry)});
      else
        settings.problems.push_back("capnp.import_paths entry `" + std::string(entry) +
                                    "` is a directory outside the repository, which only your own configuration "
                                    "may name (~/.config/ssmd/config.yaml or --import-path), never the "
                                    "repository's files; it is not searched");
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
