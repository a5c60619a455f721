#include "vault_backend.hpp"

#include "key_spec.hpp"
#include "vault_reference.hpp"

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

// Every string a secret holds, at any depth, so that an error quoted later cannot show one.
void remember_values(const json::Value &value, Scrubber &scrubber) {
  if (value.is_string()) scrubber.add(value.text());
  for (const auto &item : value.items()) remember_values(item, scrubber);
  for (const auto &[name, member] : value.members()) remember_values(member, scrubber);
}

void emit_fields(const SecretRequest &req, const KvAnswer &answer, const std::string &where,
                 const std::function<void(std::string_view, std::string_view)> &emit, Diagnostics &out) {
  const json::Value &data = *answer.fields();
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
      if (answer.created) req.report_last_set(field.name, *answer.created);
    }
  }
}
} // namespace

void VaultBackend::check(const Host &, const SecretRequest &req, Diagnostics &out) {
  checked_reference(req, out);
  if (secrets::check_fields(req, out)) secrets::check_variable_map(req, out);
}

ssmd_status VaultBackend::resolve(const Host &host, const SecretRequest &req,
                                  const std::function<void(std::string_view, std::string_view)> &emit,
                                  Diagnostics &out) {
  auto ref = checked_reference(req, out);
  if (!secrets::check_fields(req, out) || !ref) return SSMD_FAILED;
  const std::string what = secrets::subject(req);
  auto fail = [&](const Finding &f) {
    out.error(f.rule, "source", what + ": " + f.message);
    return f.status;
  };
  if (const Finding *problem = session_.start(host)) return fail(*problem);
  const VaultSettings &settings = session_.settings();
  if (settings.skip_verify && !settings.plain_http)
    out.warning("vault/tls", "source",
                what + ": VAULT_SKIP_VERIFY is set, so Vault's certificate is not verified and anyone on the path "
                       "could read the token; point VAULT_CACERT at the CA instead");

  auto version = session_.kv_version(*ref);
  if (auto *problem = std::get_if<Finding>(&version)) return fail(*problem);
  const int kv = std::get<int>(version);
  if (kv == 1 && ref->version)
    return fail(Finding{SSMD_FAILED, "vault/reference",
                        "`" + ref->text() + "` pins a version, but mount `" + ref->mount +
                            "` runs KV version 1, which keeps no versions; drop `?version=" +
                            std::to_string(*ref->version) + "`"});
  const KvAnswer &answer = session_.read(*ref, kv);
  if (answer.problem) return fail(*answer.problem);
  remember_values(*answer.fields(), session_.scrubber());
  for (const auto &warning : answer.warnings) out.warning("vault/warning", "source", what + ": Vault warned: " + warning);
  emit_fields(req, answer, ref->text(), emit, out);
  return out.errors() ? SSMD_FAILED : SSMD_OK;
}

std::optional<std::string> VaultBackend::variable_name(const Host &, const SecretRequest &req,
                                                       std::string_view field) {
  return secrets::variable_for(req, field);
}

void VaultBackend::end_run(const Host &) { session_.end(); }

} // namespace ssmd::vault
