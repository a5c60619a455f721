#include "vault_backend.hpp"

#include "key_spec.hpp"
#include "kv2_answer.hpp"
#include "vault_http.hpp"
#include "vault_reference.hpp"
#include "vault_settings.hpp"

namespace ssmd::vault {

namespace {
std::optional<VaultReference> checked_reference(const SecretRequest &req, Diagnostics &out) {
  std::string why;
  auto ref = parse_reference(req.source, why);
  if (!ref) out.error("vault/reference", "source", secrets::subject(req) + ": " + why);
  return ref;
}

// The names of the secret's keys, to help when a field is missing; names are not secrets.
std::string key_names(const json::Value &fields) {
  std::string out;
  for (const auto &[name, value] : fields.members()) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

void emit_fields(const SecretRequest &req, const json::Value &data, const std::string &where,
                 const std::function<void(std::string_view, std::string_view)> &emit, Diagnostics &out) {
  for (const auto &field : secrets::fields(req.spec)) {
    const json::Value *value = data.get(field.name);
    if (!value || value->is_null()) {
      secrets::report_missing(req, field, "is not in " + where + " (its keys: " + key_names(data) + ")", out);
    } else if (value->is_object() || value->is_array()) {
      out.error("vault/field-type", field.path(),
                secrets::subject(req) + ": field `" + field.name + "` of " + where +
                    " is a JSON object or list; a field must be a string, a number or a boolean");
    } else if (value->text().empty()) {
      // An empty value counts as missing, in every backend (docs/secrets.md).
      secrets::report_missing(req, field, "is empty in " + where + "; an empty value counts as missing", out);
    } else {
      emit(field.name, value->text());
    }
  }
}
} // namespace

void VaultBackend::check(const Host &, const SecretRequest &req, Diagnostics &out) {
  checked_reference(req, out);
  if (secrets::check_fields(req, out)) secrets::check_variable_map(req, out);
}

ssmd_status VaultBackend::resolve(const Host &, const SecretRequest &req,
                                  const std::function<void(std::string_view, std::string_view)> &emit,
                                  Diagnostics &out) {
  auto ref = checked_reference(req, out);
  if (!secrets::check_fields(req, out) || !ref) return SSMD_FAILED;
  const std::string what = secrets::subject(req);
  std::string why;
  auto settings = load_settings(why);
  if (!settings) {
    out.error("vault/config", "source", what + ": " + why);
    return SSMD_ENV_ERROR;
  }
  if (settings->skip_verify && !settings->plain_http)
    out.warning("vault/tls", "source",
                what + ": VAULT_SKIP_VERIFY is set, so Vault's certificate is not verified and anyone on the path "
                       "could read the token; point VAULT_CACERT at the CA instead");

  HttpResult http = vault_get(*settings, kv2_data_path(*ref));
  Kv2Answer answer = interpret(http, *ref, *settings);
  if (answer.status != SSMD_OK) {
    out.error(answer.rule, "source", what + ": " + answer.message);
    return answer.status;
  }
  for (const auto &warning : answer.warnings) out.warning("vault/warning", "source", what + ": Vault warned: " + warning);
  emit_fields(req, *answer.fields(), "vault/" + ref->mount + "/" + ref->path_text(), emit, out);
  return out.errors() ? SSMD_FAILED : SSMD_OK;
}

std::optional<std::string> VaultBackend::variable_name(const Host &, const SecretRequest &req,
                                                       std::string_view field) {
  return secrets::variable_for(req, field);
}

} // namespace ssmd::vault
