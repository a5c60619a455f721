#include "lexer.hpp"

namespace ssmd::capnp_schema {

namespace {
bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool ident_char(char c) { return ident_start(c) || digit(c); }
} // namespace

void Lexer::advance(size_t n) {
  for (size_t end = pos_ + n; pos_ < end && pos_ < text_.size(); ++pos_) {
    if (text_[pos_] == '\n') {
      ++at_.line;
      at_.column = 1;
    } else {
      ++at_.column;
    }
  }
}

Token Lexer::next() {
  for (;;) {
    if (pos_ >= text_.size()) return Token{Token::Kind::End, {}, at_};
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      advance(1);
    } else if (c == '#') {
      size_t end = text_.find('\n', pos_);
      advance((end == std::string_view::npos ? text_.size() : end) - pos_);
    } else {
      break;
    }
  }
  size_t start = pos_;
  Position where = at_;
  char c = text_[pos_];
  Token::Kind kind = Token::Kind::Punct;
  size_t length = 1;
  if (ident_start(c) || digit(c)) {
    kind = ident_start(c) ? Token::Kind::Identifier : Token::Kind::Number;
    while (start + length < text_.size() &&
           (ident_char(text_[start + length]) || (kind == Token::Kind::Number && text_[start + length] == '.')))
      ++length;
  } else if (c == '"') {
    kind = Token::Kind::String;
    while (start + length < text_.size() && text_[start + length] != '"' && text_[start + length] != '\n')
      length += text_[start + length] == '\\' && start + length + 1 < text_.size() ? 2 : 1;
    if (start + length < text_.size() && text_[start + length] == '"') ++length;
  }
  advance(length);
  return Token{kind, text_.substr(start, length), where};
}

Position position_of(std::string_view text, size_t offset) {
  Position p;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

} // namespace ssmd::capnp_schema
