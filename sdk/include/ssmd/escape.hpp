/* Escaping text for a terminal or a line-oriented report: C0 control characters and DEL as \n, \r, \t or \xNN,
 * and every byte that is not part of valid UTF-8 as \xNN; valid UTF-8 is kept. A name, value or argument
 * may hold a newline (forging a line of output), an escape sequence (rewriting the terminal) or bytes that
 * are not UTF-8 (which terminals and log collectors mangle). The host's messages go through it
 * (host/core/printable.hpp), and so do those of plugin commands, which print their own.
 *
 * Header-only and free of the plugin ABI. */
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace ssmd::text {

namespace detail {
inline bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// The length of the valid UTF-8 sequence of two or more bytes at `at`, or 0 when the bytes there are not one
// (a stray continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, a cut sequence).
inline size_t utf8_sequence(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  const unsigned lead = byte(at);
  auto continuation = [&](size_t i, unsigned low = 0x80, unsigned high = 0xbf) {
    unsigned b = byte(i);
    return b >= low && b <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(at + 1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    unsigned low = lead == 0xe0 ? 0xa0 : 0x80, high = lead == 0xed ? 0x9f : 0xbf;
    return continuation(at + 1, low, high) && continuation(at + 2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    unsigned low = lead == 0xf0 ? 0x90 : 0x80, high = lead == 0xf4 ? 0x8f : 0xbf;
    return continuation(at + 1, low, high) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
  }
  return 0;
}

inline bool plain(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && !is_control(c); });
}

} // namespace detail

// `text` escaped; with `keep_line_breaks`, line breaks stay (a message of several lines ssmd composed).
inline std::string escape(std::string_view text, bool keep_line_breaks = false) {
  using namespace detail;
  if (plain(text)) return std::string(text);
  static const char *hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 8);
  auto escaped = [&](unsigned char byte) {
    out += "\\x";
    out += hex[byte >> 4];
    out += hex[byte & 0xf];
  };
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      if (size_t n = utf8_sequence(text, i)) {
        out.append(text.substr(i, n));
        i += n;
      } else {
        escaped(byte);
        ++i;
      }
      continue;
    }
    ++i;
    if (!is_control(c) || (c == '\n' && keep_line_breaks)) out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else escaped(byte);
  }
  return out;
}

} // namespace ssmd::text
