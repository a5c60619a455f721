#include "input_guard.hpp"

#include "lexer.hpp"
#include "rules.hpp"

#include <vector>

namespace ssmd::capnp_schema {

namespace {

std::optional<GuardFailure> check_nesting(std::string_view text) {
  // One entry per open bracket (plus the file level): the dots of the member chain at that level.
  std::vector<size_t> chain_dots{0};
  size_t open_dots = 0;
  Lexer lexer(text);
  for (Token t = lexer.next(); t.kind != Token::Kind::End; t = lexer.next()) {
    if (t.kind != Token::Kind::Punct) continue;
    char c = t.text[0];
    if (c == '(' || c == '[' || c == '{') {
      chain_dots.push_back(0);
    } else if ((c == ')' || c == ']' || c == '}') && chain_dots.size() > 1) {
      open_dots -= chain_dots.back();
      chain_dots.pop_back();
    } else if (c == '.') {
      ++chain_dots.back();
      ++open_dots;
    } else if (c == ',' || c == ';' || c == '=' || c == ':' || c == '$') {
      open_dots -= chain_dots.back();
      chain_dots.back() = 0;
    }
    if (chain_dots.size() - 1 + open_dots > k_max_nesting)
      return GuardFailure{rule::too_deep,
                          "nests brackets and dotted names more than " + std::to_string(k_max_nesting) + " deep",
                          t.where};
  }
  return std::nullopt;
}

} // namespace

std::optional<GuardFailure> guard_schema_text(std::string_view text) {
  if (text.size() > k_max_file_bytes)
    return GuardFailure{rule::too_large,
                        "is " + std::to_string(text.size()) + " bytes, more than the " +
                            std::to_string(k_max_file_bytes) + " a schema file may have",
                        Position{}};
  if (size_t nul = text.find('\0'); nul != std::string_view::npos)
    return GuardFailure{rule::binary, "contains a NUL byte, so it is not a text schema", position_of(text, nul)};
  return check_nesting(text);
}

} // namespace ssmd::capnp_schema
