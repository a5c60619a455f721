#include "secrets/check_keys_report.hpp"

#include <algorithm>

namespace ssmd::secrets {

namespace {
const std::vector<std::string> &all_statuses() {
  static const std::vector<std::string> statuses{"present", kRotationDue, kUnknownAge, "missing", "error"};
  return statuses;
}

std::string status_of(const FieldResult &field, const Rotation &rotation) {
  if (rotation.state == RotationState::Due) return kRotationDue;
  if (rotation.state == RotationState::UnknownAge) return kUnknownAge;
  return std::string(field_status_name(field.status));
}

// The finding that goes with a rotation status, at the key's `rotation_days:`.
void rotation_finding(KeyResult &result, const FieldResult &field, const Rotation &rotation,
                      const std::set<std::string> &fail_on) {
  const bool due = rotation.state == RotationState::Due;
  const char *status = due ? kRotationDue : kUnknownAge;
  const bool fails = fail_on.count(status) > 0;
  if (!due && !fails) return; // an unknown age is shown in the table; it is a finding only when it fails
  const EnvironmentKey &key = *result.key;
  result.findings.push_back(key.finding(fails ? Severity::Error : Severity::Warning,
                                        std::string("secrets/") + status,
                                        key.subject() + ": field `" + field.field.name + "`: " + rotation.detail +
                                            (fails ? " (--fail-on " + std::string(status) + ")" : ""),
                                        "rotation_days"));
}
} // namespace

std::vector<CheckRow> check_rows(std::vector<KeyResult> &results, int64_t now, const std::set<std::string> &fail_on) {
  std::vector<CheckRow> rows;
  for (auto &result : results) {
    for (const auto &field : result.fields) {
      Rotation rotation = rotation_of(*result.key, field, now);
      CheckRow row{&result, &field, status_of(field, rotation), field.rule, field.detail, rotation};
      if (rotation.state == RotationState::Due || rotation.state == RotationState::UnknownAge) {
        row.rule = std::string("secrets/") + row.status;
        row.detail = result.key->subject() + ": " + rotation.detail;
        rotation_finding(result, field, rotation, fail_on);
      }
      rows.push_back(std::move(row));
    }
    if (result.fields.empty()) {
      const Diagnostic *error = result.first_error();
      rows.push_back(CheckRow{&result, nullptr, error ? "error" : "present", error ? error->rule : "",
                              error ? error->message : "", Rotation{}});
    }
  }
  return rows;
}

bool fails_on(const std::vector<CheckRow> &rows, const std::set<std::string> &fail_on) {
  return std::any_of(rows.begin(), rows.end(), [&](const CheckRow &row) { return fail_on.count(row.status) > 0; });
}

json::Value row_json(const CheckRow &row) {
  const EnvironmentKey &key = *row.result->key;
  auto text_or_null = [](const std::string &s) { return s.empty() ? json::Value(nullptr) : json::Value(s); };
  json::Value item = json::Object{};
  item.set("key", key.name).set("field", row.field ? json::Value(row.field->field.name) : json::Value(nullptr));
  item.set("source", key.source).set("required", key.required).set("from", key.from);
  item.set("plugin", text_or_null(row.result->plugin));
  item.set("status", row.status).set("rule", text_or_null(row.rule)).set("detail", text_or_null(row.detail));
  item.set("rotation_days", key.rotation_days ? json::Value(*key.rotation_days) : json::Value(nullptr));
  const bool dated = row.field && row.field->last_set && row.field->status == FieldStatus::Present;
  item.set("last_set", dated ? json::Value(last_set_text(*row.field->last_set)) : json::Value(nullptr));
  item.set("age_days", dated && row.rotation.age_days ? json::Value(*row.rotation.age_days) : json::Value(nullptr));
  return item;
}

std::string summary_line(const std::string &environment, const std::vector<CheckRow> &rows) {
  std::string counts;
  for (const auto &status : all_statuses()) {
    auto n = std::count_if(rows.begin(), rows.end(), [&](const CheckRow &r) { return r.status == status; });
    if (n) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + status;
  }
  const size_t total = rows.size();
  return environment + ": " + std::to_string(total) + (total == 1 ? " field" : " fields") +
         (counts.empty() ? "" : ": " + counts);
}

json::Value summary_json(const std::vector<CheckRow> &rows) {
  json::Value out = json::Object{};
  for (const auto &status : all_statuses())
    out.set(status, static_cast<int64_t>(std::count_if(rows.begin(), rows.end(),
                                                       [&](const CheckRow &r) { return r.status == status; })));
  return out;
}

} // namespace ssmd::secrets
