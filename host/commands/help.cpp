#include "cli/dispatch.hpp"
#include "commands/commands.hpp"

#include <iostream>

namespace ssmd {

// `ssmd help [COMMAND...]` is `ssmd [COMMAND...] --help`.
int run_help(Context &, const Args &args) {
  std::vector<std::string> argv(args.begin(), args.end());
  argv.push_back("--help");
  return dispatch("ssmd", argv);
}

} // namespace ssmd
