// A small JSON reader for Vault's responses. Why not yaml-cpp (YAML is a superset of JSON): a response carries
// secret values, and this tree wipes every string it held when it goes away, sizes string buffers before
// filling them (so no reallocation leaves a copy behind), and bounds nesting depth.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmd::vault::json {

class Value {
public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  Value() = default;
  Value(const Value &) = delete;
  Value &operator=(const Value &) = delete;
  Value(Value &&other) noexcept;
  Value &operator=(Value &&other) noexcept;
  ~Value();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_string() const { return type_ == Type::String; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_array() const { return type_ == Type::Array; }
  // A string's decoded text, or the literal text of a number or boolean ("42", "true").
  std::string_view text() const { return text_; }
  const std::vector<Value> &items() const { return items_; }
  const std::vector<std::pair<std::string, Value>> &members() const { return members_; }
  // An object's member (the last one, when a key repeats), or nullptr.
  const Value *get(std::string_view key) const;

private:
  friend class Parser;
  Type type_ = Type::Null;
  std::string text_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> members_;
};

// Parses one JSON document (RFC 8259). Nullopt with `why` (which quotes no input) when it is not valid JSON.
std::optional<Value> parse(std::string_view text, std::string &why);

} // namespace ssmd::vault::json
