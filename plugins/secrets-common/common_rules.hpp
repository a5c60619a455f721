// The rules every bundled secret backend applies through key_spec.hpp, for each backend's rule table
// (`ssmd rules list`). README.md lists the same rules.
#pragma once

#include <ssmd/plugin.hpp>

#include <vector>

namespace ssmd::secrets {

inline std::vector<Rule> common_rules() {
  const std::string readme = "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-common/README.md";
  return {
      {"secrets/fields", "Checks that fields: is a non-empty list of distinct names made of letters, digits, '-', '_' "
                         "and '.'.",
       readme, SSMD_SEVERITY_ERROR, "key"},
      {"secrets/missing-field", "Reports a field the backend could not find at run time (a warning when the key is "
                                "not required).",
       readme, SSMD_SEVERITY_ERROR, "value"},
      {"secrets/variable-name", "Checks that each env: entry names a listed field and a valid variable, and that no "
                                "two fields share one.",
       readme, SSMD_SEVERITY_ERROR, "key"},
  };
}

} // namespace ssmd::secrets
