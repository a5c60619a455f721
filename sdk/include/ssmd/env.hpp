/* ssmd/env.hpp: how ssmd reads boolean and numeric environment variables, and how it names the variables
 * that carry secret fields, one way everywhere.
 *
 * Header-only C++, shared by the host and by plugins (which cannot link host code), so that
 * `SSMD_LOCKED=true` in a CI file means the same as `--locked`, and a value that is neither on nor off,
 * or not a number, is refused with a sentence naming the variable and what it accepts instead of being
 * read as "off" or 0:
 *
 *   booleans  1, true, yes, on (any case) are on; 0, false, no, off (any case) and the empty string are off
 *   numbers   decimal digits only, within the bounds the variable documents; the empty string is unset
 *   names     a secret field's variable is SSMD_<KEY>_<FIELD> unless its backend names another
 *
 * The host turns a refusal into a usage error (exit 2). Nothing here crosses the C ABI. */
#pragma once

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::env {

/* What a boolean variable accepts, for messages and documentation. */
inline constexpr std::string_view kBooleanValues = "1, true, yes or on for on; 0, false, no, off or empty for off";

/* `text` as a boolean, or nullopt when it is neither on nor off. */
inline std::optional<bool> parse_boolean(std::string_view text) {
  std::string lower;
  for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower.empty() || lower == "0" || lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

/* `text` as a whole decimal number from `min` to `max`, or nullopt (a sign, spaces, a fraction or a value
 * out of bounds are all refused). */
inline std::optional<long long> parse_whole_number(std::string_view text, long long min, long long max) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

/* "SSMD_LOCKED is 'maybe'; expected 1, true, yes or on for on; 0, false, no, off or empty for off" */
inline std::string boolean_error(std::string_view name, std::string_view value) {
  return std::string(name) + " is '" + std::string(value) + "'; expected " + std::string(kBooleanValues);
}

/* "SSMD_LOCK_TIMEOUT_MS is 'abc'; expected a whole number from 0 to 3600000" */
inline std::string number_error(std::string_view name, std::string_view value, long long min, long long max) {
  return std::string(name) + " is '" + std::string(value) + "'; expected a whole number from " + std::to_string(min) +
         " to " + std::to_string(max);
}

/* The boolean variable `name`: `unset` when it is not set; nullopt, with `error` set, when its value is
 * neither on nor off. */
inline std::optional<bool> boolean_variable(const char *name, bool unset, std::string &error) {
  const char *value = std::getenv(name);
  if (!value) return unset;
  if (auto parsed = parse_boolean(value)) return parsed;
  error = boolean_error(name, value);
  return std::nullopt;
}

/* The numeric variable `name`: `unset` when it is not set or empty; nullopt, with `error` set, when its
 * value is not a whole number from `min` to `max`. */
inline std::optional<long long> number_variable(const char *name, long long min, long long max, long long unset,
                                                std::string &error) {
  const char *value = std::getenv(name);
  if (!value || !*value) return unset;
  if (auto parsed = parse_whole_number(value, min, max)) return parsed;
  error = number_error(name, value, min, max);
  return std::nullopt;
}

/* A POSIX-portable environment variable name: [A-Za-z_][A-Za-z0-9_]*, at most 255 bytes. */
inline bool valid_variable_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/* The variable that carries field `field` of secret key `key` when nothing names another:
 * SSMD_<KEY>_<FIELD>, upper-cased, every byte that is not an ASCII letter or digit turned into '_'
 * (`kalshi-prod` and `api.key` give SSMD_KALSHI_PROD_API_KEY). The host, for a backend that names no
 * variable, and the bundled backends, for a field their key's `env:` does not map, both name it so. */
inline std::string secret_variable_name(std::string_view key, std::string_view field) {
  std::string out = "SSMD_";
  auto append = [&out](std::string_view part) {
    for (char c : part) {
      const bool digit = c >= '0' && c <= '9', lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
      out += lower ? static_cast<char>(c - 'a' + 'A') : (digit || upper) ? c : '_';
    }
  };
  append(key);
  out += '_';
  append(field);
  return out;
}

} // namespace ssmd::env
