// The rotation check of `ssmd env check-keys`: a field whose backend says when its value was set is
// `rotation-due` once it is older than the key's `rotation_days`; a field of a key with `rotation_days` whose
// age nobody can tell is `unknown-age`. Only ever dates and counts, never a value.
#pragma once

#include "secrets/key_resolution.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ssmd::secrets {

enum class RotationState {
  NotChecked, // the field is not present, or the key has no rotation_days and so nothing to check
  Fresh,      // younger than rotation_days
  Due,        // older than rotation_days
  UnknownAge, // the key has rotation_days but the backend cannot tell when the value was set
};

struct Rotation {
  RotationState state = RotationState::NotChecked;
  std::optional<int64_t> age_days; // whole days since the value was set (0 for a date in the future)
  std::string detail;              // "set 2025-01-01, 120 days ago; the key is rotated every 90 days"
};

// The rotation state of `field` of `key` at `now` (seconds since the epoch).
Rotation rotation_of(const EnvironmentKey &key, const FieldResult &field, int64_t now);

// "2025-01-01T00:00:00Z", for JSON's `last_set`.
std::string last_set_text(int64_t unix_seconds);

} // namespace ssmd::secrets
