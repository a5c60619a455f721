#include "vault_backend.hpp"

#include "key_spec.hpp"
#include "vault_reference.hpp"

#include <array>
#include <charconv>

namespace ssmd::vault {

namespace {
std::optional<VaultReference> checked_reference(const SecretRequest &req, Diagnostics &out) {
  std::string why;
  auto ref = parse_reference(req.source, why);
  if (!ref) out.error("vault/reference", "source", secrets::subject(req) + ": " + why);
  return ref;
}

// The names of the secret's keys, to help when a field is missing; names are not secrets.
std::string key_names(const SecretJson &fields) {
  std::string out;
  for (auto it = fields.begin(); it != fields.end(); ++it)
    out += (out.empty() ? "" : ", ") + std::string(std::string_view(it.key()));
  return out.empty() ? "none" : out;
}

// Every string a secret holds, at any depth, so that an error quoted later cannot show one.
void remember_values(const SecretJson &value, Scrubber &scrubber) {
  if (value.is_string()) scrubber.add(text_of(value));
  if (value.is_structured())
    for (const auto &child : value) remember_values(child, scrubber);
}

// The text a scalar field is passed on as: a string's own, `true` or `false`, a number as JSON writes it
// (`1.50` becomes `1.5`). A number's digits are written into `digits`, which the caller wipes.
std::string_view field_text(const SecretJson &value, std::array<char, 32> &digits) {
  char *const end = digits.data() + digits.size();
  std::to_chars_result written{digits.data(), std::errc()};
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_unsigned()) written = std::to_chars(digits.data(), end, value.get<uint64_t>());
  else if (value.is_number_integer()) written = std::to_chars(digits.data(), end, value.get<int64_t>());
  else if (value.is_number_float()) written = std::to_chars(digits.data(), end, value.get<double>());
  else return text_of(value);
  return std::string_view(digits.data(), static_cast<size_t>(written.ptr - digits.data()));
}

void emit_fields(const SecretRequest &req, const KvAnswer &answer, const std::string &where,
                 const std::function<void(std::string_view, std::string_view)> &emit, Diagnostics &out) {
  const SecretJson &data = *answer.fields();
  for (const auto &field : secrets::fields(req.spec)) {
    const SecretJson *value = member(data, field.name);
    if (!value || value->is_null()) {
      secrets::report_missing(req, field, "is not in " + where + " (its keys: " + key_names(data) + ")", out);
      continue;
    }
    if (value->is_structured()) {
      out.error("vault/field-type", field.path(),
                secrets::subject(req) + ": field `" + field.name + "` of " + where +
                    " is a JSON object or list; a field must be a string, a number or a boolean");
      continue;
    }
    std::array<char, 32> digits;
    const std::string_view text = field_text(*value, digits);
    if (text.empty()) {
      // An empty value counts as missing, in every backend (docs/secrets.md).
      secrets::report_missing(req, field, "is empty in " + where + "; an empty value counts as missing", out);
    } else {
      emit(field.name, text);
      if (answer.created) req.report_last_set(field.name, *answer.created);
    }
    secrets::wipe_bytes(digits.data(), digits.size());
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
