#include "validate/host_rules.hpp"

#include "registry/check.hpp"

#include <algorithm>

namespace ssmd::validate {

namespace {

struct ValidationRule {
  std::string_view id;
  Severity severity;
  std::string_view category;
  std::string_view purpose;
};

// The rules validation itself reports, around the plugins' checks (validate/job_plan.cpp, engine.cpp; the
// SDK's callbacks report `plugin/exception`). `plugin/missing` is a warning for a feed, outside `--strict`
// and `--locked`; its most severe level is listed.
constexpr ValidationRule k_validation_rules[] = {
    {"plugin/exception", Severity::Error, "plugin",
     "Reports a C++ exception that escaped a plugin's check; the SDK catches it at the ABI and reports it instead."},
    {"plugin/failed", Severity::Error, "plugin",
     "Reports a plugin that crashed, timed out, could not be loaded or ended without an answer while checking a file."},
    {"plugin/missing", Severity::Error, "plugin",
     "Checks that a plugin provides each feed exchange, schema format and key source the repository uses."},
    {"plugin/unavailable", Severity::Error, "plugin",
     "Checks that the plugin a file needs may run: not excluded by --plugins, pinned under --locked, safe and "
     "without a conflict."},
    {"schema/false-compatibility-claim", Severity::Error, "integrity",
     "Checks that a version's compatible_with: claim holds: the format plugin's comparison finds nothing that "
     "breaks between the two versions."},
};

} // namespace

std::string host_rule_page(std::string_view id) {
  return std::string(kProjectUrl) + "/blob/main/docs/rules/" + std::string(id) + ".md";
}

const std::vector<RuleInfo> &host_rules() {
  static const std::vector<RuleInfo> k_rules = [] {
    std::vector<RuleInfo> out;
    auto add = [&](std::string_view id, Severity severity, std::string_view category, std::string_view purpose) {
      RuleInfo rule;
      rule.id = id;
      rule.purpose = purpose;
      rule.severity = severity;
      rule.category = category;
      rule.help_uri = host_rule_page(id);
      out.push_back(std::move(rule));
    };
    for (const auto &r : registry::core_rules()) add(r.id, r.severity, r.category, r.purpose);
    for (const auto &r : k_validation_rules) add(r.id, r.severity, r.category, r.purpose);
    std::sort(out.begin(), out.end(), [](const RuleInfo &a, const RuleInfo &b) { return a.id < b.id; });
    return out;
  }();
  return k_rules;
}

} // namespace ssmd::validate
