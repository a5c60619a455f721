// The checker writing commands hand to registry::Transaction: every rule `ssmd validate` runs, plugins
// included, on the repository before and after the change.
//
//   registry::Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
//
// It honours what the command's plugins say (--plugin-path, --plugins, --locked) and the
// configuration (rule severities from `rules:` and validate.disabled_rules, validate.plugin_timeout), so a
// write refuses exactly what `ssmd validate` would report as a new error. Plugin jobs run isolated, and jobs
// whose inputs are unchanged come from .ssmd/cache/validate.json, so a write on a big repository runs only
// the jobs of the files it changes. A plugin that crashes or times out throws EnvironmentError (exit 3):
// the change cannot be verified, so nothing is written. A file the change writes that names something no
// installed plugin provides is refused when `ssmd validate` reports that as an error (a key source, a
// schema format), and passes with the warning when it reports a warning (a feed's exchange).
#pragma once

#include "plugins/plugin_access.hpp"
#include "registry/change.hpp"

#include <filesystem>

namespace ssmd::validate {

// For the repository at `root`, whose cache it reads and updates. What `access` refers to must outlive the
// checker.
registry::Checker write_checker(PluginAccess access, const std::filesystem::path &root);

} // namespace ssmd::validate
