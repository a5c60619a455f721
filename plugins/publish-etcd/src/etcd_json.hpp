// A strict, small JSON reader for the answers of etcd's JSON gateway (RFC 8259). The host's reader is not
// part of the SDK, and answers are plain: objects, arrays, strings (keys and values arrive base64-encoded),
// 64-bit integers as strings or numbers, booleans.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmd::etcd::json {

struct Value {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  std::string text; // a string's decoded text, or a number's literal
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members;

  // An object's member, or nullptr.
  const Value *get(std::string_view key) const;
  // A member that is a string, or "" when absent or of another type.
  std::string_view string(std::string_view key) const;
  // A member holding a non-negative integer, as etcd writes int64 fields: a string ("42") or a number.
  std::optional<uint64_t> integer(std::string_view key) const;
  // A member that is `true`; etcd omits false booleans.
  bool flag(std::string_view key) const;
};

// Parses one JSON document; nullopt with `why` when it is not valid JSON (or nests deeper than 64).
std::optional<Value> parse(std::string_view text, std::string &why);

// `text` as a JSON string literal, quotes included.
std::string quote(std::string_view text);

} // namespace ssmd::etcd::json
