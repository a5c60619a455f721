#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/errors.hpp"
#include "core/exit_codes.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "plugins/plugin_manager.hpp"
#include "validate/host_rules.hpp"
#include "validate/plugin_rule_catalogue.hpp"

#include <algorithm>
#include <iostream>
#include <tuple>

namespace ssmd {

namespace {

std::string severity_text(const validate::RuleInfo &rule) {
  return rule.severity ? std::string(severity_name(*rule.severity)) : "-";
}

json::Value rule_json(const validate::RuleInfo &rule) {
  json::Value out;
  out.set("id", rule.id)
      .set("severity", rule.severity ? json::Value(severity_name(*rule.severity)) : json::Value())
      .set("category", rule.category.empty() ? json::Value() : json::Value(rule.category))
      .set("purpose", rule.purpose)
      .set("plugin", rule.plugin.empty() ? json::Value() : json::Value(rule.plugin))
      .set("source", rule.source.empty() ? json::Value() : json::Value(rule.source))
      .set("url", rule.help_uri.empty() ? json::Value() : json::Value(rule.help_uri));
  return out;
}

} // namespace

// `ssmd rules list`: every rule `ssmd validate` may report here, the host's and those of every usable
// plugin (under --plugins and --locked, exactly the plugins a run would use). Plugins are loaded in worker
// processes to read their rule tables.
CommandSpec describe_rules_list(Context &) {
  return synopsis("ssmd rules list [--output json]",
                  {output_option()});
}

int run_rules_list(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "rules list", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);

  validate::PluginRuleCatalogue plugins = validate::collect_plugin_rules(ctx);
  std::vector<validate::RuleInfo> rules = validate::host_rules();
  rules.insert(rules.end(), plugins.rules.begin(), plugins.rules.end());
  std::stable_sort(rules.begin(), rules.end(), [](const validate::RuleInfo &a, const validate::RuleInfo &b) {
    return std::tie(a.id, a.plugin) < std::tie(b.id, b.plugin);
  });

  if (format == OutputFormat::Json) {
    json::Array out;
    for (const auto &rule : rules) out.push_back(rule_json(rule));
    std::cout << json::Value(out).dump();
  } else {
    Table table({"RULE", "SEVERITY", "CATEGORY", "PLUGIN", "PURPOSE"});
    for (const auto &rule : rules)
      table.add({rule.id, severity_text(rule), rule.category.empty() ? "-" : rule.category,
                 rule.plugin.empty() ? "-" : rule.plugin, rule.purpose});
    table.print(std::cout);
    // Where each rule is documented: a page per host rule, and what each plugin's manifest names.
    Table docs({"DOCUMENTATION", "URL"});
    docs.add({"host rules", validate::host_rule_page("<rule>")});
    for (const auto &info : ctx.plugins().plugins())
      if (info.status == PluginStatus::Ok && !info.manifest.provides.empty())
        docs.add({info.manifest.name, info.manifest.url.empty() ? "-" : info.manifest.url});
    std::cout << "\n";
    docs.print(std::cout);
  }

  size_t unusable = 0;
  for (const auto &info : ctx.plugins().plugins())
    if (info.status != PluginStatus::Ok && info.status != PluginStatus::Shadowed) ++unusable;
  if (unusable > 0)
    std::cerr << "ssmd: " << unusable << (unusable == 1 ? " plugin" : " plugins")
              << " cannot be used and " << (unusable == 1 ? "is" : "are")
              << " not listed; run 'ssmd plugin list' to see why\n";
  if (!plugins.failures.empty()) {
    for (const auto &failure : plugins.failures) std::cerr << "ssmd: " << failure << "\n";
    throw EnvironmentError("the list lacks the rules of " + std::to_string(plugins.failures.size()) +
                           (plugins.failures.size() == 1 ? " plugin" : " plugins") + " that could not be read");
  }
  return kExitOk;
}

} // namespace ssmd
