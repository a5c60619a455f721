#include "core/json_parse.hpp"

#include <charconv>
#include <cstdlib>

namespace ssmd::json {

const Node *Node::get(std::string_view key) const {
  for (const auto &[k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::optional<uint64_t> Node::as_uint() const {
  if (kind != Kind::Number || text.find_first_of(".eE-") != std::string::npos) return std::nullopt;
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

namespace {

class Parser {
public:
  Parser(std::string_view text, const ParseLimits &limits) : t_(text), limits_(limits) {}

  std::optional<ParseError> run(Node &out) {
    if (t_.size() > limits_.max_bytes)
      return ParseError{1, 1, "document is larger than " + std::to_string(limits_.max_bytes) + " bytes"};
    if (!value(out, 0)) return error_;
    skip_space();
    if (pos_ != t_.size()) return fail("unexpected text after the JSON value"), error_;
    return std::nullopt;
  }

private:
  bool fail(const std::string &message) {
    if (!error_) error_ = ParseError{line_, column(), message};
    return false;
  }
  uint32_t column() const { return static_cast<uint32_t>(pos_ - line_start_ + 1); }
  void skip_space() {
    while (pos_ < t_.size()) {
      char c = t_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }
  bool literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Node &out, size_t depth) {
    if (depth > limits_.max_depth) return fail("nesting deeper than " + std::to_string(limits_.max_depth));
    skip_space();
    out.line = line_;
    out.column = column();
    if (pos_ >= t_.size()) return fail("unexpected end of input");
    switch (t_[pos_]) {
    case '{': return object(out, depth);
    case '[': return array(out, depth);
    case '"': out.kind = Node::Kind::String; return string(out.text);
    case 't': out.kind = Node::Kind::Bool; out.boolean = true; return literal("true");
    case 'f': out.kind = Node::Kind::Bool; return literal("false");
    case 'n': out.kind = Node::Kind::Null; return literal("null");
    default: return number(out);
    }
  }

  bool object(Node &out, size_t depth) {
    out.kind = Node::Kind::Object;
    ++pos_;
    skip_space();
    if (pos_ < t_.size() && t_[pos_] == '}') return ++pos_, true;
    for (;;) {
      skip_space();
      if (pos_ >= t_.size() || t_[pos_] != '"') return fail("expected a string key");
      std::string key;
      if (!string(key)) return false;
      if (out.get(key)) return fail("duplicate key '" + key + "'");
      skip_space();
      if (pos_ >= t_.size() || t_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      Node child;
      if (!value(child, depth + 1)) return false;
      out.members.push_back(Node::Member{std::move(key), std::move(child)});
      skip_space();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Node &out, size_t depth) {
    out.kind = Node::Kind::Array;
    ++pos_;
    skip_space();
    if (pos_ < t_.size() && t_[pos_] == ']') return ++pos_, true;
    for (;;) {
      Node child;
      if (!value(child, depth + 1)) return false;
      out.items.push_back(std::move(child));
      skip_space();
      if (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size() && t_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  static void append_utf8(std::string &out, uint32_t cp) {
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

  bool hex4(uint32_t &cp) {
    if (pos_ + 4 > t_.size()) return fail("truncated \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[pos_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<uint32_t>(c - 'A' + 10);
      else return fail("invalid \\u escape");
    }
    return true;
  }

  bool string(std::string &out) {
    ++pos_; // opening quote
    while (pos_ < t_.size()) {
      auto c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') return ++pos_, true;
      if (c < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (++pos_ >= t_.size()) break;
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
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low;
          if (t_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate");
          pos_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail("unpaired surrogate");
        }
        append_utf8(out, cp);
        break;
      }
      default: return fail("invalid escape");
      }
    }
    return fail("unterminated string");
  }

  bool number(Node &out) {
    size_t start = pos_;
    if (pos_ < t_.size() && t_[pos_] == '-') ++pos_;
    auto digit = [&] { return pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9'; };
    if (!digit()) return fail("unexpected character");
    if (t_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (!digit()) return fail("digit expected after '.'");
      while (digit()) ++pos_;
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digit()) return fail("digit expected in exponent");
      while (digit()) ++pos_;
    }
    out.kind = Node::Kind::Number;
    out.text = std::string(t_.substr(start, pos_ - start));
    out.number = std::strtod(out.text.c_str(), nullptr);
    return true;
  }

  std::string_view t_;
  const ParseLimits &limits_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
  std::optional<ParseError> error_;
};

} // namespace

std::optional<ParseError> parse(std::string_view text, Node &out, const ParseLimits &limits) {
  return Parser(text, limits).run(out);
}

} // namespace ssmd::json
