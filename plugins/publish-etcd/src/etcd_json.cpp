#include "etcd_json.hpp"

#include <charconv>
#include <cstdio>

namespace ssmd::etcd::json {

const Value *Value::get(std::string_view key) const {
  for (const auto &[k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::string_view Value::string(std::string_view key) const {
  const Value *v = get(key);
  return v && v->type == Type::String ? std::string_view(v->text) : std::string_view();
}

std::optional<uint64_t> Value::integer(std::string_view key) const {
  const Value *v = get(key);
  if (!v || (v->type != Type::String && v->type != Type::Number) || v->text.empty()) return std::nullopt;
  uint64_t out = 0;
  auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), out);
  if (ec != std::errc() || end != v->text.data() + v->text.size()) return std::nullopt;
  return out;
}

bool Value::flag(std::string_view key) const {
  const Value *v = get(key);
  return v && v->type == Type::Bool && v->boolean;
}

namespace {

class Parser {
public:
  explicit Parser(std::string_view text) : t_(text) {}

  std::optional<Value> run(std::string &why) {
    Value out;
    if (!value(out, 0)) {
      why = error_ + " at byte " + std::to_string(pos_);
      return std::nullopt;
    }
    space();
    if (pos_ != t_.size()) {
      why = "text after the JSON value at byte " + std::to_string(pos_);
      return std::nullopt;
    }
    return out;
  }

private:
  bool fail(const char *why) {
    if (error_.empty()) error_ = why;
    return false;
  }
  void space() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return fail("unexpected character");
    pos_ += word.size();
    return true;
  }

  bool value(Value &out, int depth) {
    if (depth > 64) return fail("nesting deeper than 64");
    space();
    if (pos_ >= t_.size()) return fail("unexpected end");
    char c = t_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.type = Value::Type::String;
      return string(out.text);
    }
    if (c == 't' || c == 'f') {
      out.type = Value::Type::Bool;
      out.boolean = c == 't';
      return literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') return literal("null");
    return number(out);
  }

  bool object(Value &out, int depth) {
    out.type = Value::Type::Object;
    ++pos_;
    space();
    if (pos_ < t_.size() && t_[pos_] == '}') return ++pos_, true;
    for (;;) {
      space();
      std::string key;
      if (pos_ >= t_.size() || t_[pos_] != '"' || !string(key)) return fail("expected a member name");
      space();
      if (pos_ >= t_.size() || t_[pos_++] != ':') return fail("expected ':'");
      Value member;
      if (!value(member, depth + 1)) return false;
      out.members.emplace_back(std::move(key), std::move(member));
      space();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Value &out, int depth) {
    out.type = Value::Type::Array;
    ++pos_;
    space();
    if (pos_ < t_.size() && t_[pos_] == ']') return ++pos_, true;
    for (;;) {
      Value item;
      if (!value(item, depth + 1)) return false;
      out.items.push_back(std::move(item));
      space();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool number(Value &out) {
    size_t start = pos_;
    if (pos_ < t_.size() && t_[pos_] == '-') ++pos_;
    size_t digits = pos_;
    while (pos_ < t_.size() && ((t_[pos_] >= '0' && t_[pos_] <= '9') || t_[pos_] == '.' || t_[pos_] == 'e' ||
                                t_[pos_] == 'E' || t_[pos_] == '+' || t_[pos_] == '-'))
      ++pos_;
    if (pos_ == digits) return fail("unexpected character");
    out.type = Value::Type::Number;
    out.text = std::string(t_.substr(start, pos_ - start));
    return true;
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(unsigned &out) {
    if (pos_ + 4 > t_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hex_digit(t_[pos_++]);
      if (d < 0) return fail("bad \\u escape");
      out = out * 16 + static_cast<unsigned>(d);
    }
    return true;
  }

  static void utf8(unsigned cp, std::string &out) {
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
    for (;;) {
      if (pos_ >= t_.size()) return fail("unterminated string");
      char c = t_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= t_.size()) return fail("unterminated string");
      char e = t_[pos_++];
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
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp < 0xDC00) {
          unsigned low = 0;
          if (t_.substr(pos_, 2) != "\\u") return fail("lone surrogate");
          pos_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("lone surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        utf8(cp, out);
        break;
      }
      default: return fail("bad escape");
      }
    }
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string error_;
};

} // namespace

std::optional<Value> parse(std::string_view text, std::string &why) { return Parser(text).run(why); }

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

} // namespace ssmd::etcd::json
