// A small JSON value for `--output json`: objects keep insertion order so output is stable and diffable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ssmd::json {

class Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
public:
  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : v_(i) {}
  Value(uint64_t i) : v_(static_cast<int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(const char *s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::make_shared<Array>(std::move(a))) {}
  Value(Object o) : v_(std::make_shared<Object>(std::move(o))) {}

  // Appends a member to an object value (creating it when null).
  Value &set(std::string key, Value value);
  // Appends an item to an array value (creating it when null).
  Value &push(Value value);

  // Compact when indent < 0, else pretty-printed with `indent` spaces.
  std::string dump(int indent = 2) const;

private:
  void write(std::string &out, int indent, int depth) const;
  std::variant<std::nullptr_t, bool, int64_t, double, std::string, std::shared_ptr<Array>, std::shared_ptr<Object>> v_;
};

// Escapes a string for a JSON string literal (without the quotes). A byte that is not part of valid UTF-8
// becomes \ufffd (U+FFFD), so the output is always valid JSON.
std::string escape(std::string_view s);

} // namespace ssmd::json
