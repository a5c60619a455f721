// `--repo DIR` and `SSMD_REPO=DIR` name the repository; a folder without exchanges/ is not one. Every
// command refuses it with exit 3 and a sentence naming the flag or the variable (only `ssmd init` creates a
// repository there), instead of treating an unrelated folder as an empty repository.
#include "cli/command_table.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

std::vector<std::string> words(const std::string &path) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos <= path.size();) {
    size_t end = std::min(path.find(' ', pos), path.size());
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

RunOptions clean(const fs::path &cwd) {
  RunOptions options;
  options.cwd = cwd;
  options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
  return options;
}

} // namespace

TEST(RepoOption, AFolderWithoutExchangesIsAnEnvironmentErrorForEveryCommand) {
  TempDir empty, cwd;
  // Commands a user runs; the hidden ones serve completion scripts and the build.
  std::vector<std::vector<std::string>> commands;
  for (const auto &command : ssmd::builtin_commands())
    if (!ssmd::is_hidden(command) && std::string_view(command.path) != "init") commands.push_back(words(command.path));
  commands.push_back({"sealed-secret", "seal", "x"}); // a plugin's command
  ASSERT_GT(commands.size(), 25u);
  for (const auto &args : commands) {
    std::string shown;
    for (const auto &a : args) shown += a + " ";
    std::vector<std::string> flagged{"--repo", empty.path().string()};
    flagged.insert(flagged.end(), args.begin(), args.end());
    RunResult flag = run_ssmd(flagged, clean(cwd.path()));
    EXPECT_EQ(flag.exit_code, 3) << shown << "\n" << flag.out << flag.err;
    EXPECT_TRUE(contains(flag.err, "--repo " + empty.path().string() + ": not an ssmd repository (no exchanges/ folder)"))
        << shown << "\n" << flag.err;
    RunOptions env = clean(cwd.path());
    env.env["SSMD_REPO"] = empty.path().string();
    RunResult variable = run_ssmd(args, env);
    EXPECT_EQ(variable.exit_code, 3) << shown << "\n" << variable.out << variable.err;
    EXPECT_TRUE(contains(variable.err, "SSMD_REPO=" + empty.path().string() + ": not an ssmd repository")) << shown << variable.err;
  }
  // Nothing was created in the folder (no .ssmd/, no lock).
  EXPECT_TRUE(fs::is_empty(empty.path()));
  // A folder that does not exist is refused the same way.
  RunResult missing = run_ssmd({"--repo", (empty.path() / "nope").string(), "feed", "list"}, clean(cwd.path()));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(contains(missing.err, "no such directory")) << missing.err;
}

TEST(RepoOption, InitCreatesTheRepositoryTheFlagNames) {
  TempDir empty, cwd;
  RunResult init = run_ssmd({"--repo", empty.path().string(), "init", "--no-ci"}, clean(cwd.path()));
  EXPECT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(fs::is_directory(empty.path() / "exchanges/feeds"));
  EXPECT_TRUE(fs::is_empty(cwd.path())); // not the working directory
  RunResult list = run_ssmd({"--repo", empty.path().string(), "feed", "list"}, clean(cwd.path()));
  EXPECT_EQ(list.exit_code, 0) << list.err;
  // Flags that are not commands still answer.
  EXPECT_EQ(run_ssmd({"--repo", cwd.path().string(), "--version"}, clean(cwd.path())).exit_code, 0);
}
