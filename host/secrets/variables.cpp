#include "secrets/variables.hpp"

#include "secrets/key_source.hpp"

#include <ssmd/env.hpp>

#include <algorithm>
#include <map>

namespace ssmd::secrets {

namespace {

// Variable names are short; anything longer than this is not a name but a misbehaving backend.
constexpr size_t kMaxNameBytes = 4096;

struct NameSink {
  std::string name;
  bool too_long = false;
  static void write(void *ctx, ssmd_str bytes) noexcept {
    auto *self = static_cast<NameSink *>(ctx);
    if (!bytes.data || self->too_long) return;
    if (self->name.size() + bytes.size > kMaxNameBytes) {
      self->too_long = true;
      return;
    }
    self->name.append(bytes.data, bytes.size);
  }
};

void add_finding(KeyResult &result, int code, std::string rule, const std::string &message, const KeyField &field) {
  const EnvironmentKey &key = *result.key;
  result.findings.push_back(
      key.finding(Severity::Error, std::move(rule), key.subject() + ": " + message, field.path()));
  result.exit_code = std::max(result.exit_code, code);
}

// The backend's name for the field, the default when it names none, or "" after reporting a broken answer.
std::string variable_for(KeyResult &result, const KeyField &field) {
  const EnvironmentKey &key = *result.key;
  if (!result.backend->variable_name) return env::secret_variable_name(key.name, field.name);
  ssmd_secret_request request = secret_request(key);
  NameSink sink;
  ssmd_bytes_sink out{&sink, &NameSink::write};
  ssmd_status status =
      result.backend->variable_name(result.backend_host, &request, ssmd_str{field.name.data(), field.name.size()}, &out);
  if (status == SSMD_UNSUPPORTED) return env::secret_variable_name(key.name, field.name);
  const std::string who = "the secret backend of plugin `" + result.plugin + "`";
  if (status != SSMD_OK) {
    add_finding(result, 3, "secrets/backend-protocol",
                who + " could not name the variable for field `" + field.name + "` (status " +
                    std::to_string(static_cast<int>(status)) + ")",
                field);
    return "";
  }
  // The name is not printed when it is invalid: a backend that misbehaves may have written anything into it.
  if (sink.too_long || !env::valid_variable_name(sink.name)) {
    add_finding(result, 3, "secrets/backend-protocol",
                who + " named an invalid variable for field `" + field.name +
                    "`; a variable name matches [A-Za-z_][A-Za-z0-9_]*",
                field);
    return "";
  }
  return sink.name;
}

} // namespace

void name_fields(KeyResult &result) {
  if (!result.backend) return;
  for (auto &field : result.fields) field.variable = variable_for(result, field.field);
}

void refuse_duplicate_variables(std::vector<KeyResult> &results) {
  // Who took each name first: "key `a` field `b`".
  std::map<std::string, std::string> taken;
  for (auto &result : results) {
    for (auto &field : result.fields) {
      if (field.variable.empty()) continue;
      const std::string who = "key `" + result.key->name + "` field `" + field.field.name + "`";
      auto [it, fresh] = taken.emplace(field.variable, who);
      if (!fresh)
        add_finding(result, 1, "secrets/duplicate-variable",
                    "field `" + field.field.name + "` would set " + field.variable + ", which " + it->second +
                        " sets already; give one of them another variable name",
                    field.field);
    }
  }
}

} // namespace ssmd::secrets
