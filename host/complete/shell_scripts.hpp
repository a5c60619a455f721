// The completion scripts `ssmd completion SHELL` prints. Each is a thin adapter: it hands the words of the
// line to `ssmd __complete CWORD -- WORDS...` and gives the shell what comes back, one candidate a line.
// Everything about commands, flags and names lives in the binary, so the scripts never go stale.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::complete {

// The shells there is a script for: bash, zsh, fish.
std::vector<std::string> shell_names();

// The script for `shell`, or nullopt when there is none.
std::optional<std::string_view> completion_script(std::string_view shell);

} // namespace ssmd::complete
