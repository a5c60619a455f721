// The shape of a built-in command and the helpers every command uses to parse its own arguments.
#pragma once

#include "cli/context.hpp"
#include "core/exit_codes.hpp"

#include <boost/program_options.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

namespace po = boost::program_options;

using Args = std::vector<std::string>;
using RunFn = int (*)(Context &ctx, const Args &args);

struct Command {
  const char *path;    // "feed show": the words that select it
  const char *summary; // one line for help listings
  RunFn run;
};

// Rows whose path starts with "__" are hidden: they run like any other (`ssmd __complete` is called by the
// completion scripts) but no help, listing, suggestion, completion or man page shows them.
inline bool is_hidden(const Command &command) { return std::string_view(command.path).starts_with("__"); }

// How a command describes its command line.
struct CommandLine {
  std::string usage;                      // e.g. "ssmd feed show NAME [--as-of DATE]"
  po::options_description options{"Options"};
  po::positional_options_description positional;
};

// Prints `ssmd <command> --help`: the usage line, the summary, the positional arguments under
// "Arguments:" by their placeholders, then the flags under "Options:".
void print_help(std::ostream &out, const Command &command, const CommandLine &cl);

enum class OutputFormat { Text, Json };

// Adds `--output text|json` to a command's options.
void add_output_option(CommandLine &cl);
// The --output value; when the flag is absent, the configured default (see set_default_output).
OutputFormat output_format(const po::variables_map &vm);
// Sets the format used when --output is not given (from configuration key `output`).
void set_default_output(OutputFormat format);

// Parses `args` against `cl`. `--help` prints the command's help and returns nullopt (exit 0);
// a malformed line throws UsageError naming the bad flag and suggesting the closest one.
std::optional<po::variables_map> parse_args(const Command &command, CommandLine &cl, const Args &args);
// The same for the built-in command at `path` (its summary comes from the command table).
std::optional<po::variables_map> parse_args(std::string_view path, CommandLine &cl, const Args &args);

// The YYYY-MM-DD argument of a flag, validated (throws UsageError naming the flag otherwise).
std::string date_arg(const po::variables_map &vm, const std::string &flag);

} // namespace ssmd
