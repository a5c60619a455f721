#pragma once

#include "cli/command.hpp"

#include <vector>

namespace ssmd {

// Every built-in command, grouped and sorted by path.
const std::vector<Command> &builtin_commands();

} // namespace ssmd
