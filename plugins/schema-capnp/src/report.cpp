#include "report.hpp"

#include "rules.hpp"

namespace ssmd::capnp_schema {

bool Report::enabled(std::string_view rule) const {
  const RuleSpec *spec = find_rule(rule);
  // Only lint rules can be switched off; structure and compatibility findings always count.
  return !(spec && spec->category == RuleCategory::Lint && disabled_.contains(rule));
}

ssmd_severity Report::severity(std::string_view rule) const {
  const RuleSpec *spec = find_rule(rule);
  return spec ? spec->severity : SSMD_SEVERITY_ERROR;
}

void Report::at(std::string_view rule, std::string_view file, Position where, std::string_view message) {
  if (!enabled(rule)) return;
  ssmd_severity sev = severity(rule);
  errors_ += sev == SSMD_SEVERITY_ERROR;
  reported_.emplace(rule);
  out_.at(sev, rule, file, where.line, where.column, message);
}

void Report::about_document(std::string_view rule, std::string_view message) {
  if (!enabled(rule)) return;
  ssmd_severity sev = severity(rule);
  errors_ += sev == SSMD_SEVERITY_ERROR;
  reported_.emplace(rule);
  out_.report(sev, rule, "", message);
}

size_t Report::count(std::string_view rule) const { return reported_.count(rule); }

} // namespace ssmd::capnp_schema
