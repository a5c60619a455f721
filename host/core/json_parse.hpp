// A strict RFC 8259 JSON reader with positions, for runtime files ssmd reads but never writes by hand
// (data manifests, the validation cache). Strict on purpose: a manifest that is "almost JSON" is refused.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmd::json {

struct Node {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string text;      // the string's value, or the number's literal text
  uint32_t line = 0;     // 1-based position of the value's first character
  uint32_t column = 0;
  std::vector<Node> items;                        // arrays
  struct Member;
  std::vector<Member> members; // objects, in document order

  const Node *get(std::string_view key) const;
  bool is(Kind k) const { return kind == k; }
  // The number as an unsigned integer when it is one exactly (no fraction, no exponent, not negative).
  std::optional<uint64_t> as_uint() const;
};

struct Node::Member {
  std::string first; // the key
  Node second;       // the value
};

struct ParseError {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
};

struct ParseLimits {
  size_t max_bytes = 1u << 20;
  size_t max_depth = 64;
};

// Parses one JSON value filling `out`; on failure returns the error with its position.
std::optional<ParseError> parse(std::string_view text, Node &out, const ParseLimits &limits = {});

} // namespace ssmd::json
