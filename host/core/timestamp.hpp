// RFC 3339 timestamps ("2025-12-14T09:30:00.250Z", "2025-12-14T04:30:00-05:00"), as manifests carry them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd {

struct Timestamp {
  int64_t millis = 0; // since 1970-01-01T00:00:00Z
  auto operator<=>(const Timestamp &) const = default;
};

// Parses a full date-time with a `Z` or `±HH:MM` offset; fractional seconds are kept to the millisecond.
std::optional<Timestamp> parse_timestamp(std::string_view text);
// `2025-12-14T09:30:00Z` (milliseconds shown only when not zero).
std::string format_timestamp(Timestamp t);
// "1h 02m 03s", "45s", "850ms": a duration for humans.
std::string format_duration(int64_t millis);

} // namespace ssmd
