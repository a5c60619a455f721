#include "cli/dispatch.hpp"
#include "commands/commands.hpp"

#include <iostream>

namespace ssmd {

// `ssmd help [COMMAND...]` is `ssmd [COMMAND...] --help`, with the same global options (so the plugin
// path that lists a plugin's command also finds it here).
int run_help(Context &ctx, const Args &args) {
  std::vector<std::string> words(args.begin(), args.end());
  words.push_back("--help");
  return dispatch_words(ctx, words);
}

} // namespace ssmd
