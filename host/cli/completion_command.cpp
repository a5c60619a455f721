// ssmd completion bash|zsh|fish: prints the shell's completion script.
#include "cli/help_commands.hpp"

#include "complete/shell_scripts.hpp"
#include "core/errors.hpp"

#include <iostream>

namespace ssmd {

CommandSpec describe_completion(Context &) {
  return synopsis("ssmd completion SHELL",
                  {argument("shell", "SHELL", "bash, zsh or fish").with_choices(complete::shell_names())});
}

int run_completion(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "completion", args);
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
