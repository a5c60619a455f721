// Text from repository files or the command line on its way to a terminal or a line-oriented report. A file
// name, a value or an argument may hold a newline (which would forge a line of `file:line:col: error: ...`
// output), an escape sequence (which would rewrite the terminal) or bytes that are not UTF-8 (which a
// terminal or a log collector mangles), so these are written as escapes instead.
#pragma once

#include <string>
#include <string_view>

namespace ssmd {

// `text` with C0 control characters and DEL escaped (\n, \r, \t, and \xNN for the others) and every byte
// that is not part of valid UTF-8 written as \xNN. Everything else, UTF-8 included, is kept as it is.
std::string printable(std::string_view text);

// The same for a message ssmd composed of several lines: line breaks are kept, everything else escaped.
std::string printable_lines(std::string_view text);

// Whether `text` holds a C0 control character or DEL.
bool has_control_character(std::string_view text);

} // namespace ssmd
