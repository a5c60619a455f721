// The generated completion scripts, driven by real shells against a temporary repository.
#include "../test-plugins/test_plugins.hpp"
#include "repo_fixture.hpp"
#include "shell_driver.hpp"

#include "core/date.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace ssmd::test;

namespace {

std::vector<std::string> lines(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has(const std::vector<std::string> &list, const std::string &item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

using List = std::vector<std::string>;

class BashCompletion : public ::testing::Test {
protected:
  void SetUp() override {
    write_sample_repo(repo_);
    auto script = run_ssmd({"completion", "bash"});
    ASSERT_EQ(script.exit_code, 0) << script.err;
    script_ = repo_.write("work/ssmd.bash", script.out);
    driver_ = repo_.write("work/driver.sh", k_bash_driver);
  }

  // COMPREPLY for `line`, completed in `cwd`: by default the repository's feeds/ directory (the repository
  // is found by walking up). `spec` receives what `complete -p ssmd` says.
  std::vector<std::string> complete(const std::string &line, std::filesystem::path cwd = {}, std::string *spec = nullptr) {
    RunOptions options;
    options.cwd = cwd.empty() ? repo_.path() / "exchanges" / "feeds" : cwd;
    options.env["PATH"] = path_with_ssmd();
    options.unset_env = {"SSMD_REPO", "SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED"};
    for (const auto &[key, value] : env_) {
      options.env[key] = value;
      std::erase(options.unset_env, key);
    }
    auto r = run_shell("bash " + shell_quote(driver_.string()) + " " + shell_quote(script_.string()) + " " +
                           shell_quote(line),
                       options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (spec) *spec = r.err;
    return lines(r.out);
  }

  TempDir repo_;
  std::filesystem::path script_, driver_;
  std::map<std::string, std::string> env_; // set for the completions that follow
};

} // namespace

TEST_F(BashCompletion, RegistersAFunctionThatFallsBackToFiles) {
  std::string spec;
  complete("ssmd ", {}, &spec);
  EXPECT_NE(spec.find("-F _ssmd"), std::string::npos) << spec;
  EXPECT_NE(spec.find("-o default"), std::string::npos) << spec;
}

TEST_F(BashCompletion, CommandsAndSubcommands) {
  auto first = complete("ssmd ");
  for (const char *word : {"completion", "config", "data", "help", "init"}) EXPECT_TRUE(has(first, word)) << word;
  for (const auto &word : first) EXPECT_FALSE(word.starts_with("__")) << word;
  EXPECT_EQ(complete("ssmd da"), List{"data"});
  EXPECT_EQ(complete("ssmd data "), (List{"gaps", "inventory", "quality"}));
  EXPECT_EQ(complete("ssmd data in"), List{"inventory"});
  EXPECT_EQ(complete("ssmd completion "), (List{"bash", "fish", "zsh"}));
}

TEST_F(BashCompletion, Flags) {
  auto flags = complete("ssmd data inventory --");
  for (const char *flag : {"--feed", "--from", "--to", "--raw", "--output", "--repo", "--color"})
    EXPECT_TRUE(has(flags, flag)) << flag;
  EXPECT_EQ(complete("ssmd data inventory --f"), (List{"--feed", "--from"}));
  EXPECT_EQ(complete("ssmd --col"), List{"--color"});
}

TEST_F(BashCompletion, FeedNamesFromTheRepository) {
  EXPECT_EQ(complete("ssmd data gaps --feed "), (List{"alpha", "beta"}));
  EXPECT_EQ(complete("ssmd data gaps --feed a"), List{"alpha"});
  // The same through --repo on the line, from a directory outside any repository.
  TempDir elsewhere;
  EXPECT_TRUE(complete("ssmd data gaps --feed ", elsewhere.path()).empty());
  auto through_flag = complete("ssmd --repo " + repo_.path().string() + " data gaps --feed b", elsewhere.path());
  EXPECT_EQ(through_flag, List{"beta"});
}

TEST_F(BashCompletion, Dates) {
  auto dates = complete("ssmd data inventory --feed alpha --from ");
  for (const char *date : {"2024-03-15", "2025-01-01", "2025-02-01", "2025-06-01", "2025-07-01"})
    EXPECT_TRUE(has(dates, date)) << date;
  EXPECT_TRUE(has(dates, ssmd::Date::today().str()));
  EXPECT_EQ(complete("ssmd data gaps --date 2025-0"), (List{"2025-01-01", "2025-02-01", "2025-06-01", "2025-07-01"}));
}

// bash splits `--output=j` at '='; the script completes the whole word and hands bash only its tail.
TEST_F(BashCompletion, ValuesAfterEqualsSign) {
  EXPECT_EQ(complete("ssmd data inventory --output=j"), List{"json"});
  EXPECT_EQ(complete("ssmd data gaps --date=2024"), List{"2024-03-15"});
  EXPECT_EQ(complete("ssmd data gaps --feed=be"), List{"beta"});
}

// bash splits `trade:v1` at ':'; the script hands bash only what follows the colon.
TEST_F(BashCompletion, SchemaNamesAndVersions) {
  EXPECT_EQ(complete("ssmd schema show tr"), (List{"trade", "trade:v1", "trade:v2"}));
  EXPECT_EQ(complete("ssmd schema show trade:"), (List{"v1", "v2"}));
  EXPECT_EQ(complete("ssmd schema show trade:v2"), List{"v2"});
  EXPECT_EQ(complete("ssmd schema show "), (List{"orderbook", "trade"}));
  EXPECT_EQ(complete("ssmd schema breaking o"), (List{"orderbook", "orderbook:v1"}));
}

// A flag whose value is NAME:VERSION (its --help says so) offers the pairs alone: a bare name is no answer.
TEST_F(BashCompletion, SchemaVersionFlagOffersPairs) {
  EXPECT_EQ(complete("ssmd env create gamma --schema "), (List{"orderbook:v1", "trade:v1", "trade:v2"}));
  EXPECT_EQ(complete("ssmd env create gamma --schema trade:"), (List{"v1", "v2"}));
  EXPECT_EQ(complete("ssmd env create gamma --feed alpha --schema o"), List{"orderbook:v1"});
}

TEST_F(BashCompletion, EnvironmentNames) {
  EXPECT_EQ(complete("ssmd env show "), (List{"alpha-dev", "alpha-prod"}));
  EXPECT_EQ(complete("ssmd env run alpha-p"), List{"alpha-prod"});
  EXPECT_EQ(complete("ssmd env create gamma --extends alpha-d"), List{"alpha-dev"});
}

// The choices come from the command's --help (`--status active|deprecated|disabled`), not from a list here.
TEST_F(BashCompletion, ChoicesFromTheCommandsHelp) {
  EXPECT_EQ(complete("ssmd feed list --status "), (List{"active", "deprecated", "disabled"}));
  EXPECT_EQ(complete("ssmd feed list --status=d"), (List{"deprecated", "disabled"}));
  EXPECT_EQ(complete("ssmd feed create gamma --status dis"), List{"disabled"});
}

TEST_F(BashCompletion, DatesWhereADateIsExpected) {
  EXPECT_EQ(complete("ssmd feed show alpha --as-of 2025-0"), (List{"2025-01-01", "2025-02-01", "2025-06-01", "2025-07-01"}));
  EXPECT_EQ(complete("ssmd schema show trade --as-of 2024"), List{"2024-03-15"});
}

// Plugin commands and names come from the manifests, read from the files: the plugin is never loaded.
TEST_F(BashCompletion, PluginCommandsFromManifestsWithoutLoading) {
  TempDir plugins;
  copy_test_plugin(plugins.path() / "dir", "marker", "test-marker");
  env_ = {{"SSMD_PLUGIN_PATH", (plugins.path() / "dir").string()},
          {"SSMD_TEST_MARKER_DIR", plugins.path().string()}};
  EXPECT_EQ(complete("ssmd t-"), List{"t-marker"});
  EXPECT_TRUE(has(complete("ssmd "), "t-marker"));
  EXPECT_EQ(complete("ssmd plugin show test-m"), List{"test-marker"});
  EXPECT_FALSE(std::filesystem::exists(plugins.path() / "test-marker.ran")) << "completion loaded the plugin";
  // The positive control: running the command does load it.
  RunOptions run;
  run.cwd = repo_.path();
  run.env = env_;
  ASSERT_EQ(run_ssmd({"t-marker"}, run).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(plugins.path() / "test-marker.ran"));
}

TEST_F(BashCompletion, NothingWhereFilesBelong) {
  EXPECT_TRUE(complete("ssmd --repo ").empty());
  EXPECT_TRUE(complete("ssmd init ").empty());
}

TEST(CompletionCommand, UnknownShellIsAUsageError) {
  auto r = run_ssmd({"completion", "tcsh"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bash, fish, zsh"), std::string::npos) << r.err;
  EXPECT_EQ(run_ssmd({"completion"}).exit_code, 2);
}

TEST(CompletionCommand, BuildInstallsTheScriptsThatTheBinaryPrints) {
  for (auto [shell, file] : {std::pair{"bash", "bash-completion/completions/ssmd"},
                             std::pair{"zsh", "zsh/vendor-completions/_ssmd"},
                             std::pair{"fish", "fish/vendor_completions.d/ssmd.fish"}}) {
    auto printed = run_ssmd({"completion", shell});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    EXPECT_EQ(read_file(build_dir() / "share" / file), printed.out) << shell << ": " << file;
  }
}

TEST(CompletionCommand, HiddenCompleteRejectsABadWordIndex) {
  EXPECT_EQ(run_ssmd({"__complete", "x", "--", "ssmd"}).exit_code, 2);
  EXPECT_EQ(run_ssmd({"__complete", "0", "--", "ssmd"}).exit_code, 2);
  auto ok = run_ssmd({"__complete", "1", "--", "ssmd", "dat"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "data\n");
}

// A shell run in `dir` that finds the ssmd under test and no user configuration.
RunOptions shell_in(const TempDir &dir) {
  RunOptions options;
  options.cwd = dir.path();
  options.env["PATH"] = path_with_ssmd();
  options.env["HOME"] = dir.path().string();
  options.env["XDG_CONFIG_HOME"] = (dir.path() / "config").string();
  options.env["XDG_DATA_HOME"] = (dir.path() / "data").string();
  return options;
}

TEST(ZshCompletion, ScriptPassesZshSyntaxCheck) {
  auto zsh = find_program("zsh");
  if (!zsh) GTEST_SKIP() << "zsh is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  auto script = dir.write("_ssmd", run_ssmd({"completion", "zsh"}).out);
  auto r = run_shell(*zsh + " -n " + shell_quote(script.string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(FishCompletion, ScriptPassesFishSyntaxCheckAndCompletes) {
  auto fish = find_program("fish");
  if (!fish) GTEST_SKIP() << "fish is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  write_sample_repo(dir);
  auto script = dir.write("ssmd.fish", run_ssmd({"completion", "fish"}).out);
  auto check = run_shell(*fish + " -n " + shell_quote(script.string()));
  EXPECT_EQ(check.exit_code, 0) << check.err;
  // `complete -C LINE` asks fish for the completions of LINE, through the function the script registers.
  const RunOptions options = shell_in(dir);
  auto run = [&](const std::string &line) {
    auto r = run_shell(*fish + " --no-config -c " +
                           shell_quote("source " + shell_quote(script.string()) + "; complete -C " + shell_quote(line)),
                       options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> words;
    for (auto &l : lines(r.out)) words.push_back(l.substr(0, l.find('\t')));
    return words;
  };
  EXPECT_EQ(run("ssmd data "), (List{"gaps", "inventory", "quality"}));
  EXPECT_EQ(run("ssmd data gaps --feed "), (List{"alpha", "beta"}));
  EXPECT_TRUE(has(run("ssmd data inventory --f"), "--feed"));
  // fish does not split words at ':', so NAME:VERSION candidates arrive whole.
  EXPECT_EQ(run("ssmd schema show tr"), (List{"trade", "trade:v1", "trade:v2"}));
  EXPECT_EQ(run("ssmd schema show trade:"), (List{"trade:v1", "trade:v2"}));
  EXPECT_EQ(run("ssmd feed list --status "), (List{"active", "deprecated", "disabled"}));
}

// zsh's completion system needs a terminal to drive; the script's function is driven directly instead, with
// compadd (zsh's builtin that offers candidates) replaced by one that prints them.
TEST(ZshCompletion, TheFunctionOffersWhatSsmdCompletes) {
  auto zsh = find_program("zsh");
  if (!zsh) GTEST_SKIP() << "zsh is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  write_sample_repo(dir);
  auto script = dir.write("_ssmd", run_ssmd({"completion", "zsh"}).out);
  const RunOptions options = shell_in(dir);
  // `words` as zsh sets it: the line's words, the one being completed (PREFIX) last.
  auto run = [&](const std::string &words, const std::string &prefix) {
    const std::string program = "compdef() { :; }; compadd() { shift; print -rl -- \"$@\"; }; _files() { print FILES; }; "
                                "source " + shell_quote(script.string()) + "; words=(" + words + " " +
                                shell_quote(prefix) + "); CURRENT=${#words}; PREFIX=" + shell_quote(prefix) + "; _ssmd";
    auto r = run_shell(*zsh + " -f -c " + shell_quote(program), options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return lines(r.out);
  };
  EXPECT_EQ(run("ssmd data", ""), (List{"gaps", "inventory", "quality"}));
  EXPECT_EQ(run("ssmd schema show", "tr"), (List{"trade", "trade:v1", "trade:v2"}));
  EXPECT_EQ(run("ssmd schema show", "trade:"), (List{"trade:v1", "trade:v2"}));
  EXPECT_EQ(run("ssmd feed list --status", ""), (List{"active", "deprecated", "disabled"}));
  EXPECT_EQ(run("ssmd env create gamma --schema", "o"), List{"orderbook:v1"});
  EXPECT_EQ(run("ssmd validate --import-path", ""), List{"FILES"}) << "no candidates: zsh completes files";
}
