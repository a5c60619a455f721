#include "core/line_endings.hpp"

namespace ssmd {

bool uses_crlf(std::string_view text) {
  size_t crlf = 0, lf = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') ++(i > 0 && text[i - 1] == '\r' ? crlf : lf);
  return crlf > lf;
}

std::string with_line_endings_of(std::string_view original, std::string replacement) {
  if (!uses_crlf(original)) return replacement;
  std::string out;
  out.reserve(replacement.size() + replacement.size() / 16);
  for (size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] == '\n' && (i == 0 || replacement[i - 1] != '\r')) out += '\r';
    out += replacement[i];
  }
  return out;
}

} // namespace ssmd
