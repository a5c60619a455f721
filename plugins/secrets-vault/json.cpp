#include "json.hpp"

#include "secret_text.hpp"

namespace ssmd::vault::json {

Value::Value(Value &&other) noexcept
    : type_(other.type_), text_(std::move(other.text_)), items_(std::move(other.items_)),
      members_(std::move(other.members_)) {
  secrets::wipe(other.text_);
  other.type_ = Type::Null;
}

Value &Value::operator=(Value &&other) noexcept {
  if (this != &other) {
    secrets::wipe(text_);
    type_ = other.type_;
    text_ = std::move(other.text_);
    items_ = std::move(other.items_);
    members_ = std::move(other.members_);
    secrets::wipe(other.text_);
    other.type_ = Type::Null;
  }
  return *this;
}

Value::~Value() { secrets::wipe(text_); }

const Value *Value::get(std::string_view key) const {
  const Value *found = nullptr;
  for (const auto &[name, value] : members_)
    if (name == key) found = &value;
  return found;
}

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<Value> document(std::string &why) {
    Value root;
    skip_space();
    if (!value(root, 0)) {
      why = error_ + " at byte " + std::to_string(pos_);
      return std::nullopt;
    }
    skip_space();
    if (pos_ != text_.size()) {
      why = "unexpected data after the JSON value at byte " + std::to_string(pos_);
      return std::nullopt;
    }
    return root;
  }

private:
  static constexpr int kMaxDepth = 64;

  bool fail(const char *what) {
    error_ = what;
    return false;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Value &out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than 64 levels");
    if (pos_ >= text_.size()) return fail("unexpected end of input");
    switch (text_[pos_]) {
    case '{': return object(out, depth);
    case '[': return array(out, depth);
    case '"': out.type_ = Value::Type::String; return string(out.text_);
    case 't': out.type_ = Value::Type::Bool; out.text_ = "true"; return literal("true");
    case 'f': out.type_ = Value::Type::Bool; out.text_ = "false"; return literal("false");
    case 'n': out.type_ = Value::Type::Null; return literal("null");
    default: return number(out);
    }
  }

  bool object(Value &out, int depth) {
    out.type_ = Value::Type::Object;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
    while (true) {
      skip_space();
      std::string key;
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a member name");
      if (!string(key)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skip_space();
      Value member;
      if (!value(member, depth + 1)) return false;
      out.members_.emplace_back(std::move(key), std::move(member));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Value &out, int depth) {
    out.type_ = Value::Type::Array;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
    while (true) {
      skip_space();
      Value item;
      if (!value(item, depth + 1)) return false;
      out.items_.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool number(Value &out) {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') ++pos_;
    else if (!digits()) return fail("invalid value");
    if (pos_ < text_.size() && text_[pos_] == '.' && (++pos_, !digits())) return fail("invalid number");
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("invalid number");
    }
    out.type_ = Value::Type::Number;
    out.text_ = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(unsigned &out) {
    if (pos_ + 4 > text_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = hex(text_[pos_++]);
      if (digit < 0) return fail("invalid \\u escape");
      out = out * 16 + static_cast<unsigned>(digit);
    }
    return true;
  }
  static void utf8(std::string &out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string &out) {
    ++pos_; // the opening quote
    // Decoded text is never longer than its source, so one reservation holds it: no copy is left behind.
    size_t end = pos_;
    while (end < text_.size() && text_[end] != '"') end += text_[end] == '\\' ? 2 : 1;
    out.reserve(end - pos_);
    while (true) {
      if (pos_ >= text_.size()) return fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned low;
          if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate");
          pos_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail("unpaired surrogate");
        }
        utf8(out, cp);
        break;
      }
      default: return fail("invalid escape");
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

std::optional<Value> parse(std::string_view text, std::string &why) { return Parser(text).document(why); }

} // namespace ssmd::vault::json
