// The shape of a built-in command and the helpers every command uses to parse its own arguments.
#pragma once

#include "cli/command_spec.hpp"
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
// A command's usage line and options (cli/command_spec.hpp). Most ignore the context; the data commands add a
// `--SCHEME-endpoint` flag for each storage plugin installed.
using DescribeFn = CommandSpec (*)(Context &ctx);

// What a command does with a repository named by --repo or SSMD_REPO that holds no exchanges/.
enum class RepoFlag {
  MustName, // refused with exit 3 before the command runs: every command that reads or writes one
  Creates,  // `ssmd init` creates the repository there
  Ignored,  // the hidden commands run by completion scripts and the build
};

struct Command {
  const char *path;    // "feed show": the words that select it
  const char *summary; // one line for help listings
  DescribeFn describe;
  RunFn run;
  RepoFlag repo = RepoFlag::MustName;
};

// Rows whose path starts with "__" are hidden: they run like any other (`ssmd __complete` is called by the
// completion scripts) but no help, listing, suggestion, completion or man page shows them.
inline bool is_hidden(const Command &command) { return std::string_view(command.path).starts_with("__"); }

// The whole description of `command`: the command table's path and summary with what its describe() adds.
CommandSpec describe(Context &ctx, const Command &command);

// Prints `ssmd <command> --help`: the usage line, the summary, the positional arguments under
// "Arguments:" by their placeholders, then the flags under "Options:".
void print_help(std::ostream &out, const CommandSpec &spec);

enum class OutputFormat { Text, Json };

// `--output text|json` (`-o`), which every listing and show takes.
OptionSpec output_option();
// The --output value; when the flag is absent, the configured default (see set_default_output).
OutputFormat output_format(const po::variables_map &vm);
// Sets the format used when --output is not given (from configuration key `output`).
void set_default_output(OutputFormat format);

// Parses `args` against the description of the built-in command at `path` (one of ctx.commands()). `--help`
// prints the command's help and returns nullopt (exit 0); a malformed line throws UsageError naming the bad
// flag and suggesting the closest one.
std::optional<po::variables_map> parse_args(Context &ctx, std::string_view path, const Args &args);
// The same against a description already built.
std::optional<po::variables_map> parse_args(const CommandSpec &spec, const Args &args);

// The YYYY-MM-DD argument of a flag, validated (throws UsageError naming the flag otherwise).
std::string date_arg(const po::variables_map &vm, const std::string &flag);

} // namespace ssmd
