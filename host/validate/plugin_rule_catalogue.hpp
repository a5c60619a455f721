// The rules of every usable plugin, for `ssmd rules list` and SARIF output. Rules live in a plugin's code,
// not its manifest, so each plugin is loaded, as every plugin call is, in a supervised worker process
// (validate/isolated_runner.hpp), which sends its rules back; ssmd itself never loads one.
#pragma once

#include "plugins/plugin_access.hpp"
#include "validate/report.hpp"

#include <string>
#include <vector>

namespace ssmd::validate {

struct PluginRuleCatalogue {
  std::vector<RuleInfo> rules;       // sorted by id, then plugin
  std::vector<std::string> failures; // a plugin that could not be loaded, crashed or timed out: one sentence each
};

// The rules of every usable plugin that provides an extension point (a plugin of commands alone has no
// rules and is not loaded), honouring --plugins and --locked as every command does. A rule's `help_uri` is
// its plugin's manifest `url`, else its `source` when that is an http(s) address. Throws EnvironmentError
// when discovery fails (--locked without a lock file).
PluginRuleCatalogue collect_plugin_rules(PluginAccess access);

// Adds to `report.rules` the plugin rules its findings name (for SARIF's rule table, which describes every
// rule a result refers to). Plugins are read only when a finding names a rule the report does not describe
// yet. Returns why a plugin could not be read, one sentence each.
std::vector<std::string> describe_reported_rules(PluginAccess access, Report &report);

} // namespace ssmd::validate
