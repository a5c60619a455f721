#include "validate/rule_severities.hpp"

#include "config/config.hpp"

namespace ssmd::validate {

namespace {
constexpr std::string_view kRulesPrefix = "rules.";

bool lowers(std::optional<Severity> level) { return !level || *level != Severity::Error; }
} // namespace

std::optional<std::optional<Severity>> parse_rule_level(std::string_view text) {
  // Built in place: GCC 12 at -O2 warns (-Wmaybe-uninitialized) when a disengaged optional<Severity> is
  // copied into the outer one.
  if (text == "off") return std::optional<std::optional<Severity>>(std::in_place);
  if (text == "warning") return std::optional<Severity>(Severity::Warning);
  if (text == "error") return std::optional<Severity>(Severity::Error);
  return std::nullopt;
}

bool is_protected_rule(std::string_view rule) {
  return rule.starts_with("plugin/") || rule.starts_with("io/") || rule == "*" || rule == "plugin" || rule == "io";
}

RuleSeverities RuleSeverities::from_config(const Config &config, const std::string &quiet_origin) {
  RuleSeverities out;
  auto quiet = [&](const std::string &origin) { return !quiet_origin.empty() && origin.starts_with(quiet_origin); };
  for (const auto &[key, value] : config.effective()) {
    if (key == "rules") {
      if (value.node->is_null()) continue; // `rules:` with every entry commented out
      // `rules:` that is not a mapping at the layer that wins.
      if (!quiet(value.origin)) out.problems_.push_back("rules (" + value.origin + ") must map rule ids to off, warning or error");
      continue;
    }
    if (!key.starts_with(kRulesPrefix)) continue;
    const std::string rule = key.substr(kRulesPrefix.size());
    auto level = value.node->is_scalar() ? parse_rule_level(value.node->scalar()) : std::nullopt;
    if (!level) {
      if (!quiet(value.origin))
        out.problems_.push_back("rules." + rule + " (" + value.origin + ") must be off, warning or error; ignored");
      continue;
    }
    if (is_protected_rule(rule) && lowers(*level)) {
      if (!quiet(value.origin))
        out.problems_.push_back("rules." + rule + " (" + value.origin +
                                ") is ignored: plugin/* and io/* findings always count (they may only be raised to error)");
      continue;
    }
    out.set(rule, *level);
  }
  // The older local list: off, after `rules:`.
  for (const auto &pattern : config.list("validate.disabled_rules")) {
    if (pattern.empty()) continue;
    if (is_protected_rule(pattern)) {
      out.problems_.push_back("'" + pattern + "' cannot be disabled: plugin/* and io/* findings always count");
      continue;
    }
    out.set(pattern, std::nullopt);
  }
  return out;
}

void RuleSeverities::set(const std::string &pattern, std::optional<Severity> level) {
  if (pattern.ends_with("/*")) families_[pattern.substr(0, pattern.size() - 1)] = level;
  else exact_[pattern] = level;
}

std::optional<Severity> RuleSeverities::judge(const std::string &rule, Severity reported) const {
  if (rule.empty()) return reported;
  std::optional<std::optional<Severity>> setting;
  if (auto it = exact_.find(rule); it != exact_.end()) {
    setting = it->second;
  } else {
    size_t longest = 0;
    for (const auto &[family, level] : families_)
      if (rule.starts_with(family) && family.size() > longest) {
        longest = family.size();
        setting = level;
      }
  }
  if (!setting) return reported;
  // A protected rule is never lowered, whatever reached this far (a family such as `plug*` cannot, but be sure).
  if (is_protected_rule(rule) && lowers(*setting)) return reported;
  return *setting;
}

void RuleSeverities::apply(Diagnostics &diagnostics) const {
  if (empty()) return;
  Diagnostics kept;
  kept.reserve(diagnostics.size());
  for (auto &d : diagnostics) {
    auto level = judge(d.rule, d.severity);
    if (!level) continue;
    d.severity = *level;
    kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

} // namespace ssmd::validate
