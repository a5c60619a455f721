// The rules of the `env` backend, for its rule table (`ssmd rules list`); README.md lists the same.
#include "common_rules.hpp"
#include "env_backend.hpp"

namespace ssmd::secrets {

std::vector<Rule> EnvBackend::rules() const {
  std::vector<Rule> out = {
      {"env/source", "Checks that the source is exactly env (env/NAME is a mistake, perhaps a wrong prefix).",
       "https://github.com/ssmd/ssmd/blob/main/plugins/secrets-env/README.md", SSMD_SEVERITY_ERROR, "reference"},
  };
  for (auto &rule : common_rules()) out.push_back(std::move(rule));
  return out;
}

} // namespace ssmd::secrets
