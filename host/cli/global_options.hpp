// Global flags may stand anywhere before `--` (`ssmd --repo X feed show` and `ssmd feed show --repo X`
// both work, as in kubectl). They are taken out of argv before the command parses the rest.
#pragma once

#include "cli/command_spec.hpp"
#include "cli/context.hpp"

#include <string>
#include <vector>

namespace ssmd {

struct ParsedCommandLine {
  GlobalOptions global;
  std::vector<std::string> words; // everything else, in order
};

// Extracts global flags and applies their environment variables (SSMD_PLUGIN_PATH, SSMD_PLUGINS,
// SSMD_LOCKED). Throws UsageError on a malformed global flag.
ParsedCommandLine extract_global_options(const std::vector<std::string> &argv);

// The global flags, as data: help, completion and the man page read them from here.
const std::vector<OptionSpec> &global_option_specs();

// The help text for the global flags, written from global_option_specs().
std::string global_options_help();

} // namespace ssmd
