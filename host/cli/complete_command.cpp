// ssmd __complete CWORD -- WORDS...: the candidates for word CWORD of a command line, one a line. Hidden:
// the completion scripts call it (see complete/shell_scripts.cpp); people do not.
#include "cli/help_commands.hpp"

#include "complete/candidates.hpp"
#include "core/errors.hpp"

#include <charconv>
#include <iostream>

namespace ssmd {

CommandSpec describe_complete(Context &) {
  return synopsis("ssmd __complete CWORD -- WORDS...",
                  {argument("cword", "CWORD", "the index of the word to complete (0 is the program)"),
                   remaining_arguments("words", "WORDS", "the words of the line, the current one included")});
}

int run_complete(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "__complete", args);
  if (!vm) return kExitOk;
  const auto &cword_text = (*vm)["cword"].as<std::string>();
  size_t cword = 0;
  auto [end, error] = std::from_chars(cword_text.data(), cword_text.data() + cword_text.size(), cword);
  if (error != std::errc() || end != cword_text.data() + cword_text.size() || cword == 0)
    throw UsageError("CWORD must be a word index of at least 1, not '" + cword_text + "'");
  std::vector<std::string> words;
  if (vm->count("words")) words = (*vm)["words"].as<std::vector<std::string>>();
  for (const auto &candidate : complete::candidates(ctx, words, cword)) std::cout << candidate << "\n";
  return kExitOk;
}

} // namespace ssmd
