// The completion engine: commands from the table, flags from --help, names and dates from the repository.
#include "repo_fixture.hpp"

#include "cli/command_table.hpp"
#include "cli/command_tree.hpp"
#include "complete/candidates.hpp"
#include "complete/values.hpp"
#include "core/date.hpp"
#include "help/topics.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace ssmd;
using namespace ssmd::test;

namespace {

GlobalOptions in_repo(const TempDir &dir) {
  GlobalOptions options;
  options.repo = dir.path().string();
  return options;
}

// Completes the last word of `line` (split at spaces; a trailing space starts a new, empty word).
std::vector<std::string> complete_line(Context &ctx, const std::string &line) {
  std::vector<std::string> words;
  size_t pos = 0;
  for (;;) {
    size_t space = line.find(' ', pos);
    words.push_back(line.substr(pos, space == std::string::npos ? std::string::npos : space - pos));
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  return complete::candidates(ctx, words, words.size() - 1);
}

bool has(const std::vector<std::string> &list, const std::string &item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

using List = std::vector<std::string>;

} // namespace

TEST(Complete, FirstWordIsEveryVisibleGroupAndCommand) {
  TempDir dir;
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  auto got = complete_line(ctx, "ssmd ");
  for (const auto &word : top_words()) EXPECT_TRUE(has(got, word)) << word;
  for (const auto &word : got) EXPECT_FALSE(word.starts_with("__")) << "hidden command offered: " << word;
  EXPECT_TRUE(complete_line(ctx, "ssmd __").empty()) << "hidden commands (__complete, __man) are never offered";
  EXPECT_EQ(complete_line(ctx, "ssmd da"), List{"data"});
  EXPECT_TRUE(complete_line(ctx, "ssmd zz").empty());
}

TEST(Complete, SecondWordIsTheGroupsSubcommands) {
  TempDir dir;
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  EXPECT_EQ(complete_line(ctx, "ssmd data "), (List{"gaps", "inventory", "quality"}));
  EXPECT_EQ(complete_line(ctx, "ssmd data i"), List{"inventory"});
  EXPECT_EQ(complete_line(ctx, "ssmd config "), List{"show"});
}

TEST(Complete, FlagsComeFromTheCommandsHelpAndTheGlobalList) {
  TempDir dir;
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  auto got = complete_line(ctx, "ssmd data inventory --");
  for (const char *flag : {"--feed", "--from", "--to", "--raw", "--normalized", "--output", "--help", "--repo",
                           "--plugin-path", "--plugins", "--locked", "--color"})
    EXPECT_TRUE(has(got, flag)) << flag;
  EXPECT_FALSE(has(got, "--version"));
  EXPECT_FALSE(has(got, "--date")) << "--date belongs to data gaps";
  EXPECT_EQ(complete_line(ctx, "ssmd data inventory --fr"), List{"--from"});
  // A positional argument is not offered as a flag: `ssmd init [DIR]`.
  EXPECT_FALSE(has(complete_line(ctx, "ssmd init --"), "--dir"));
  EXPECT_TRUE(has(complete_line(ctx, "ssmd init --"), "--force"));
  EXPECT_TRUE(has(complete_line(ctx, "ssmd -"), "--version"));
}

TEST(Complete, FlagValues) {
  TempDir dir;
  write_sample_repo(dir);
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  EXPECT_EQ(complete_line(ctx, "ssmd data inventory --output "), (List{"json", "text"}));
  EXPECT_EQ(complete_line(ctx, "ssmd data inventory -o j"), List{"json"});
  EXPECT_EQ(complete_line(ctx, "ssmd data inventory --output=j"), List{"--output=json"});
  EXPECT_EQ(complete_line(ctx, "ssmd --color a"), (List{"always", "auto"}));
  EXPECT_EQ(complete_line(ctx, "ssmd data inventory --feed "), (List{"alpha", "beta"}));
  EXPECT_EQ(complete_line(ctx, "ssmd data gaps --feed b"), List{"beta"});
  // A value already given is skipped: the word after `--feed alpha` is a flag position again.
  EXPECT_TRUE(complete_line(ctx, "ssmd data gaps --feed alpha ").empty());
}

TEST(Complete, DateFlagsOfferTodayAndEveryEffectiveDate) {
  TempDir dir;
  write_sample_repo(dir);
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  auto got = complete_line(ctx, "ssmd data inventory --feed alpha --from ");
  std::string today = Date::today().str();
  for (const std::string date : {"2024-03-15", "2025-01-01", "2025-02-01", "2025-06-01", "2025-07-01"})
    EXPECT_TRUE(has(got, date)) << date;
  EXPECT_TRUE(has(got, today));
  EXPECT_EQ(std::count(got.begin(), got.end(), "2025-06-01"), 1) << "dates are unique";
  EXPECT_EQ(complete_line(ctx, "ssmd data gaps --date 2024"), List{"2024-03-15"});
}

TEST(Complete, RepoFlagOnTheLineChoosesTheRepository) {
  TempDir dir;
  write_sample_repo(dir);
  TempDir elsewhere;
  Context ctx(in_repo(elsewhere), "/nonexistent/ssmd", builtin_commands());
  EXPECT_TRUE(complete_line(ctx, "ssmd data gaps --feed ").empty());
  EXPECT_EQ(complete_line(ctx, "ssmd --repo " + dir.path().string() + " data gaps --feed "), (List{"alpha", "beta"}));
}

TEST(Complete, NothingAfterSeparatorOrForUnknownCommands) {
  TempDir dir;
  write_sample_repo(dir);
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  EXPECT_TRUE(complete_line(ctx, "ssmd data gaps -- ").empty());
  EXPECT_TRUE(complete_line(ctx, "ssmd nosuch ").empty());
}

TEST(Complete, HelpTakesCommandsAndTopics) {
  TempDir dir;
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  auto got = complete_line(ctx, "ssmd help ");
  for (const auto &word : top_words()) EXPECT_TRUE(has(got, word)) << word;
  for (const auto &topic : help_topics()) EXPECT_TRUE(has(got, topic.name)) << topic.name;
  EXPECT_EQ(complete_line(ctx, "ssmd help data "), (List{"gaps", "inventory", "quality"}));
  EXPECT_EQ(complete_line(ctx, "ssmd help exit"), List{"exit-codes"});
  EXPECT_EQ(complete_line(ctx, "ssmd help --topic exit"), List{"exit-codes"});
  EXPECT_TRUE(has(complete_line(ctx, "ssmd help --topic "), "data")) << "topics only, the one a group shadows too";
  EXPECT_EQ(complete_line(ctx, "ssmd completion "), (List{"bash", "fish", "zsh"}));
}

// The vocabularies behind positionals of commands that other branches add (feed show, schema show, env run).
TEST(CompleteValues, NamesAndSchemaVersionsFromTheRepository) {
  TempDir dir;
  write_sample_repo(dir);
  Context ctx(in_repo(dir), "/nonexistent/ssmd", builtin_commands());
  complete::RepoNames repo(dir.path());
  using complete::ValueKind;
  auto values = [&](ValueKind kind, const std::string &prefix) {
    return complete::values_for({kind, {}}, ctx, repo, prefix);
  };
  EXPECT_EQ(values(ValueKind::Feed, ""), (List{"alpha", "beta"}));
  EXPECT_EQ(values(ValueKind::Environment, "alpha-p"), List{"alpha-prod"});
  EXPECT_EQ(values(ValueKind::Schema, ""), (List{"orderbook", "trade"}));
  EXPECT_EQ(values(ValueKind::Schema, "tr"), (List{"trade", "trade:v1", "trade:v2"}));
  EXPECT_EQ(values(ValueKind::Schema, "trade:"), (List{"trade:v1", "trade:v2"}));
  EXPECT_EQ(values(ValueKind::Schema, "trade:v2"), List{"trade:v2"});
  EXPECT_TRUE(values(ValueKind::Schema, "../feeds/alpha:").empty()) << "a path is not a schema name";
  EXPECT_EQ(values(ValueKind::SchemaVersion, ""), (List{"orderbook:v1", "trade:v1", "trade:v2"}));
  EXPECT_EQ(values(ValueKind::SchemaVersion, "trade:v"), (List{"trade:v1", "trade:v2"}));
  EXPECT_TRUE(values(ValueKind::Plugin, "").empty()) << "no plugin on the search path";

  // What a positional names comes from the command's description.
  auto positional = [&](const std::string &path, size_t index) {
    size_t taken = 0;
    const Command *command = match_visible(path_words(path), taken);
    EXPECT_TRUE(command) << path;
    return complete::positional_value(describe(ctx, *command), index);
  };
  EXPECT_EQ(positional("feed show", 0).kind, ValueKind::Feed);
  EXPECT_EQ(positional("schema set-status", 0).kind, ValueKind::Schema);
  EXPECT_EQ(positional("env run", 0).kind, ValueKind::Environment);
  EXPECT_EQ(positional("plugin show", 0).kind, ValueKind::Plugin);
  EXPECT_EQ(positional("feed create", 0).kind, ValueKind::None) << "a new name has no candidates";
  EXPECT_EQ(positional("feed show", 1).kind, ValueKind::None) << "past the last argument";
  EXPECT_EQ(positional("publish", 3).kind, ValueKind::Environment) << "ENV... takes every remaining word";
  EXPECT_EQ(positional("feed set-status", 1).choices, (List{"active", "deprecated", "disabled"}));
  EXPECT_EQ(positional("completion", 0).choices, (List{"bash", "fish", "zsh"}));
}

TEST(CompleteValues, FlagsAreRecognisedByNameOrValueName) {
  using complete::ValueKind;
  auto kind = [](const std::string &name, const std::string &value_name, bool takes_value = true) {
    return complete::flag_value(takes_value ? option(name, value_name, "") : flag(name, "")).kind;
  };
  EXPECT_EQ(kind("env", "NAME"), ValueKind::Environment);
  EXPECT_EQ(kind("extends", "arg"), ValueKind::Environment);
  EXPECT_EQ(kind("effective-from", "arg"), ValueKind::Date);
  EXPECT_EQ(kind("since", "DATE"), ValueKind::Date) << "an unknown flag with a DATE value";
  EXPECT_EQ(kind("source", "FEED"), ValueKind::Feed);
  EXPECT_EQ(kind("message", "TEXT"), ValueKind::None);
  EXPECT_EQ(kind("as-of", "", false), ValueKind::None) << "a flag without a value has no values";
  EXPECT_EQ(kind("schema", "NAME:VERSION"), ValueKind::SchemaVersion) << "the value name beats the flag's name";
  EXPECT_EQ(kind("schema", "SCHEMA"), ValueKind::Schema);
  EXPECT_EQ(kind("status", "active|deprecated|disabled"), ValueKind::None)
      << "choices are data, never read back from a value name";
  OptionSpec status = option("status", "STATUS", "").with_choices({"active", "deprecated", "disabled"});
  EXPECT_EQ(complete::flag_value(status).kind, ValueKind::Choices);
  EXPECT_EQ(complete::flag_value(status).choices, (List{"active", "deprecated", "disabled"}));
  EXPECT_EQ(complete::flag_value(option("since", "WHEN", "").naming(Names::Date)).kind, ValueKind::Date)
      << "what the description says it names beats the value name";
}
