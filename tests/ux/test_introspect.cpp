// Introspection reads the --help that boost::program_options really prints, for every built-in command.
#include "cli/command_table.hpp"
#include "cli/command_tree.hpp"
#include "cli/introspect.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace ssmd;

namespace {

// The help text parse_args() would print for these options.
std::string help_text(const std::string &usage, const std::string &summary, po::options_description &options) {
  std::ostringstream out;
  out << "Usage: " << usage << "\n\n" << summary << "\n\n" << options;
  return out.str();
}

Context test_context() { return Context(GlobalOptions{}, "/nonexistent/ssmd"); }

} // namespace

TEST(Introspect, ReadsEveryShapeBoostPrints) {
  po::options_description options("Options");
  options.add_options()("name", po::value<std::string>()->required(), "the feed")(
      "as-of", po::value<std::string>()->value_name("DATE"), "the version in force on this day")(
      "output,o", po::value<std::string>()->default_value("text")->value_name("FORMAT"), "output format: text or json")(
      "level", po::value<int>()->implicit_value(3)->value_name("N"), "how loud")(
      "strict", po::bool_switch(), "warnings count as errors")(
      "force", "write into a directory that already holds exchanges/ and keep going even when the description "
               "is long enough to wrap onto a second line, -- with dashes in it")("help,h", "show this help");
  auto help = parse_help("feed show", help_text("ssmd feed show NAME [--as-of DATE]", "Show a feed.", options));

  EXPECT_EQ(help.usage, "ssmd feed show NAME [--as-of DATE]");
  EXPECT_EQ(help.summary, "Show a feed.");
  ASSERT_EQ(help.options.size(), 7u);

  const OptionInfo *name = help.find("name");
  ASSERT_TRUE(name);
  EXPECT_TRUE(name->positional);
  EXPECT_EQ(name->value_name, "NAME");

  const OptionInfo *as_of = help.find("as-of");
  ASSERT_TRUE(as_of);
  EXPECT_TRUE(as_of->takes_value);
  EXPECT_FALSE(as_of->positional);
  EXPECT_EQ(as_of->value_name, "DATE");
  EXPECT_EQ(as_of->description, "the version in force on this day");

  const OptionInfo *output = help.find("o");
  ASSERT_TRUE(output);
  EXPECT_EQ(output->long_name, "output");
  EXPECT_EQ(output->value_name, "FORMAT");
  EXPECT_EQ(output->default_value, "text");
  EXPECT_EQ(output->description, "output format: text or json");

  const OptionInfo *level = help.find("level");
  ASSERT_TRUE(level);
  EXPECT_TRUE(level->takes_value);
  EXPECT_EQ(level->value_name, "N");

  const OptionInfo *strict = help.find("strict");
  ASSERT_TRUE(strict);
  EXPECT_FALSE(strict->takes_value);
  EXPECT_EQ(strict->description, "warnings count as errors");

  const OptionInfo *force = help.find("force");
  ASSERT_TRUE(force);
  EXPECT_FALSE(force->takes_value);
  EXPECT_NE(force->description.find("onto a second line, -- with dashes in it"), std::string::npos) << force->description;

  EXPECT_EQ(help.find("h"), help.find("help"));
  EXPECT_EQ(help.flags().size(), 6u);
  EXPECT_EQ(help.positionals().size(), 1u);
}

TEST(Introspect, AFlagNamedInTheUsageIsNotPositional) {
  po::options_description options("Options");
  options.add_options()("feed", po::value<std::string>()->value_name("FEED"), "the feed");
  auto help = parse_help("data gaps", help_text("ssmd data gaps --feed FEED", "Gaps.", options));
  ASSERT_TRUE(help.find("feed"));
  EXPECT_FALSE(help.find("feed")->positional);
  EXPECT_EQ(help.find("feed")->value_name, "FEED");
}

TEST(Introspect, ReadsTheGlobalOptionList) {
  const auto &globals = global_option_infos();
  auto find = [&](const std::string &name) -> const OptionInfo * {
    for (const auto &o : globals)
      if (o.long_name == name) return &o;
    return nullptr;
  };
  ASSERT_TRUE(find("repo"));
  EXPECT_TRUE(find("repo")->takes_value);
  EXPECT_EQ(find("repo")->value_name, "DIR");
  ASSERT_TRUE(find("locked"));
  EXPECT_FALSE(find("locked")->takes_value);
  ASSERT_TRUE(find("help"));
  EXPECT_EQ(find("help")->short_name, "h");
  for (const char *name : {"plugin-path", "plugins", "color"}) {
    ASSERT_TRUE(find(name)) << name;
    EXPECT_TRUE(find(name)->takes_value) << name;
  }
}

// Every visible built-in answers --help with its own usage line: completion and man pages depend on it.
TEST(Introspect, EveryVisibleCommandDescribesItself) {
  Context ctx = test_context();
  auto *before = std::cout.rdbuf();
  for (const Command *command : visible_commands()) {
    std::string error;
    auto help = introspect(ctx, *command, &error);
    ASSERT_TRUE(help) << error;
    EXPECT_TRUE(help->usage.starts_with("ssmd " + std::string(command->path))) << help->usage;
    EXPECT_TRUE(help->find("help")) << command->path;
    EXPECT_FALSE(help->summary.empty()) << command->path;
  }
  EXPECT_EQ(std::cout.rdbuf(), before);
}

// The usage line is the synopsis a reader scans first (and the man page's SYNOPSIS): every flag --help lists
// is on it, by its long or short name. Two documented groups stand for several flags: "[version flags]" on
// the feed commands, and "--SCHEME-endpoint" for the flags storage plugins add.
TEST(Introspect, EveryFlagOfAVisibleCommandIsInItsUsageLine) {
  const std::set<std::string> version_flags{"version",        "effective-from",     "effective-to",
                                            "endpoint",       "protocol",           "auth-method",
                                            "rate-limit-per-second", "max-symbols-per-connection",
                                            "supports-orderbook", "supports-trades", "channels"};
  Context ctx = test_context();
  for (const Command *command : visible_commands()) {
    auto help = introspect(ctx, *command);
    ASSERT_TRUE(help) << command->path;
    const std::string usage = help->usage + " ";
    auto named = [&](const std::string &text) { return usage.find(text) != std::string::npos; };
    // "--all" in "(NAME | --all)", not the start of "--all-feeds".
    auto flag_named = [&](const std::string &flag) {
      for (size_t at = usage.find(flag); at != std::string::npos; at = usage.find(flag, at + 1)) {
        char next = usage[at + flag.size()];
        if (!std::isalnum(static_cast<unsigned char>(next)) && next != '-') return true;
      }
      return false;
    };
    for (const OptionInfo *flag : help->flags()) {
      if (flag->long_name == "help") continue;
      bool listed = (!flag->long_name.empty() && flag_named("--" + flag->long_name)) ||
                    (!flag->short_name.empty() && flag_named("-" + flag->short_name));
      listed = listed || (named("version flags]") && version_flags.count(flag->long_name)) ||
               (named("--SCHEME-endpoint") && flag->long_name.ends_with("-endpoint"));
      EXPECT_TRUE(listed) << command->path << ": --" << flag->long_name << " is not in \"" << help->usage << "\"";
    }
  }
}

// Positional arguments are listed by their placeholders under "Arguments:", never as `--name arg` flags.
TEST(Introspect, ArgumentsAreListedByTheirPlaceholders) {
  Context ctx = test_context();
  std::map<std::string, CommandHelp> helps;
  for (const Command *command : visible_commands())
    if (std::string_view(command->path) == "feed show" || std::string_view(command->path) == "schema set-status")
      helps.emplace(command->path, *introspect(ctx, *command));
  ASSERT_EQ(helps.size(), 2u);
  for (const auto &[path, help] : helps) {
    EXPECT_NE(help.text.find("\n\nArguments:\n  "), std::string::npos) << help.text;
    EXPECT_EQ(help.text.find("--name"), std::string::npos) << help.text;
    EXPECT_EQ(help.text.find("--ref"), std::string::npos) << help.text;
    EXPECT_FALSE(help.find("name")) << path << ": an argument is not a flag";
  }
  std::vector<std::string> arguments;
  for (const OptionInfo *arg : helps.at("schema set-status").positionals())
    arguments.push_back(arg->value_name + " = " + arg->description);
  EXPECT_EQ(arguments, (std::vector<std::string>{"NAME:VERSION = the schema version",
                                                 "draft|active|deprecated = the new status"}));
  EXPECT_EQ(helps.at("schema set-status").flags().size(), 1u) << "only --help";
}

TEST(Introspect, RestoresStdoutWhenTheCommandThrows) {
  Context ctx = test_context();
  Command throwing{"broken", "Throws", [](Context &, const Args &) -> int {
                     std::cout << "Usage: ssmd broken\n";
                     throw std::runtime_error("boom");
                   }};
  auto *before = std::cout.rdbuf();
  std::string error;
  EXPECT_FALSE(introspect(ctx, throwing, &error));
  EXPECT_EQ(std::cout.rdbuf(), before);
  EXPECT_NE(error.find("boom"), std::string::npos) << error;
}

TEST(Introspect, RejectsACommandThatPrintsNoUsage) {
  Context ctx = test_context();
  Command silent{"silent", "Prints nothing", [](Context &, const Args &) { return 0; }};
  std::string error;
  EXPECT_FALSE(introspect(ctx, silent, &error));
  EXPECT_NE(error.find("no usage line"), std::string::npos) << error;
}

TEST(CommandTree, HidesDoubleUnderscoreCommands) {
  Command hidden{"__x", "", nullptr}, shown{"x", "", nullptr};
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
