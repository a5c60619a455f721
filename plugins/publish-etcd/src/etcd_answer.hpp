// Reading the answers of etcd's v3 JSON gateway, parsed with the shared strict reader: keys and values
// arrive base64-encoded, 64-bit integers as strings ("42") or numbers, and false booleans are left out.
#pragma once

#include <ssmd_json/strict_json.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::etcd {

using Json = strict_json::Json;

// A member that is a string, or "" when absent or of another type.
inline std::string_view string_member(const Json &object, std::string_view key) {
  const Json *v = strict_json::member(object, key);
  return v ? strict_json::text_of(*v) : std::string_view();
}

// A member holding a non-negative integer, as etcd writes int64 fields: a string ("42") or a number.
inline std::optional<uint64_t> integer_member(const Json &object, std::string_view key) {
  const Json *v = strict_json::member(object, key);
  if (v && v->is_number_unsigned()) return v->get<uint64_t>();
  std::string_view text = v ? strict_json::text_of(*v) : std::string_view();
  uint64_t out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return out;
}

// Whether a member is `true`.
inline bool flag(const Json &object, std::string_view key) {
  const Json *v = strict_json::member(object, key);
  return v && v->is_boolean() && v->get<bool>();
}

} // namespace ssmd::etcd
