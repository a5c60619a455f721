// Machine-readable reports: ssmd's own JSON and SARIF 2.1.0 (OASIS), the format code-scanning services read.
#include "validate/report.hpp"

#include "core/json.hpp"
#include "validate/host_rules.hpp"

#include <map>

namespace ssmd::validate {

std::string render_json(const Report &report) {
  json::Value out;
  out.set("valid", report.valid())
      .set("files", static_cast<uint64_t>(report.files.size()))
      .set("errors", static_cast<uint64_t>(report.count(Severity::Error)))
      .set("warnings", static_cast<uint64_t>(report.count(Severity::Warning)));
  json::Value list = json::Array{};
  for (const auto &d : report.diagnostics) {
    json::Value item;
    item.set("file", d.file)
        .set("line", static_cast<uint64_t>(d.line))
        .set("column", static_cast<uint64_t>(d.column))
        .set("severity", std::string(severity_name(d.severity)))
        .set("rule", d.rule)
        .set("message", d.message);
    list.push(std::move(item));
  }
  out.set("diagnostics", std::move(list));
  return out.dump();
}

std::string render_sarif(const Report &report) {
  // The rule table: the rules that ran, plus any rule id a diagnostic names that they do not list.
  std::vector<RuleInfo> rules = report.rules;
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < rules.size(); ++i) index.emplace(rules[i].id, i);
  for (const auto &d : report.diagnostics)
    if (!d.rule.empty() && !index.count(d.rule)) {
      index.emplace(d.rule, rules.size());
      RuleInfo undescribed;
      undescribed.id = d.rule;
      rules.push_back(std::move(undescribed));
    }

  // Every rule carries a description and a help link: its own, or, for a rule no plugin's table lists, a
  // sentence saying so and the catalogue's index, which says how to find a plugin's rules.
  json::Value rule_list = json::Array{};
  for (const auto &r : rules) {
    json::Value rule;
    rule.set("id", r.id);
    rule.set("shortDescription",
             json::Value().set("text", !r.purpose.empty() ? r.purpose
                                                          : "A rule no installed plugin lists; `ssmd rules list` "
                                                            "shows every rule the plugins describe."));
    const std::string index = std::string(kProjectUrl) + "/blob/main/docs/rules/README.md";
    rule.set("helpUri", !r.help_uri.empty() ? r.help_uri : r.source.rfind("https://", 0) == 0 ? r.source : index);
    if (r.severity)
      rule.set("defaultConfiguration",
               json::Value().set("level", *r.severity == Severity::Error     ? "error"
                                          : *r.severity == Severity::Warning ? "warning"
                                                                             : "note"));
    json::Value properties;
    if (!r.category.empty()) properties.set("category", r.category);
    if (!r.plugin.empty()) properties.set("plugin", r.plugin);
    if (!r.category.empty() || !r.plugin.empty()) rule.set("properties", std::move(properties));
    rule_list.push(std::move(rule));
  }

  json::Value results = json::Array{};
  for (const auto &d : report.diagnostics) {
    json::Value result;
    if (!d.rule.empty()) result.set("ruleId", d.rule).set("ruleIndex", static_cast<uint64_t>(index[d.rule]));
    result.set("level", d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note");
    result.set("message", json::Value().set("text", d.message));
    json::Value physical;
    physical.set("artifactLocation", json::Value().set("uri", d.file).set("uriBaseId", "%SRCROOT%"));
    if (d.line) {
      json::Value region;
      region.set("startLine", static_cast<uint64_t>(d.line));
      if (d.column) region.set("startColumn", static_cast<uint64_t>(d.column));
      physical.set("region", std::move(region));
    }
    result.set("locations", json::Array{json::Value().set("physicalLocation", std::move(physical))});
    results.push(std::move(result));
  }

  json::Value driver;
  driver.set("name", "ssmd")
      .set("version", report.tool_version)
      .set("informationUri", std::string(kProjectUrl))
      .set("rules", std::move(rule_list));
  json::Value run;
  run.set("tool", json::Value().set("driver", std::move(driver)));
  run.set("originalUriBaseIds", json::Value().set("%SRCROOT%", json::Value().set("uri", "file:///")));
  run.set("results", std::move(results));
  json::Value out;
  out.set("$schema", "https://json.schemastore.org/sarif-2.1.0.json").set("version", "2.1.0");
  out.set("runs", json::Array{std::move(run)});
  return out.dump();
}

} // namespace ssmd::validate
