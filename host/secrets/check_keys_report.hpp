// The rows `ssmd env check-keys` prints: one per field (one per key whose `fields:` is unusable), each with
// its status (present, missing, error, rotation-due, unknown-age), its age when known, and the finding that
// explains it; the rotation findings; and the per-environment summary line of `--all`. Never a value.
#pragma once

#include "core/json.hpp"
#include "secrets/key_resolution.hpp"
#include "secrets/rotation.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ssmd::secrets {

// The statuses `--fail-on` (and `check_keys.fail_on`) may name: by default both are only reported.
inline constexpr const char *kRotationDue = "rotation-due";
inline constexpr const char *kUnknownAge = "unknown-age";

struct CheckRow {
  const KeyResult *result = nullptr;
  const FieldResult *field = nullptr; // null for a key with no usable `fields:`
  std::string status, rule, detail;
  Rotation rotation;
};

// The rows of `results` at `now`, with a finding added to each result for a field that is rotation-due (a
// warning, or an error when `fail_on` holds "rotation-due") or of unknown age when `fail_on` holds
// "unknown-age" (an error; otherwise the status says it).
std::vector<CheckRow> check_rows(std::vector<KeyResult> &results, int64_t now, const std::set<std::string> &fail_on);

// True when a row's status is one `fail_on` names.
bool fails_on(const std::vector<CheckRow> &rows, const std::set<std::string> &fail_on);

// {"key", "field", "source", "required", "from", "plugin", "status", "rule", "detail", "rotation_days",
// "last_set", "age_days"}
json::Value row_json(const CheckRow &row);

// "acme-dev: 5 fields: 4 present, 1 rotation-due" (statuses in a fixed order, those with no field left out).
std::string summary_line(const std::string &environment, const std::vector<CheckRow> &rows);
// {"present": 4, "rotation-due": 1, ...} with every status, zeros included.
json::Value summary_json(const std::vector<CheckRow> &rows);

} // namespace ssmd::secrets
