// Rules a repository switched off: `validate.disabled_rules` in the configuration, a list of rule ids
// ("feed/unknown-key") or whole families ("acme/*"). It applies to every rule, the core's and every
// plugin's, after the run, so a disabled rule's findings never count towards the exit code.
//
// Two families can never be disabled: plugin/* (a plugin that crashed, is missing or may not run must never
// go unseen, or a restricted plugin set could skip checks silently) and io/* (a file that cannot be read was
// not checked at all).
#pragma once

#include "core/diagnostic.hpp"

#include <string>
#include <vector>

namespace ssmd::validate {

class DisabledRules {
public:
  // `patterns` as configured. Patterns naming a protected family are kept aside for warnings().
  explicit DisabledRules(const std::vector<std::string> &patterns);

  bool disabled(const std::string &rule) const;
  // Removes the findings of disabled rules.
  void apply(Diagnostics &diagnostics) const;
  // Patterns that were refused, with the reason, for a warning on stderr.
  const std::vector<std::string> &refused() const { return refused_; }

private:
  std::vector<std::string> exact_, families_; // families without the trailing '*', e.g. "acme/"
  std::vector<std::string> refused_;
};

} // namespace ssmd::validate
