// A forgiving tokenizer for Cap'n Proto schema text. It never fails: unknown bytes become punctuation, an
// unterminated string ends at the line's end. It only serves to find places in the text (where a declaration
// is, how deep brackets nest); the Cap'n Proto compiler alone decides whether a file is valid.
#pragma once

#include "report.hpp"

#include <string_view>

namespace ssmd::capnp_schema {

struct Token {
  enum class Kind { Identifier, Number, String, Punct, End };
  Kind kind = Kind::End;
  std::string_view text; // a view into the scanned text; a string token keeps its quotes
  Position where;        // 1-based line and byte column of the first byte

  bool is(char c) const { return kind == Kind::Punct && text.size() == 1 && text[0] == c; }
  bool is_word(std::string_view word) const { return kind == Kind::Identifier && text == word; }
};

class Lexer {
public:
  explicit Lexer(std::string_view text) : text_(text) {}
  // The next token after whitespace and `#` comments; Kind::End at the end of the text.
  Token next();

private:
  void advance(size_t n);
  std::string_view text_;
  size_t pos_ = 0;
  Position at_;
};

// The 1-based line and byte column of `offset` in `text`.
Position position_of(std::string_view text, size_t offset);

} // namespace ssmd::capnp_schema
