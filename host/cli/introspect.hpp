// What a command accepts, learnt the way a person learns it: by running it with `--help` and reading the
// answer. Completion, man pages and `ssmd help` are built from this, so they list exactly the flags that
// `--help` prints and cannot drift from the command table or from a command's own options.
//
// Every built-in prints its help through parse_args() (cli/command.cpp): "Usage: ...", a blank line, the
// summary, a blank line, the positional arguments under "Arguments:" ("  NAME  the feed"), then
// boost::program_options' option list, whose rows look like
//   --as-of DATE                   the version in force on this day
//   -o [ --output ] FORMAT (=text) output format: text or json
//   --force                        write into a directory that already holds exchanges/
// A parameter follows the flag after exactly one space; a flag without one is followed by two or more
// spaces (the padding to the description column) or by the end of the line.
#pragma once

#include "cli/command.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

struct OptionInfo {
  std::string long_name;     // "as-of" (without dashes); empty for a short-only flag
  std::string short_name;    // "o" (without the dash); empty when there is none
  bool takes_value = false;  // `--as-of DATE` takes one, `--force` does not
  std::string value_name;    // "DATE", "arg" when the author gave none; for positionals the usage placeholder
  std::string default_value; // "text" from "(=text)"
  std::string description;   // continuation lines joined with single spaces
  bool positional = false;   // the usage shows it as a bare placeholder (NAME), not as --name
};

struct CommandHelp {
  std::string path;                // "feed show"
  std::string usage;               // "ssmd feed show NAME [--as-of DATE]"
  std::string summary;             // the paragraph(s) between usage and options
  std::vector<OptionInfo> options; // in the order --help prints them
  std::string text;                // the help exactly as printed

  // The option with long name `name` ("as-of") or short name (`o`), or nullptr.
  const OptionInfo *find(std::string_view name) const;
  // The options that are real flags (positionals excluded).
  std::vector<const OptionInfo *> flags() const;
  std::vector<const OptionInfo *> positionals() const;
};

// Parses the rows of an option list (the lines that start with two spaces and a dash, and the lines that
// continue their descriptions). Also reads the hand-written "-h, --help" form of the global option list.
std::vector<OptionInfo> parse_option_list(std::string_view text);

// Parses a whole --help text printed by parse_args().
CommandHelp parse_help(std::string_view path, std::string_view text);

// Runs `command` with `--help`, capturing what it writes to std::cout, and parses it. Returns nullopt and
// sets `error` when the command does not answer --help with a usage line (or throws).
std::optional<CommandHelp> introspect(Context &ctx, const Command &command, std::string *error = nullptr);

// The global flags (--repo, --plugin-path, ...), parsed from global_options_help().
const std::vector<OptionInfo> &global_option_infos();

} // namespace ssmd
