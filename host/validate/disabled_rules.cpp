#include "validate/disabled_rules.hpp"

#include <algorithm>

namespace ssmd::validate {

namespace {
bool is_protected(const std::string &pattern) {
  return pattern.starts_with("plugin/") || pattern.starts_with("io/") || pattern == "*" || pattern == "plugin" ||
         pattern == "io";
}
} // namespace

DisabledRules::DisabledRules(const std::vector<std::string> &patterns) {
  for (const auto &p : patterns) {
    if (p.empty()) continue;
    if (is_protected(p)) {
      refused_.push_back("'" + p + "' cannot be disabled: plugin/* and io/* findings always count");
      continue;
    }
    if (p.ends_with("/*")) families_.push_back(p.substr(0, p.size() - 1));
    else exact_.push_back(p);
  }
}

bool DisabledRules::disabled(const std::string &rule) const {
  if (rule.empty() || is_protected(rule)) return false;
  if (std::find(exact_.begin(), exact_.end(), rule) != exact_.end()) return true;
  return std::any_of(families_.begin(), families_.end(), [&](const std::string &f) { return rule.starts_with(f); });
}

void DisabledRules::apply(Diagnostics &diagnostics) const {
  if (exact_.empty() && families_.empty()) return;
  std::erase_if(diagnostics, [&](const Diagnostic &d) { return disabled(d.rule); });
}

} // namespace ssmd::validate
