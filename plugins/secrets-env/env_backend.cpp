#include "env_backend.hpp"

#include "key_spec.hpp"

#include <cstdlib>

namespace ssmd::secrets {

namespace {
// The source must be exactly `env`: this backend has no path to follow, so anything after the prefix is a
// mistake (perhaps a sealed-secret or vault reference with the wrong prefix).
bool check_source(const SecretRequest &req, Diagnostics &out) {
  if (req.source == "env") return true;
  out.error("env/source", "source",
            subject(req) + ": the env backend takes no path; write `source: env` and name variables in `env:`");
  return false;
}
} // namespace

void EnvBackend::check(const Host &, const SecretRequest &req, Diagnostics &out) {
  check_source(req, out);
  if (check_fields(req, out)) check_variable_map(req, out);
}

ssmd_status EnvBackend::resolve(const Host &, const SecretRequest &req,
                                const std::function<void(std::string_view, std::string_view)> &emit,
                                Diagnostics &out) {
  if (!check_source(req, out) || !check_fields(req, out)) return SSMD_FAILED;
  check_variable_map(req, out);
  if (out.errors()) return SSMD_FAILED;
  for (const auto &field : fields(req.spec)) {
    const std::string variable = variable_for(req, field.name);
    // getenv's storage belongs to the environment; nothing is copied, so nothing needs wiping here.
    const char *value = std::getenv(variable.c_str());
    if (!value)
      report_missing(req, field, "is not set: export " + variable, out);
    else if (*value == '\0')
      report_missing(req, field,
                     "is empty: " + variable + " is set but holds no value; an empty value counts as missing", out);
    else
      emit(field.name, value);
  }
  return out.errors() ? SSMD_FAILED : SSMD_OK;
}

std::optional<std::string> EnvBackend::variable_name(const Host &, const SecretRequest &req,
                                                     std::string_view field) {
  return variable_for(req, field);
}

} // namespace ssmd::secrets
