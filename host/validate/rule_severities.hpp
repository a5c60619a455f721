// How findings are judged. `rules:` in the configuration (normally the committed team settings, ssmd.yaml)
// maps a rule id (`acme/endpoint-host`) or a whole family (`acme/*`) to `off`, `warning` or `error`, for the
// core's rules and every plugin's alike:
//
//   rules:
//     acme/endpoint-host: error           # raise: a host this plugin does not list fails CI
//     acme-secrets/manifest-missing: error
//     feed/unknown-key: off               # drop
//
// An exact id beats a family, and a longer family beats a shorter one. Each key is looked up through the
// configuration layers, so a user's own file or .ssmd/config.yaml may override one rule the team set.
// `validate.disabled_rules` (the older, local list) is applied after `rules:`: a rule it names is off,
// whatever `rules:` says.
//
// Two families can never be lowered: plugin/* (a plugin that crashed, is missing or may not run must never
// go unseen) and io/* (a file that could not be read was not checked). They may be raised to `error`.
//
// The policy is applied to every run's findings, cached or fresh, by `ssmd validate`, by the check before
// every write and by `ssmd commit`; the configuration is part of the cache key.
#pragma once

#include "core/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {
class Config;
}

namespace ssmd::validate {

// `off`, `warning` or `error`; nullopt for anything else. Off is an empty optional inside the optional.
std::optional<std::optional<Severity>> parse_rule_level(std::string_view text);

// True for the rule ids and families whose findings may not be lowered (plugin/*, io/*).
bool is_protected_rule(std::string_view rule);

class RuleSeverities {
public:
  RuleSeverities() = default;
  // Reads `rules.*` and `validate.disabled_rules` from every layer. Settings that cannot apply (a bad level,
  // lowering plugin/*) are left out and described in problems(); those whose origin starts with
  // `quiet_origin` (the team settings file, whose checker reports them as findings) are left out silently.
  static RuleSeverities from_config(const Config &config, const std::string &quiet_origin = "");

  // Sets `pattern` (an id, or a family ending in `/*`) to `level` (nullopt: off).
  void set(const std::string &pattern, std::optional<Severity> level);
  // The severity a finding of `rule` reported as `reported` gets; nullopt when it is switched off.
  std::optional<Severity> judge(const std::string &rule, Severity reported) const;
  // Re-judges every finding, dropping those switched off.
  void apply(Diagnostics &diagnostics) const;
  bool empty() const { return exact_.empty() && families_.empty(); }
  // Settings that were not applied, with the reason, for a warning on stderr.
  const std::vector<std::string> &problems() const { return problems_; }

private:
  std::map<std::string, std::optional<Severity>, std::less<>> exact_;
  std::map<std::string, std::optional<Severity>, std::less<>> families_; // "acme/" for "acme/*"
  std::vector<std::string> problems_;
};

} // namespace ssmd::validate
