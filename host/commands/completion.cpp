// ssmd completion bash|zsh|fish: prints the shell's completion script.
#include "commands/commands.hpp"

#include "complete/shell_scripts.hpp"
#include "core/errors.hpp"

#include <iostream>

namespace ssmd {

int run_completion(Context &, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd completion SHELL";
  cl.options.add_options()("shell", po::value<std::string>()->required()->value_name("SHELL"), "bash, zsh or fish");
  cl.positional.add("shell", 1);
  auto vm = parse_args("completion", cl, args);
  if (!vm) return kExitOk;
  const auto &shell = (*vm)["shell"].as<std::string>();
  auto script = complete::completion_script(shell);
  if (!script) {
    std::string known;
    for (const auto &name : complete::shell_names()) known += (known.empty() ? "" : ", ") + name;
    throw UsageError("no completion script for shell '" + shell + "'; choose one of " + known);
  }
  std::cout << *script;
  return kExitOk;
}

} // namespace ssmd
