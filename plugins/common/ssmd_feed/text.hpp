// Small text helpers feed validators share: whole numbers from YAML scalars, name tokens, message lists.
#pragma once

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd_feed {

// Reads a non-negative whole number written in plain decimal digits (`10`, not `1e1`, `+10` or `10.0`).
// Returns nullopt for anything else, including values that overflow 64 bits.
inline std::optional<uint64_t> parse_whole_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

// Splits a name such as `kalshi-prod_us` or `vault/secret/kalshi-prod` into lower-case alphanumeric tokens.
inline std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// "`a`, `b`, `c`": how messages list the allowed values.
inline std::string backticked_list(std::span<const std::string_view> items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += "`" + std::string(items[i]) + "`";
  }
  return out;
}

// Quotes a user's value for a message, cut to `limit` characters so a pasted blob stays readable.
inline std::string quoted_value(std::string_view value, size_t limit = 80) {
  if (value.size() <= limit) return "`" + std::string(value) + "`";
  return "`" + std::string(value.substr(0, limit)) + "...`";
}

} // namespace ssmd_feed
