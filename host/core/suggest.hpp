// "Did you mean ...?" for mistyped commands, flags and keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

// Edit distance between two ASCII strings, counting an adjacent transposition as one edit.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo (distance at most a third
// of the word's length, at least 1; or `word` is a prefix of exactly one candidate).
std::optional<std::string> closest(std::string_view word, const std::vector<std::string> &candidates);

} // namespace ssmd
