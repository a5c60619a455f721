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
      {"commit", "Validate, then commit the pending metadata changes (nothing else)", run_commit},
      {"data gaps", "List the gaps recorded in a feed's data on one day", run_data_gaps},
      {"data inventory", "Show a feed's captured data day by day, from its manifests", run_data_inventory},
      {"diff", "Show pending metadata changes against HEAD: what they mean, then the diff", run_diff},
      {"help", "Show help for ssmd, a command or a topic", run_help},
      {"log", "List the commits that changed a definition (or any metadata), newest first", run_log},
  };
  return k_commands;
}

} // namespace ssmd
