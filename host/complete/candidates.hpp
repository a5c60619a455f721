// The completion engine behind `ssmd __complete CWORD -- WORDS...`: what may stand at word CWORD of a
// command line. Commands come from the command table and plugin manifests, flags from the resolved
// command's description (cli/command_spec.hpp) and the global option list, values from complete/values.hpp.
// No plugin is ever loaded.
#pragma once

#include "cli/context.hpp"

#include <string>
#include <vector>

namespace ssmd::complete {

// The candidates for `words[cword]` (words[0] is the program; `cword` may equal words.size() for a new,
// empty word), filtered by what is typed so far, sorted and unique. Global flags among `words` apply:
// `--repo DIR` makes names come from that repository.
std::vector<std::string> candidates(Context &ctx, const std::vector<std::string> &words, size_t cword);

} // namespace ssmd::complete
