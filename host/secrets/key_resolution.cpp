#include "secrets/key_resolution.hpp"

#include "plugins/plugin_manager.hpp"
#include "secrets/key_source.hpp"
#include "secrets/resolve_call.hpp"

#include <algorithm>
#include <optional>

namespace ssmd::secrets {

namespace {

constexpr std::string_view kMissingField = "secrets/missing-field";

Severity severity_of(ssmd_severity s) {
  switch (s) {
  case SSMD_SEVERITY_WARNING: return Severity::Warning;
  case SSMD_SEVERITY_INFO: return Severity::Info;
  default: return Severity::Error;
  }
}

// Whether a finding's path (relative to the key) is about the field at document position `index`.
bool about_field(const std::string &path, size_t index) {
  const std::string own = "fields[" + std::to_string(index) + "]";
  return path == own || path.rfind(own + ".", 0) == 0 || path.rfind(own + "[", 0) == 0;
}

// A finding as the user sees it: the backend's explicit file and line when it gave them, else the key's
// file at the path it named. A message that does not say which key and environment it is about (an
// exception the SDK caught, say) is prefixed with them, since the same key may be in many environments.
Diagnostic locate(const EnvironmentKey &key, const validate::PluginFinding &f) {
  const std::string subject = key.subject();
  std::string message = f.message.find(subject) == std::string::npos ? subject + ": " + f.message : f.message;
  if (!f.file.empty() && f.line) return Diagnostic{f.file, f.line, f.column, severity_of(f.severity), f.rule, message};
  return key.finding(severity_of(f.severity), f.rule, std::move(message), f.path);
}

// Every field gets the same explanation: the key could not be resolved at all.
void fail_every_field(KeyResult &result, const Diagnostic &why) {
  for (auto &field : result.fields) {
    field.status = FieldStatus::Error;
    field.rule = why.rule;
    field.detail = why.message;
  }
}

// The host's own finding about a key; `code` is what it means for the exit code.
void host_finding(KeyResult &result, int code, Severity severity, std::string rule, const std::string &message,
                  std::string_view path = "") {
  const EnvironmentKey &key = *result.key;
  result.findings.push_back(key.finding(severity, std::move(rule), key.subject() + ": " + message, path));
  result.exit_code = std::max(result.exit_code, code);
}

// Looks the backend up by prefix. Returns false (with findings) when there is none to call.
bool find_backend(PluginManager &plugins, KeyResult &result) {
  const EnvironmentKey &key = *result.key;
  std::string why;
  auto prefix = source_prefix(key.source, why);
  if (!prefix) {
    host_finding(result, 1, Severity::Error, "secrets/source", why, "source");
    fail_every_field(result, result.findings.back());
    return false;
  }
  Lookup<ssmd_secret_backend> lookup = plugins.secret_backend(*prefix);
  result.plugin = lookup.plugin;
  if (!lookup) {
    std::string message = "source `" + key.source + "` needs a plugin that provides a secret backend for prefix `" +
                          *prefix + "` (its manifest says `provides secret " + *prefix + "`): ";
    message += lookup.failure == LookupFailure::NotFound
                   ? "none was found on the plugin path; `ssmd plugin list` shows the plugins found"
                   : lookup.problem;
    host_finding(result, 3, Severity::Error, "secrets/no-backend", message, "source");
    fail_every_field(result, result.findings.back());
    return false;
  }
  result.backend = lookup.table;
  result.backend_host = lookup.host;
  return true;
}

// Sets a field's status from, in this order: the backend's finding about the field, the value that arrived
// (unless the host cannot pass it on), the key's first error, and otherwise a contract violation.
void classify_field(KeyResult &result, FieldResult &field, ResolveCall &call, size_t position, KeepValues keep,
                    const Diagnostic *key_error, ssmd_status status) {
  field.last_set = call.last_set(position);
  // The backend's findings are the first entries of result.findings, in the same order, located.
  std::optional<size_t> own_error, own_missing;
  for (size_t i = 0; i < call.findings().size(); ++i) {
    const auto &f = call.findings()[i];
    if (!about_field(f.path, field.field.index)) continue;
    if (f.severity == SSMD_SEVERITY_ERROR && !own_error) own_error = i;
    if (f.rule == kMissingField && !own_missing) own_missing = i;
  }
  if (own_error || own_missing) {
    const Diagnostic &d = result.findings[own_error ? *own_error : *own_missing];
    field.status = d.rule == kMissingField ? FieldStatus::Missing : FieldStatus::Error;
    field.rule = d.rule;
    field.detail = d.message;
    return;
  }
  if (call.arrived(position)) {
    const std::string what = "field `" + field.field.name + "`";
    if (call.size_of(position) == 0) {
      // An empty value counts as missing, whichever backend sent it (docs/secrets.md): the bundled backends
      // say so themselves; this holds any other to the same meaning.
      const EnvironmentKey &key = *result.key;
      host_finding(result, 0, key.required ? Severity::Error : Severity::Warning, std::string(kMissingField),
                   what + " arrived empty; an empty value counts as missing" +
                       (key.required ? "" : " (the key is not required)"),
                   field.field.path());
      field.status = FieldStatus::Missing;
      field.rule = result.findings.back().rule;
      field.detail = result.findings.back().message;
      return;
    }
    if (call.holds_nul(position)) {
      host_finding(result, 1, Severity::Error, "secrets/unusable-value",
                   what + " has a value with a NUL byte, which an environment variable cannot carry",
                   field.field.path());
    } else if (call.size_of(position) > kMaxValueBytes) {
      host_finding(result, 1, Severity::Error, "secrets/unusable-value",
                   what + " has a value of " + std::to_string(call.size_of(position)) +
                       " bytes; an environment variable carries at most " + std::to_string(kMaxValueBytes),
                   field.field.path());
    } else {
      field.status = FieldStatus::Present;
      if (keep == KeepValues::Yes) field.value = call.take(position);
      return;
    }
    field.status = FieldStatus::Error;
    field.rule = result.findings.back().rule;
    field.detail = result.findings.back().message;
    return;
  }
  if (key_error) {
    field.status = FieldStatus::Error;
    field.rule = key_error->rule;
    field.detail = key_error->message;
    return;
  }
  // Neither a value nor a word about this field: the backend broke the contract of resolve().
  host_finding(result, 3, Severity::Error, "secrets/backend-protocol",
               status == SSMD_OK ? "the secret backend of plugin `" + result.plugin +
                                       "` returned neither a value nor a finding for field `" + field.field.name + "`"
                                 : "the secret backend of plugin `" + result.plugin + "` failed without saying why",
               field.field.path());
  field.status = FieldStatus::Error;
  field.rule = result.findings.back().rule;
  field.detail = result.findings.back().message;
}

} // namespace

std::string_view field_status_name(FieldStatus status) {
  switch (status) {
  case FieldStatus::Present: return "present";
  case FieldStatus::Missing: return "missing";
  case FieldStatus::Error: return "error";
  }
  return "error";
}

const Diagnostic *KeyResult::first_error() const {
  auto it =
      std::find_if(findings.begin(), findings.end(), [](const Diagnostic &d) { return d.severity == Severity::Error; });
  return it == findings.end() ? nullptr : &*it;
}

KeyResult resolve_key(PluginManager &plugins, const EnvironmentKey &key, KeepValues keep, const AgeQuery *ages) {
  KeyResult result;
  result.key = &key;
  for (const auto &field : key.fields)
    result.fields.push_back(FieldResult{field, FieldStatus::Error, "", "", {}, "", std::nullopt});
  if (!find_backend(plugins, result)) return result;

  ResolveCall call(key);
  ssmd_status status =
      call.run(result.backend, result.backend_host, ages != nullptr, ages ? ages->history : nullptr);
  for (const auto &f : call.findings()) result.findings.push_back(locate(key, f));
  const size_t backend_findings = result.findings.size();

  if (status != SSMD_OK && status != SSMD_FAILED && status != SSMD_ENV_ERROR)
    host_finding(result, 3, Severity::Error, "secrets/backend-protocol",
                 "the secret backend of plugin `" + result.plugin + "` answered resolve() with status " +
                     std::to_string(static_cast<int>(status)) + ", which is not ok, failed or an environment error",
                 "source");
  if (call.lost_value())
    host_finding(result, 3, Severity::Error, "secrets/out-of-memory", "a value or finding could not be copied",
                 "source");
  if (call.unlisted())
    host_finding(result, 0, Severity::Warning, "secrets/backend-protocol",
                 "the secret backend of plugin `" + result.plugin + "` sent " + std::to_string(call.unlisted()) +
                     " field(s) that `fields:` does not list; they were dropped",
                 "fields");
  if (status == SSMD_ENV_ERROR) result.exit_code = std::max(result.exit_code, 3);

  // The first error that is not about one field explains every field the backend said nothing about.
  std::optional<Diagnostic> key_error;
  for (size_t i = 0; i < backend_findings; ++i) {
    const auto &f = call.findings()[i];
    bool per_field = std::any_of(key.fields.begin(), key.fields.end(),
                                 [&](const KeyField &k) { return about_field(f.path, k.index); });
    if (f.severity == SSMD_SEVERITY_ERROR && !per_field) {
      key_error = result.findings[i];
      break;
    }
  }
  if (!key_error)
    if (const Diagnostic *host_error = result.first_error()) key_error = *host_error;

  for (size_t i = 0; i < result.fields.size(); ++i)
    classify_field(result, result.fields[i], call, i, keep, key_error ? &*key_error : nullptr, status);
  call.wipe();

  if (has_errors(result.findings)) result.exit_code = std::max(result.exit_code, 1);
  if (status == SSMD_FAILED) result.exit_code = std::max(result.exit_code, 1);
  if (key.required && std::any_of(result.fields.begin(), result.fields.end(),
                                  [](const FieldResult &f) { return f.status != FieldStatus::Present; }))
    result.exit_code = std::max(result.exit_code, 1);
  return result;
}

void end_run(const std::vector<CalledBackend> &backends) {
  // A 1.0-1.2 plugin's table has a NULL reserved slot where end_run is: it kept nothing to wipe.
  std::vector<CalledBackend> ended;
  for (const CalledBackend &backend : backends) {
    if (!backend.table || std::find(ended.begin(), ended.end(), backend) != ended.end()) continue;
    ended.push_back(backend);
    if (backend.table->end_run) backend.table->end_run(backend.host);
  }
}

int overall_exit_code(const std::vector<KeyResult> &results) {
  int code = 0;
  for (const auto &r : results) code = std::max(code, r.exit_code);
  return code;
}

} // namespace ssmd::secrets
