// Text from repository files on its way to a terminal or a line-oriented report. A file name or a value
// may hold a newline (which would forge a line of `file:line:col: error: ...` output) or an escape sequence
// (which would rewrite the terminal), so control characters are written as escapes instead.
#pragma once

#include <string>
#include <string_view>

namespace ssmd {

// `text` with C0 control characters and DEL escaped: \n, \r, \t, and \xNN for the others. Everything else,
// UTF-8 included, is kept as it is.
std::string printable(std::string_view text);

// Whether `text` holds a C0 control character or DEL.
bool has_control_character(std::string_view text);

} // namespace ssmd
