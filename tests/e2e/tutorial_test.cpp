// docs/tutorial.md cannot rot: every command of its ```sh blocks runs here, in order, in one shell, in a
// temporary directory with its own HOME and git identity, and each must exit as the page says (0, or the
// status a trailing `# exit N` comment names).
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

struct Step {
  size_t line = 0;     // 1-based line in docs/tutorial.md where the command starts
  std::string command; // the whole command: continuation lines and here-documents included
  int expected = 0;    // its expected exit status
};

// The commands of the page's ```sh blocks. A command is one line, plus the lines a trailing backslash
// continues, plus the body of a here-document up to its terminator. Blank and comment lines are skipped.
std::vector<Step> parse_steps(const std::string &markdown) {
  const std::regex heredoc(R"(<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?)");
  const std::regex exit_note(R"(#\s*exit\s+([0-9]+)\s*$)");
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::vector<Step> steps;
  bool in_block = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string &line = lines[i];
    if (!in_block) {
      in_block = line == "```sh";
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      in_block = false;
      continue;
    }
    if (line.find_first_not_of(' ') == std::string::npos || line[line.find_first_not_of(' ')] == '#') continue;
    Step step;
    step.line = i + 1;
    step.command = line;
    std::smatch m;
    if (std::regex_search(line, m, exit_note)) step.expected = std::stoi(m[1]);
    while (!step.command.empty() && step.command.back() == '\\' && i + 1 < lines.size())
      step.command += "\n" + lines[++i];
    if (std::regex_search(line, m, heredoc)) {
      const std::string terminator = m[1];
      while (i + 1 < lines.size() && lines[i] != terminator) step.command += "\n" + lines[++i];
    }
    steps.push_back(step);
  }
  return steps;
}

std::string shell_quote(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

} // namespace

TEST(Tutorial, StepsAreParsedWithContinuationsHereDocumentsAndExpectedStatuses) {
  auto steps = parse_steps("text\n```sh\n# a comment\nfoo --a \\\n  --b   # exit 2\n\ncat > f <<'EOF'\nx\n# not a "
                           "step\nEOF\nbar\n```\n```text\nnot run\n```\n");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].command, "foo --a \\\n  --b   # exit 2");
  EXPECT_EQ(steps[0].line, 4u);
  EXPECT_EQ(steps[0].expected, 0) << "the note belongs to the line it ends, not to the continuation";
  EXPECT_EQ(steps[1].command, "cat > f <<'EOF'\nx\n# not a step\nEOF");
  EXPECT_EQ(steps[2].command, "bar");
  EXPECT_EQ(parse_steps("```sh\nssmd validate   # exit 1\n```\n")[0].expected, 1);
}

TEST(Tutorial, EveryCommandRunsAndExitsAsThePageSays) {
  const std::string page = read_file(source_dir() / "docs" / "tutorial.md");
  const std::vector<Step> steps = parse_steps(page);
  // The workflow the page promises; a page that lost one of these would no longer be the tutorial.
  for (const char *needed :
       {"ssmd init", "ssmd feed create", "ssmd schema register", "ssmd schema set-status", "ssmd env create",
        "ssmd env check-keys", "ssmd diff", "ssmd validate", "ssmd commit -m", "ssmd feed show kalshi --as-of",
        "ssmd env show kalshi-dev --as-of", "ssmd feed add-version", "--compatible-with v1", "ssmd schema breaking",
        "ssmd env set-key", "ssmd config show", "ssmd data inventory --feed kalshi --from 2025-12-01 --to 2025-12-14"}) {
    EXPECT_TRUE(std::any_of(steps.begin(), steps.end(),
                            [&](const Step &s) { return s.command.find(needed) != std::string::npos; }))
        << "docs/tutorial.md runs no `" << needed << "`";
  }
  ASSERT_GE(steps.size(), 30u);

  TempDir dir;
  const fs::path home = dir.path() / "home";
  dir.write("home/.gitconfig", "[user]\n\tname = Tutorial Reader\n\temail = reader@example.com\n"
                               "[init]\n\tdefaultBranch = main\n");
  fs::create_directories(dir.path() / "work");

  // One script: each step, then a check of its status that stops at the first surprise and names the line.
  std::string script = "cd " + shell_quote((dir.path() / "work").string()) + "\n";
  for (const auto &step : steps) {
    script += "echo " + shell_quote("--- docs/tutorial.md:" + std::to_string(step.line) + ": " + step.command) + "\n";
    script += step.command + "\n";
    script += "status=$?\nif [ \"$status\" -ne " + std::to_string(step.expected) + " ]; then echo " +
              shell_quote("docs/tutorial.md:" + std::to_string(step.line) + ": expected exit " +
                          std::to_string(step.expected) + ", got ") +
              "\"$status\" >&2; exit 97; fi\n";
  }
  dir.write("tutorial.sh", script);

  RunOptions options;
  options.cwd = dir.path();
  options.env = {{"HOME", home.string()},
                 {"PATH", fs::path(std::getenv("SSMD_BINARY")).parent_path().string() + ":" + std::getenv("PATH")},
                 {"GIT_CONFIG_NOSYSTEM", "1"},
                 {"LC_ALL", "C.UTF-8"}};
  options.unset_env = {"SSMD_REPO",
                       "SSMD_PLUGINS",
                       "SSMD_LOCKED",
                       "SSMD_PLUGIN_PATH",
                       "SSMD_OUTPUT",
                       "SSMD_KALSHI_KEY_ID",
                       "SSMD_KALSHI_PRIVATE_KEY",
                       "GIT_DIR",
                       "GIT_WORK_TREE",
                       "GIT_AUTHOR_NAME",
                       "GIT_AUTHOR_EMAIL",
                       "GIT_COMMITTER_NAME",
                       "GIT_COMMITTER_EMAIL"};
  auto r = run_shell("bash tutorial.sh 2>&1", options);
  ASSERT_EQ(r.exit_code, 0) << r.out;

  // What the page says the failures are about.
  EXPECT_NE(r.out.find("[schema/false-compatibility-claim]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[capnp/removal/field-removed]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[schema/hash-mismatch]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no version of kalshi in force on 2024-12-31"), std::string::npos) << r.out;
  // Writes are checked by the plugins too: the environment without a key gets feed-kalshi's warning, a key
  // source no backend understands is refused, and a host outside Kalshi's domains too.
  EXPECT_NE(r.out.find("warning: the feed signs its requests, and this environment declares no key"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[plugin/missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`evil.example.com` is not a Kalshi host"), std::string::npos) << r.out;
  // The team's settings raise a rule; the data commands need no location flag.
  EXPECT_NE(r.out.find("error: `/trade-api/ws/v3` names a Kalshi API version this plugin does not know"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Feed: kalshi\nDate Range: 2025-12-01 to 2025-12-14\n"), std::string::npos) << r.out;
  // Secret values never reach ssmd's output, even from the steps that check them (the script's own echo of
  // each command is left out).
  std::string printed_by_commands;
  std::istringstream out_lines(r.out);
  for (std::string line; std::getline(out_lines, line);)
    if (line.rfind("--- docs/tutorial.md:", 0) != 0) printed_by_commands += line + "\n";
  EXPECT_EQ(printed_by_commands.find("tutorial-not-a-real-key"), std::string::npos) << r.out;
  // The repository ends clean and committed by the reader's identity.
  const fs::path repo = dir.path() / "work" / "market-data";
  auto log = run_shell("git -C " + shell_quote(repo.string()) + " log --format=%an", options);
  EXPECT_EQ(log.out.substr(0, log.out.find('\n')), "Tutorial Reader") << log.out;
  auto status = run_shell("git -C " + shell_quote(repo.string()) + " status --porcelain -- exchanges", options);
  EXPECT_EQ(status.out, "") << "metadata left uncommitted";
  EXPECT_TRUE(fs::exists(dir.path() / "work" / "feed-acme" / "CMakeLists.txt"));
}
