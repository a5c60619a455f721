// Keeping a file's line endings when ssmd rewrites it. A file checked out on Windows (or written by an
// editor there) ends its lines with CRLF; ssmd's edits insert lines ending in LF, and a file of mixed
// endings shows every line changed in some diffs and confuses tools that expect one style. So a rewritten
// file takes the style of the file it replaces.
#pragma once

#include <string>
#include <string_view>

namespace ssmd {

// Whether most line breaks of `text` are CRLF.
bool uses_crlf(std::string_view text);

// `replacement` with the line endings of `original`: when `original` uses CRLF, every LF in `replacement`
// that is not already part of a CRLF becomes CRLF; otherwise `replacement` unchanged.
std::string with_line_endings_of(std::string_view original, std::string replacement);

} // namespace ssmd
