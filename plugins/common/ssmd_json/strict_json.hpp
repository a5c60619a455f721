// The one JSON reader of the host and the bundled plugins: nlohmann-json's parser, driven through its SAX
// interface by a handler that builds the document and refuses what RFC 8259 leaves open. One semantics for
// every reader: a repeated key in an object is refused (parsers disagree on which value wins), as are text
// after the value, bytes that are not UTF-8, comments, and nesting deeper than `Limits::max_depth`
// (documents are read by recursive code). Errors carry line:column and never quote the input.
//
// Private to this repository: the SDK neither installs nor includes it, so a third-party plugin never needs
// nlohmann-json. Header-only; link the CMake target `ssmd_strict_json`.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <string.h> // explicit_bzero (glibc)

namespace ssmd::strict_json {

// A document. Objects keep their members in document order, as the files and answers have them.
using Json = nlohmann::ordered_json;

struct Limits {
  size_t max_bytes = size_t{1} << 20;
  size_t max_depth = 64; // containers inside containers; the bracket that opens level 65 is refused
};

struct Error {
  uint32_t line = 0;   // 1-based
  uint32_t column = 0; // 1-based, in bytes
  std::string message; // what is wrong, without the position
};

// `object`'s member `key`, or nullptr when `object` is not an object or has no such member. A linear search,
// as documents keep their order: the objects ssmd looks members up in are small.
template <class J> const J *member(const J &object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// A string value's text; empty for any other value.
template <class J> std::string_view text_of(const J &value) {
  return value.is_string() ? std::string_view(value.template get_ref<const typename J::string_t &>())
                           : std::string_view();
}

namespace detail {

// Hands the parser one byte at a time, as `Byte` (a program-defined byte type lets a caller choose how the
// parser's own copy of each token is allocated), and counts what was read: the SAX interface says what was
// read, not where.
template <class Byte> class TextInput {
public:
  using char_type = Byte;
  TextInput(std::string_view text, size_t *consumed) : text_(text), consumed_(consumed) {}
  typename std::char_traits<Byte>::int_type get_character() {
    if (*consumed_ == text_.size()) return std::char_traits<Byte>::eof();
    return std::char_traits<Byte>::to_int_type(static_cast<Byte>(text_[(*consumed_)++]));
  }

private:
  std::string_view text_;
  size_t *consumed_;
};

// The line and column of byte `offset` of `text` (one past the end: where the text ends).
inline Error error_at(std::string_view text, size_t offset, std::string message) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  return Error{static_cast<uint32_t>(1 + std::count(before.begin(), before.end(), '\n')),
               static_cast<uint32_t>(offset - line_start + 1), std::move(message)};
}

// nlohmann-json's message without its prefix ("[json.exception.parse_error.101] parse error at line 1,
// column 2: ") and without the text it quotes (`last_token`): the position is ours, and the input may be a
// secret.
inline std::string message_of(const std::exception &e, const std::string &last_token) {
  std::string what = e.what();
  if (size_t at = what.find("] "); at != std::string::npos) what.erase(0, at + 2);
  if (what.starts_with("parse error"))
    if (size_t at = what.find(": "); at != std::string::npos) what.erase(0, at + 2);
  for (const std::string &quoted : {"; last read: '" + last_token + "'", " parsing '" + last_token + "'"})
    if (size_t at = what.find(quoted); at != std::string::npos) what.erase(at, quoted.size());
  return what;
}

// Builds the document from the parser's events, as nlohmann's own DOM builder does, and adds the checks.
template <class J> class Builder {
public:
  using string_t = typename J::string_t;
  static_assert(std::is_base_of_v<typename J::object_t::Container, typename J::object_t>,
                "objects must be nlohmann::ordered_map: members stay in document order");

  Builder(J &root, std::string_view text, const Limits &limits) : root_(root), text_(text), limits_(limits) {}

  bool null() { return add(J(nullptr)); }
  bool boolean(bool value) { return add(J(value)); }
  bool number_integer(typename J::number_integer_t value) { return add(J(value)); }
  bool number_unsigned(typename J::number_unsigned_t value) { return add(J(value)); }
  bool number_float(typename J::number_float_t value, const string_t &) { return add(J(value)); }
  // The string is the parser's token buffer; moving it leaves no copy behind.
  bool string(string_t &value) { return add(J(std::move(value))); }
  bool binary(typename J::binary_t &) { return false; } // JSON text has none
  bool start_object(size_t) { return open(J::object()); }
  bool start_array(size_t) { return open(J::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t &name) {
    // Reported at the key's closing quote, the last byte read.
    if (!keys_.back().insert(name).second) return fail(consumed - 1, "duplicate key '" + std::string(name) + "'");
    // Appended directly: ordered_map's own insert would search the members again, in linear time.
    auto &members = static_cast<typename J::object_t::Container &>(
        stack_.back()->template get_ref<typename J::object_t &>());
    members.emplace_back(name, nullptr);
    member_ = &members.back().second;
    return true;
  }

  bool parse_error(size_t position, const std::string &last_token, const std::exception &e) {
    // `position` counts the bytes read, the offending one included.
    return fail(position == 0 ? 0 : position - 1, message_of(e, last_token));
  }

  size_t consumed = 0; // bytes the parser has read
  std::optional<Error> error;

private:
  bool fail(size_t offset, std::string message) {
    if (!error) error = error_at(text_, offset, std::move(message));
    return false;
  }

  // Places `value` where the document expects the next one; returns where it now lives.
  J *add(J &&value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    J &top = *stack_.back();
    if (top.is_array()) {
      auto &items = top.template get_ref<typename J::array_t &>();
      items.push_back(std::move(value));
      return &items.back();
    }
    *member_ = std::move(value);
    return member_;
  }

  bool open(J &&container) {
    // Reported at the bracket that opens one level too many, the last byte read.
    if (stack_.size() >= limits_.max_depth)
      return fail(consumed - 1, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    const bool object = container.is_object();
    stack_.push_back(add(std::move(container)));
    if (object) keys_.emplace_back();
    return true;
  }

  bool close() {
    if (stack_.back()->is_object()) keys_.pop_back();
    stack_.pop_back();
    return true;
  }

  using KeyAllocator = typename std::allocator_traits<typename J::allocator_type>::template rebind_alloc<string_t>;

  J &root_;
  std::string_view text_;
  const Limits &limits_;
  std::vector<J *> stack_;                                       // the open containers
  J *member_ = nullptr;                                          // the member whose value comes next
  std::vector<std::set<string_t, std::less<>, KeyAllocator>> keys_; // the keys of each open object
};

// nlohmann-json's parser in storage that is wiped when it goes away: the parser keeps its scalars and its
// current token (a short one inside itself, not on the heap) where it lives, and those bytes may be a secret.
template <class J, class Byte> class WipedParser {
public:
  using Parser = nlohmann::detail::parser<J, TextInput<Byte>>;
  WipedParser(std::string_view text, size_t *consumed)
      : parser_(new (storage_) Parser(TextInput<Byte>(text, consumed), nullptr, false)) {}
  WipedParser(const WipedParser &) = delete;
  WipedParser &operator=(const WipedParser &) = delete;
  ~WipedParser() {
    parser_->~Parser();
    explicit_bzero(storage_, sizeof storage_);
  }
  Parser *operator->() { return parser_; }

private:
  alignas(Parser) unsigned char storage_[sizeof(Parser)];
  Parser *parser_;
};

} // namespace detail

// Parses `text` as one JSON value into `out`; on failure returns where and why, and leaves `out` alone.
// `Byte` is the parser's byte type: `char`, or a program-defined one whose `std::allocator` wipes (see
// plugins/secrets-vault/secret_json.hpp).
template <class J = Json, class Byte = char>
std::optional<Error> parse(std::string_view text, J &out, const Limits &limits = {}) {
  if (text.size() > limits.max_bytes)
    return Error{1, 1, "document is larger than " + std::to_string(limits.max_bytes) + " bytes"};
  J root;
  detail::Builder<J> builder(root, text, limits);
  bool parsed = false;
  {
    detail::WipedParser<J, Byte> parser(text, &builder.consumed);
    parsed = parser->sax_parse(&builder, true);
  }
  if (!parsed) return builder.error ? *builder.error : detail::error_at(text, builder.consumed, "not JSON");
  out = std::move(root);
  return std::nullopt;
}

} // namespace ssmd::strict_json
