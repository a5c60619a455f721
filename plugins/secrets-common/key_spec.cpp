#include "key_spec.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ssmd::secrets {

namespace {
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
} // namespace

std::string subject(const SecretRequest &req) {
  return "key `" + std::string(req.key) + "` of environment `" + std::string(req.environment) + "`";
}

std::vector<Field> fields(const Node &spec) {
  std::vector<Field> out;
  for (auto &[i, item] : spec["fields"].items())
    if (item.is_scalar()) out.push_back(Field{i, std::string(item.str())});
  return out;
}

bool required(const Node &spec) {
  Node node = spec["required"];
  return !(node.is_scalar() && node.str() == "false");
}

bool valid_field_name(std::string_view name) {
  if (name.empty() || name.size() > 253 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool check_fields(const SecretRequest &req, Diagnostics &out) {
  Node list = req.spec["fields"];
  const std::string what = subject(req);
  if (!list.is_sequence() || list.size() == 0) {
    out.error("secrets/fields", list.present() ? list.path() : "",
              what + ": `fields:` must list the key's fields, e.g. `fields: [api_key, api_secret]`");
    return false;
  }
  bool ok = true;
  std::set<std::string_view> seen;
  for (auto &[i, item] : list.items()) {
    if (!item.is_scalar() || !valid_field_name(item.str())) {
      out.error("secrets/fields", item.path(),
                what + ": a field name is made of letters, digits, `-`, `_` and `.` (at most 253 bytes)");
      ok = false;
    } else if (!seen.insert(item.str()).second) {
      out.error("secrets/fields", item.path(), what + ": field `" + std::string(item.str()) + "` is listed twice");
      ok = false;
    }
  }
  return ok;
}

void check_variable_map(const SecretRequest &req, Diagnostics &out) {
  Node map = req.spec["env"];
  if (!map.present()) return;
  const std::string what = subject(req);
  if (!map.is_map()) {
    out.error("secrets/variable-name", map.path(),
              what + ": `env:` maps fields to variable names, e.g. `env: {api_key: KALSHI_API_KEY}`");
    return;
  }
  std::set<std::string> listed;
  for (const auto &f : fields(req.spec)) listed.insert(f.name);
  std::set<std::string_view> variables;
  for (auto &[i, value] : map.items()) {
    std::string field(map.key_at(i));
    if (!listed.count(field)) {
      out.error("secrets/variable-name", value.path(),
                what + ": `env:` names field `" + field + "`, which `fields:` does not list");
    } else if (!value.is_scalar() || !env::valid_variable_name(value.str())) {
      out.error("secrets/variable-name", value.path(),
                what + ": the variable for field `" + field +
                    "` must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and '_', not starting with a digit)");
    } else if (!variables.insert(value.str()).second) {
      out.error("secrets/variable-name", value.path(),
                what + ": variable `" + std::string(value.str()) + "` carries two fields; give each field its own");
    }
  }
}

std::string variable_for(const SecretRequest &req, std::string_view field) {
  Node named = req.spec["env"][field];
  if (named.is_scalar() && env::valid_variable_name(named.str())) return std::string(named.str());
  return env::secret_variable_name(req.key, field);
}

void report_missing(const SecretRequest &req, const Field &field, std::string_view why, Diagnostics &out) {
  std::string message = subject(req) + ": field `" + field.name + "` " + std::string(why);
  if (required(req.spec))
    out.error("secrets/missing-field", field.path(), message);
  else
    out.warning("secrets/missing-field", field.path(), message + " (the key is not required)");
}

} // namespace ssmd::secrets
