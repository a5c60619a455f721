// From argv to a command: global flags, the longest matching command path, help and suggestions.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ssmd {

class Context;

// Runs ssmd with `argv` (without the program name) and returns the exit code.
int dispatch(const std::string &argv0, const std::vector<std::string> &argv);

// Runs the command `words` (global flags already taken out) in `ctx`. Throws CommandError.
int dispatch_words(Context &ctx, const std::vector<std::string> &words);

// `ssmd --help`, or the help of a command group such as `ssmd feed --help`.
void print_help(Context &ctx, std::ostream &out, const std::string &group = "");

} // namespace ssmd
