// Every command describes what it accepts as data (cli/command_spec.hpp); parsing, --help, completion and man
// pages read that description. These tests check the description against the parser built from it, against
// what `ssmd <command> --help` prints, and against docs/cli.md, as git's t0450 checks its documentation
// against each command's `-h`.
#include "cli/command_table.hpp"
#include "cli/command_tree.hpp"
#include "cli/global_options.hpp"
#include "core/errors.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace ssmd;
using namespace ssmd::test;

namespace {

Context test_context() { return Context(GlobalOptions{}, "/nonexistent/ssmd", builtin_commands()); }

CommandSpec sample_spec() {
  CommandSpec spec;
  spec.path = "sample";
  spec.summary = "A command that takes every shape of option.";
  spec.usage = "ssmd sample NAME [REST...] [--as-of DATE] [--force] [-n N]";
  spec.options = {argument("name", "NAME", "the feed"),
                  remaining_arguments("rest", "REST", "the other words"),
                  option("as-of", "DATE", "the version in force on this day"),
                  output_option(),
                  flag("force", "keep going"),
                  option("schema", "NAME:VERSION", "a schema version (repeatable)").repeatable(),
                  option("fail-on", "STATUS", "merged from every --fail-on").merged(),
                  option("max-count", "N", "at most N").with_short("n").integer(),
                  option("timeout", "SECONDS", "per call").number(),
                  option("file", "PATH", "a file").require()};
  return spec;
}

std::string help_of(const CommandSpec &spec) {
  std::ostringstream out;
  print_help(out, spec);
  return out.str();
}

std::string usage_error(const CommandSpec &spec, const Args &args) {
  try {
    parse_args(spec, args);
  } catch (const UsageError &e) {
    return e.what();
  }
  return "";
}

std::string read_text(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// docs/cli.md's description of each command, by path: a section headed "### `ssmd PATH`" up to the next
// heading of any level, or a table row that starts with "| `ssmd PATH" (the plugin commands' table).
std::map<std::string, std::string> documented_commands() {
  std::map<std::string, std::string> out;
  std::istringstream in(read_text(source_dir() / "docs" / "cli.md"));
  std::string line, *section = nullptr;
  static const std::regex k_heading("^### `ssmd ([a-z -]+)`$");
  static const std::regex k_row("^\\| `ssmd ([a-z]+(?: [a-z-]+)?)[ `].*");
  while (std::getline(in, line)) {
    std::smatch match;
    if (line.starts_with("#")) {
      section = std::regex_match(line, match, k_heading) ? &out[match[1]] : nullptr;
      continue;
    }
    if (std::regex_match(line, match, k_row)) out[match[1]] += line + "\n";
    if (section) *section += line + "\n";
  }
  return out;
}

// The flags a text names: "as-of" for "[--as-of DATE]", "m" for "-m MESSAGE" (without a trailing "=..." or
// punctuation).
std::set<std::string> flags_in(const std::string &text) {
  std::set<std::string> out;
  static const std::regex k_flag("(^|[^a-zA-Z0-9-])--?([a-z][a-z0-9-]*)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), k_flag); it != std::sregex_iterator(); ++it)
    out.insert((*it)[2]);
  return out;
}

// The first fenced block of a section: the synopsis.
std::string synopsis_of(const std::string &section) {
  size_t open = section.find("```\n");
  if (open == std::string::npos) return "";
  size_t close = section.find("```", open + 4);
  return section.substr(open + 4, close == std::string::npos ? std::string::npos : close - open - 4);
}

} // namespace

TEST(CommandSpec, ParsesEveryShapeItDescribes) {
  auto vm = parse_args(sample_spec(), {"kalshi", "a", "b", "--as-of", "2026-01-02", "--force", "--schema", "x:v1",
                                       "--schema", "y:v2", "--fail-on", "due", "--fail-on", "unknown", "-n", "3",
                                       "--timeout", "1.5", "--file", "f.capnp"});
  ASSERT_TRUE(vm);
  EXPECT_EQ((*vm)["name"].as<std::string>(), "kalshi");
  EXPECT_EQ((*vm)["rest"].as<std::vector<std::string>>(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*vm)["as-of"].as<std::string>(), "2026-01-02");
  EXPECT_EQ(vm->count("force"), 1u);
  EXPECT_EQ((*vm)["schema"].as<std::vector<std::string>>(), (std::vector<std::string>{"x:v1", "y:v2"}));
  EXPECT_EQ((*vm)["fail-on"].as<std::vector<std::string>>(), (std::vector<std::string>{"due", "unknown"}));
  EXPECT_EQ((*vm)["max-count"].as<int>(), 3);
  EXPECT_DOUBLE_EQ((*vm)["timeout"].as<double>(), 1.5);
  EXPECT_EQ((*vm)["output"].as<std::string>(), "text") << "the default applies";
  EXPECT_TRUE((*vm)["output"].defaulted());

  auto bare = parse_args(sample_spec(), {"kalshi", "--file", "f"});
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->count("force"), 0u) << "a switch left out is not counted";
  EXPECT_EQ(bare->count("rest"), 0u);
}

TEST(CommandSpec, RefusesWhatItDoesNotDescribe) {
  const CommandSpec spec = sample_spec();
  EXPECT_EQ(usage_error(spec, {"kalshi", "--file", "f", "--forse"}),
            "unknown flag '--forse' for 'ssmd sample'; did you mean '--force'?");
  EXPECT_EQ(usage_error(spec, {"--file", "f"}).rfind("missing argument name; usage: ssmd sample NAME", 0), 0u);
  EXPECT_EQ(usage_error(spec, {"kalshi"}).rfind("missing required flag --file; usage: ", 0), 0u);
  EXPECT_NE(usage_error(spec, {"kalshi", "--file", "f", "-n", "three"}), "") << "-n takes a whole number";
  EXPECT_NE(usage_error(spec, {"kalshi", "--file", "f", "--timeout", "soon"}), "");
  CommandSpec one = spec;
  one.options.erase(one.options.begin() + 1); // no REST...
  EXPECT_EQ(usage_error(one, {"kalshi", "extra", "--file", "f"}).rfind("too many arguments for 'ssmd sample'", 0), 0u);
}

TEST(CommandSpec, HelpListsArgumentsByPlaceholderThenFlags) {
  const std::string help = help_of(sample_spec());
  EXPECT_TRUE(help.starts_with("Usage: ssmd sample NAME [REST...] [--as-of DATE] [--force] [-n N]\n\n"
                               "A command that takes every shape of option.\n\n"
                               "Arguments:\n"
                               "  NAME  the feed\n"
                               "  REST  the other words\n\n"
                               "Options:\n"))
      << help;
  EXPECT_EQ(help.find("--name"), std::string::npos) << "an argument is not a flag";
  EXPECT_NE(help.find("  -o [ --output ] FORMAT (=text)"), std::string::npos) << help;
  EXPECT_NE(help.find("  -n [ --max-count ] N"), std::string::npos) << help;
  EXPECT_NE(help.find("  -h [ --help ]"), std::string::npos) << help;
  EXPECT_LT(help.find("--file"), help.find("--help")) << "--help comes last";
}

// `ssmd X --help` prints exactly what the description gives, for every visible built-in.
TEST(CommandSpec, EveryCommandsHelpIsItsDescription) {
  // The binary's own context: it finds the bundled plugins next to itself, and the data commands take a
  // --SCHEME-endpoint flag for each storage plugin.
  Context ctx(GlobalOptions{}, std::getenv("SSMD_BINARY"), builtin_commands());
  for (const Command *command : visible_commands()) {
    const CommandSpec spec = describe(ctx, *command);
    EXPECT_TRUE(spec.usage.starts_with("ssmd " + std::string(command->path))) << spec.usage;
    EXPECT_EQ(spec.summary, command->summary);
    Args args = path_words(command->path);
    args.push_back("--help");
    auto result = run_ssmd(args);
    EXPECT_EQ(result.exit_code, 0) << command->path << ": " << result.err;
    EXPECT_EQ(result.out, help_of(spec)) << command->path;
  }
}

TEST(CommandSpec, NamesAreUniqueAndArgumentsComeInOrder) {
  Context ctx = test_context();
  for (const Command *command : visible_commands()) {
    const CommandSpec spec = describe(ctx, *command);
    std::set<std::string> names;
    for (const auto &option : spec.options) {
      EXPECT_TRUE(names.insert(option.long_name).second) << command->path << ": --" << option.long_name << " twice";
      if (option.positional) {
        EXPECT_FALSE(option.value_name.empty()) << command->path << ": " << option.long_name;
      }
      if (!option.choices.empty()) {
        EXPECT_TRUE(option.takes_value()) << command->path << ": --" << option.long_name;
      }
    }
    const auto arguments = spec.positionals();
    for (size_t i = 0; i + 1 < arguments.size(); ++i)
      EXPECT_FALSE(arguments[i]->remaining) << command->path << ": only the last argument may take the rest";
  }
}

// The usage line is the synopsis a reader scans first (and the man page's SYNOPSIS): every flag is on it, by
// its long or short name. Two documented groups stand for several flags: "[version flags]" on the feed
// commands, and "--SCHEME-endpoint" for the flags storage plugins add.
TEST(CommandSpec, EveryFlagOfAVisibleCommandIsInItsUsageLine) {
  const std::set<std::string> version_flags{"version",        "effective-from",     "effective-to",
                                            "endpoint",       "protocol",           "auth-method",
                                            "rate-limit-per-second", "max-symbols-per-connection",
                                            "supports-orderbook", "supports-trades", "channels"};
  Context ctx = test_context();
  for (const Command *command : visible_commands()) {
    const CommandSpec spec = describe(ctx, *command);
    const std::string usage = spec.usage + " ";
    auto named = [&](const std::string &text) { return usage.find(text) != std::string::npos; };
    // "--all" in "(NAME | --all)", not the start of "--all-feeds".
    auto flag_named = [&](const std::string &flag) {
      for (size_t at = usage.find(flag); at != std::string::npos; at = usage.find(flag, at + 1)) {
        char next = usage[at + flag.size()];
        if (!std::isalnum(static_cast<unsigned char>(next)) && next != '-') return true;
      }
      return false;
    };
    for (const OptionSpec *flag : spec.flags()) {
      bool listed = flag_named("--" + flag->long_name) || (!flag->short_name.empty() && flag_named("-" + flag->short_name));
      listed = listed || (named("version flags]") && version_flags.count(flag->long_name)) ||
               (named("--SCHEME-endpoint") && flag->long_name.ends_with("-endpoint"));
      EXPECT_TRUE(listed) << command->path << ": --" << flag->long_name << " is not in \"" << spec.usage << "\"";
    }
  }
}

// docs/cli.md has a section for every visible command; the section names each of the command's flags, and its
// synopsis names no flag the command does not take (a global flag excepted).
TEST(CommandSpec, DocsCliMdAgreesWithEveryCommand) {
  const auto documented = documented_commands();
  std::set<std::string> global;
  for (const auto &option : global_option_specs()) global.insert(option.long_name);
  Context ctx = test_context();
  for (const Command *command : visible_commands()) {
    auto section = documented.find(command->path);
    ASSERT_NE(section, documented.end()) << "docs/cli.md has no \"### `ssmd " << command->path << "`\"";
    const CommandSpec spec = describe(ctx, *command);
    const std::set<std::string> mentioned = flags_in(section->second);
    // "[other version flags]" stands for the flags `feed create` documents; "--SCHEME-endpoint" for the flags
    // storage plugins add.
    const bool version_flags = section->second.find("version flags") != std::string::npos;
    for (const OptionSpec *flag : spec.flags()) {
      bool named = mentioned.count(flag->long_name) || (!flag->short_name.empty() && mentioned.count(flag->short_name));
      named = named || (version_flags && std::string(command->path).starts_with("feed ")) ||
              (flag->long_name.ends_with("-endpoint") && section->second.find("--SCHEME-endpoint") != std::string::npos);
      EXPECT_TRUE(named) << "docs/cli.md, ssmd " << command->path << ": --" << flag->long_name << " is not documented";
    }
    for (const auto &name : flags_in(synopsis_of(section->second)))
      EXPECT_TRUE(spec.find(name) || global.count(name))
          << "docs/cli.md, ssmd " << command->path << ": the synopsis shows --" << name << ", which it does not take";
  }
  for (const auto &[path, text] : documented) {
    size_t taken = 0;
    const Command *command = match_visible(path_words(path), taken);
    EXPECT_TRUE(command && command->path == path) << "docs/cli.md documents 'ssmd " << path << "', which does not exist";
  }
}

TEST(CommandSpec, GlobalOptionsHelpIsWrittenFromTheirDescription) {
  EXPECT_EQ(global_options_help(),
            "Global options (anywhere before --):\n"
            "  --repo DIR            the metadata repository (default: SSMD_REPO, else the nearest parent\n"
            "                        directory holding exchanges/)\n"
            "  --plugin-path DIRS    extra plugin directories, colon-separated (also SSMD_PLUGIN_PATH)\n"
            "  --plugins A,B         allow only these plugins to load (also SSMD_PLUGINS)\n"
            "  --locked              load only plugins pinned in ssmd-plugins.lock, hash-checked before\n"
            "                        opening (also SSMD_LOCKED=1, true, yes or on)\n"
            "  --color WHEN          auto, always or never (NO_COLOR is honoured)\n"
            "  -h, --help            help for ssmd or for a command\n"
            "  --version             print the version\n");
}

TEST(CommandSpec, OnlyInitAndTheHiddenCommandsAcceptAFolderThatIsNoRepository) {
  for (const auto &command : builtin_commands()) {
    const std::string path = command.path;
    RepoFlag expected = path == "init" ? RepoFlag::Creates : is_hidden(command) ? RepoFlag::Ignored : RepoFlag::MustName;
    EXPECT_EQ(command.repo, expected) << path;
  }
}

TEST(CommandTree, HidesDoubleUnderscoreCommands) {
  Command hidden{"__x", "", nullptr, nullptr}, shown{"x", "", nullptr, nullptr};
  EXPECT_TRUE(is_hidden(hidden));
  EXPECT_FALSE(is_hidden(shown));
  for (const Command *command : visible_commands()) EXPECT_FALSE(std::string(command->path).starts_with("__"));
  for (const auto &word : top_words()) EXPECT_FALSE(word.starts_with("__")) << word;
  size_t taken = 0;
  for (const auto &command : builtin_commands()) {
    if (is_hidden(command)) {
      EXPECT_EQ(match_visible({command.path}, taken), nullptr) << command.path;
    }
  }
  ASSERT_TRUE(match_visible({"data", "gaps", "--feed"}, taken));
  EXPECT_EQ(taken, 2u);
}
