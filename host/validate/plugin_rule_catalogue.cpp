#include "validate/plugin_rule_catalogue.hpp"

#include "config/config.hpp"
#include "plugins/plugin_manager.hpp"
#include "plugins/plugin_rules.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace ssmd::validate {

namespace {

// A rule crosses from the worker as one record of NUL-separated fields: id, severity ("" when the table does
// not say, else the ssmd_severity number), category, purpose, source. The plugin's tables were checked
// before (plugins/plugin_rules.hpp), so no field holds a NUL.
std::string encode(const PluginRule &rule) {
  std::string out = rule.id;
  out += '\0';
  if (rule.severity) out += std::to_string(static_cast<int>(*rule.severity));
  for (const std::string *field : {&rule.category, &rule.purpose, &rule.source}) {
    out += '\0';
    out += *field;
  }
  return out;
}

std::optional<RuleInfo> decode(std::string_view record) {
  std::vector<std::string> fields;
  size_t pos = 0;
  while (true) {
    size_t end = record.find('\0', pos);
    fields.emplace_back(record.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (fields.size() != 5) return std::nullopt;
  RuleInfo rule;
  rule.id = fields[0];
  if (fields[1] == "0") rule.severity = Severity::Error;
  else if (fields[1] == "1") rule.severity = Severity::Warning;
  else if (fields[1] == "2") rule.severity = Severity::Info;
  else if (!fields[1].empty()) return std::nullopt;
  rule.category = fields[2];
  rule.purpose = fields[3];
  rule.source = fields[4];
  return rule;
}

bool is_http_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// Whether a plugin can list rules: it provides an extension point, not only commands.
bool provides_extensions(const PluginInfo &info) { return !info.manifest.provides.empty(); }

} // namespace

PluginRuleCatalogue collect_plugin_rules(PluginAccess access) {
  // The configuration plugins read through the host table is loaded: access.config is.
  PluginManager &manager = access.plugins;
  std::vector<const PluginInfo *> plugins;
  for (const auto &info : manager.plugins())
    if (info.status == PluginStatus::Ok && provides_extensions(info)) plugins.push_back(&info);

  std::vector<PluginJob> jobs;
  for (const PluginInfo *info : plugins) {
    PluginJob job;
    job.plugin = info->manifest.name;
    job.tag = jobs.size();
    job.run = [&manager, name = info->manifest.name](const ssmd_sink *sink, const ssmd_bytes_sink *out) {
      auto lookup = manager.plugin_table(name);
      if (!lookup) {
        ssmd_diagnostic d{};
        d.struct_size = sizeof d;
        d.severity = SSMD_SEVERITY_ERROR;
        d.rule = ssmd_str{"plugin/failed", 13};
        d.message = ssmd_str{lookup.problem.data(), lookup.problem.size()};
        sink->report(sink->ctx, &d);
        return;
      }
      for (const auto &rule : plugin_rules(*lookup.table)) {
        const std::string record = encode(rule);
        out->write(out->ctx, ssmd_str{record.data(), record.size()});
      }
    };
    jobs.push_back(std::move(job));
  }
  IsolationOptions options;
  options.timeout = configured_plugin_timeout(access.config);
  options.workers_per_plugin = 1;
  std::vector<JobResult> results = run_isolated(jobs, options);

  PluginRuleCatalogue out;
  for (size_t i = 0; i < results.size(); ++i) {
    const PluginInfo &info = *plugins[i];
    const JobResult &result = results[i];
    if (result.failure) {
      out.failures.push_back("plugin '" + info.manifest.name + "' " + *result.failure + " while listing its rules");
      continue;
    }
    if (!result.findings.empty()) {
      out.failures.push_back(result.findings.front().message);
      continue;
    }
    for (const auto &record : result.records) {
      auto rule = decode(record.view());
      if (!rule) {
        out.failures.push_back("plugin '" + info.manifest.name + "' sent a rule ssmd cannot read");
        break;
      }
      rule->plugin = info.manifest.name;
      rule->help_uri = !info.manifest.url.empty() ? info.manifest.url : is_http_url(rule->source) ? rule->source : "";
      out.rules.push_back(std::move(*rule));
    }
  }
  std::sort(out.rules.begin(), out.rules.end(),
            [](const RuleInfo &a, const RuleInfo &b) { return std::tie(a.id, a.plugin) < std::tie(b.id, b.plugin); });
  return out;
}

std::vector<std::string> describe_reported_rules(PluginAccess access, Report &report) {
  std::set<std::string> described, wanted;
  for (const auto &rule : report.rules) described.insert(rule.id);
  for (const auto &d : report.diagnostics)
    if (!d.rule.empty() && !described.count(d.rule)) wanted.insert(d.rule);
  if (wanted.empty()) return {};
  PluginRuleCatalogue catalogue = collect_plugin_rules(access);
  // Two plugins may list one id (a shared family such as `secrets/`); the first by plugin name describes it.
  for (auto &rule : catalogue.rules)
    if (wanted.erase(rule.id)) report.rules.push_back(std::move(rule));
  return catalogue.failures;
}

} // namespace ssmd::validate
