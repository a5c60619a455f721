// Writing troff for man(7): escaping text and turning the small Markdown of docs/*.md into man macros.
#pragma once

#include <string>
#include <string_view>

namespace ssmd::roff {

// Escapes `text` for a troff text line: backslashes, dashes (as \- so flags copy and search as typed) and
// a leading '.' or '\'' that troff would read as a request.
std::string escape(std::string_view text);

// `text` with Markdown inline marks turned into fonts: `code` and **strong** bold, *emphasis* italic,
// [label](url) as its label; the rest escaped.
std::string inline_markup(std::string_view text);

// A Markdown page as man macros: "## " headings become .SS, paragraphs .PP, "- " items .IP bullets,
// fenced code .nf/.fi, and two-column tables .TP entries (the header row is dropped). The page's first
// "# " heading is left out: the caller puts the text under a section of its own.
std::string from_markdown(std::string_view markdown);

} // namespace ssmd::roff
