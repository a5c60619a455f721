// ISO 8601 calendar dates (YYYY-MM-DD), the unit of ssmd's time travel.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd {

class Date {
public:
  // Parses exactly YYYY-MM-DD with a real month and day (leap years included); nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  // Today in UTC.
  static Date today();
  static Date from_days(int64_t days) { return Date(days); }

  // Days since 1970-01-01.
  int64_t days() const { return days_; }
  std::string str() const;
  int year() const;
  int month() const;
  int day() const;

  auto operator<=>(const Date &) const = default;

private:
  explicit Date(int64_t days) : days_(days) {}
  int64_t days_ = 0;
};

} // namespace ssmd
