#include "core/printable.hpp"

#include <algorithm>

namespace ssmd {

namespace {
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }
} // namespace

bool has_control_character(std::string_view text) { return std::any_of(text.begin(), text.end(), is_control); }

std::string printable(std::string_view text) {
  if (!has_control_character(text)) return std::string(text);
  static const char *hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (!is_control(c)) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    }
  }
  return out;
}

} // namespace ssmd
