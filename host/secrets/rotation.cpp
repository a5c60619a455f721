#include "secrets/rotation.hpp"

#include "core/date.hpp"
#include "core/timestamp.hpp"

namespace ssmd::secrets {

namespace {
constexpr int64_t kSecondsPerDay = 86400;

std::string days(int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// The calendar day (UTC) of a moment, also before 1970: division rounds toward zero, days must round down.
int64_t floor_days(int64_t seconds) {
  return seconds >= 0 ? seconds / kSecondsPerDay : -((-seconds + kSecondsPerDay - 1) / kSecondsPerDay);
}
} // namespace

std::string last_set_text(int64_t unix_seconds) { return format_timestamp(Timestamp{unix_seconds * 1000}); }

Rotation rotation_of(const EnvironmentKey &key, const FieldResult &field, int64_t now) {
  Rotation r;
  if (field.status != FieldStatus::Present) return r;
  if (field.last_set) {
    const int64_t seconds = now - *field.last_set;
    r.age_days = seconds > 0 ? seconds / kSecondsPerDay : 0;
  }
  if (!key.rotation_days) return r;
  const int64_t period = *key.rotation_days;
  if (!field.last_set) {
    r.state = RotationState::UnknownAge;
    r.detail = "its backend cannot tell when the value was set, so rotation_days (" + days(period) +
               ") cannot be checked";
    return r;
  }
  const std::string set_on = Date::from_days(floor_days(*field.last_set)).str();
  const bool due = now - *field.last_set > period * kSecondsPerDay;
  r.state = due ? RotationState::Due : RotationState::Fresh;
  r.detail = "set " + set_on + ", " + days(*r.age_days) + " ago; the key is rotated every " + days(period) +
             (due ? ": rotate it" : "");
  return r;
}

} // namespace ssmd::secrets
