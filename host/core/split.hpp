// Splitting a line of text at one separator: command paths at spaces, flag values at commas, search paths at
// colons. Two flavours, because callers differ in whether an empty piece means something.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

// The pieces of `text` between `separator`s, empty pieces dropped: "a,,b," gives {"a", "b"}, "" gives {}.
std::vector<std::string> split_skipping_empty(std::string_view text, char separator);

// Every piece, empty ones included, for a caller that reports them: "a,,b" gives {"a", "", "b"}, "" gives
// {""}. With `trim_spaces`, the spaces around each piece are dropped (" a , b" gives {"a", "b"}).
std::vector<std::string> split_all(std::string_view text, char separator, bool trim_spaces = false);

} // namespace ssmd
