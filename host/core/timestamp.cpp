#include "core/timestamp.hpp"

#include "core/date.hpp"

#include <cctype>
#include <cstdio>

namespace ssmd {

namespace {
bool digits(std::string_view t, size_t pos, size_t len, int &out) {
  if (pos + len > t.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    out = out * 10 + (t[i] - '0');
  }
  return true;
}
} // namespace

std::optional<Timestamp> parse_timestamp(std::string_view t) {
  if (t.size() < 20) return std::nullopt;
  auto date = Date::parse(t.substr(0, 10));
  if (!date || (t[10] != 'T' && t[10] != 't' && t[10] != ' ')) return std::nullopt;
  int hh, mm, ss;
  if (!digits(t, 11, 2, hh) || t[13] != ':' || !digits(t, 14, 2, mm) || t[16] != ':' || !digits(t, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    size_t start = pos;
    int64_t scale = 100;
    while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) {
      if (scale) millis += (t[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int64_t offset_minutes = 0;
  if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
    ++pos;
  } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh, om;
    if (!digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' || !digits(t, pos + 4, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (t[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  int64_t seconds = date->days() * 86400 + hh * 3600 + mm * 60 + ss - offset_minutes * 60;
  return Timestamp{seconds * 1000 + millis};
}

std::string format_timestamp(Timestamp t) {
  int64_t days = t.millis >= 0 ? t.millis / 86400000 : (t.millis - 86399999) / 86400000;
  int64_t rest = t.millis - days * 86400000;
  char buf[48];
  int ms = static_cast<int>(rest % 1000);
  int64_t s = rest / 1000;
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", Date::from_days(days).str().c_str(), static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  std::string out = buf;
  if (ms) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  return out + "Z";
}

std::string format_duration(int64_t millis) {
  if (millis < 1000) return std::to_string(millis) + "ms";
  int64_t s = millis / 1000;
  char buf[48];
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm %02ds", static_cast<int>(s / 60), static_cast<int>(s % 60));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%dh %02dm %02ds", static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                static_cast<int>(s % 60));
  return buf;
}

} // namespace ssmd
