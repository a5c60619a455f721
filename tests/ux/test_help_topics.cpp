// Help topics are the docs/*.md pages, embedded at build time; `ssmd help` lists and prints them.
#include "run_ssmd.hpp"

#include "cli/command_tree.hpp"
#include "help/topics.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace ssmd;
using namespace ssmd::test;

TEST(HelpTopics, EveryDocsPageIsEmbeddedVerbatim) {
  size_t pages = 0;
  for (const auto &entry : fs::directory_iterator(source_dir() / "docs")) {
    if (entry.path().extension() != ".md") continue;
    ++pages;
    const HelpTopic *topic = find_help_topic(entry.path().stem().string());
    ASSERT_TRUE(topic) << entry.path() << " is not a help topic; rebuild?";
    EXPECT_EQ(topic->text, read_file(entry.path())) << entry.path();
    EXPECT_FALSE(topic->title.empty()) << entry.path() << " has no '# ' title";
  }
  EXPECT_EQ(help_topics().size(), pages);
  for (const char *name : {"exit-codes", "environment", "files"}) EXPECT_TRUE(find_help_topic(name)) << name;
  EXPECT_FALSE(find_help_topic("nosuch"));
}

// A variable the host reads but docs/environment.md does not mention is a drift this test catches.
TEST(HelpTopics, EnvironmentPageNamesEveryVariableTheHostReads) {
  const HelpTopic *topic = find_help_topic("environment");
  ASSERT_TRUE(topic);
  // getenv, and the typed readers of ssmd/env.hpp (boolean_variable, number_variable).
  std::regex getenv_call(R"re((?:getenv|_variable)\("((SSMD_|NO_COLOR)[A-Z_]*)")re");
  std::set<std::string> variables;
  for (const auto &entry : fs::recursive_directory_iterator(source_dir() / "host")) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
    std::string text = read_file(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), getenv_call), end; it != end; ++it)
      variables.insert((*it)[1].str());
  }
  EXPECT_GE(variables.size(), 6u) << "the scan found too few variables to be meaningful";
  for (const auto &variable : variables)
    EXPECT_NE(topic->text.find("`" + variable + "`"), std::string_view::npos) << variable << " is not documented";
}

TEST(HelpCommand, ListsCommandsAndTopics) {
  auto r = run_ssmd({"help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const Command *command : visible_commands()) EXPECT_NE(r.out.find(command->path), std::string::npos) << command->path;
  EXPECT_NE(r.out.find("Help topics"), std::string::npos);
  for (const auto &topic : help_topics()) EXPECT_NE(r.out.find("  " + topic.name + " "), std::string::npos) << topic.name;
  EXPECT_EQ(r.out.find("__complete"), std::string::npos);
  EXPECT_EQ(run_ssmd({"--help"}).out.find("__"), std::string::npos) << "hidden commands are listed nowhere";
}

TEST(HelpCommand, PrintsATopic) {
  auto r = run_ssmd({"help", "exit-codes"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(find_help_topic("exit-codes")->text));
}

TEST(HelpCommand, AGroupStillShowsItsCommands) {
  auto r = run_ssmd({"help", "data"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Usage: ssmd data <command>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data inventory"), std::string::npos);
  auto sub = run_ssmd({"help", "data", "gaps"});
  EXPECT_EQ(sub.exit_code, 0) << sub.err;
  EXPECT_NE(sub.out.find("Usage: ssmd data gaps"), std::string::npos) << sub.out;
}

TEST(HelpCommand, UnknownTopicSuggestsTheClosest) {
  auto r = run_ssmd({"help", "exit-code"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'exit-codes'?"), std::string::npos) << r.err;
  auto command = run_ssmd({"help", "dat"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.err.find("did you mean 'data'?"), std::string::npos) << command.err;
  auto far = run_ssmd({"help", "qqqqqqqq"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

// docs/data.md is a topic and `data` a command group: the group wins, names the topic, and --topic reaches it.
TEST(HelpCommand, EveryTopicIsReachableEvenWhereACommandHasItsName) {
  for (const auto &topic : help_topics()) {
    auto r = run_ssmd({"help", "--topic", topic.name});
    EXPECT_EQ(r.exit_code, 0) << topic.name << ": " << r.err;
    EXPECT_EQ(r.out, std::string(topic.text)) << topic.name;
  }
  ASSERT_TRUE(find_help_topic("data")) << "the case this test is about";
  auto group = run_ssmd({"help", "data"});
  EXPECT_EQ(group.exit_code, 0) << group.err;
  EXPECT_NE(group.out.find("Usage: ssmd data <command>"), std::string::npos) << group.out;
  EXPECT_NE(group.out.find("ssmd help --topic data\n"), std::string::npos) << group.out;
  EXPECT_EQ(run_ssmd({"help", "feed"}).out.find("--topic"), std::string::npos) << "no topic named feed";
  auto unknown = run_ssmd({"help", "--topic", "exit-code"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean 'exit-codes'?"), std::string::npos) << unknown.err;
  EXPECT_EQ(run_ssmd({"help", "feed", "--topic", "data"}).exit_code, 2) << "a command or --topic, not both";
}

// Every command group and top-level command answers `ssmd help WORD` with its usage.
TEST(HelpCommand, EveryGroupHasHelp) {
  for (const auto &word : top_words()) {
    auto r = run_ssmd({"help", word});
    EXPECT_EQ(r.exit_code, 0) << word << ": " << r.err;
    EXPECT_NE(r.out.find("Usage: ssmd " + word), std::string::npos) << word << "\n" << r.out;
  }
}
