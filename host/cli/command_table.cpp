#include "cli/command_table.hpp"

#include "commands/commands.hpp"

namespace ssmd {

// To add a built-in command:
//   1. write host/commands/<group>_<name>.cpp with run_<group>_<name>() and its CommandLine;
//   2. declare the function in host/commands/commands.hpp;
//   3. add a row below, sorted by path;
//   4. add an end-to-end test under tests/e2e/ and a section in docs/cli.md.
const std::vector<Command> &builtin_commands() {
  static const std::vector<Command> k_commands = {
      // Hidden (a path starting with "__"): run by the completion scripts and the build, listed nowhere.
      {"__complete", "Print completion candidates for a command line", run_complete},
      {"__man", "Write the man pages into a directory", run_man},
      {"completion", "Print a shell completion script: bash, zsh or fish", run_completion},
      {"config show", "Show the effective configuration and where each value comes from", run_config_show},
      {"data gaps", "List the gaps recorded in a feed's data on one day", run_data_gaps},
      {"data inventory", "Show a feed's captured data day by day, from its manifests", run_data_inventory},
      {"help", "Show help for ssmd, a command or a topic", run_help},
      {"init", "Create a metadata repository: folders, .gitignore, CI recipes", run_init},
  };
  return k_commands;
}

} // namespace ssmd
