// `ssmd diff` against real repositories, compared with what the git CLI reports.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {
bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

struct SeededRepo : GitRepo {
  SeededRepo() {
    write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}));
    write("README.md", "readme\n");
    commit_all("seed");
  }
};
} // namespace

TEST(GitDiff, NoChanges) {
  SeededRepo repo;
  repo.write("README.md", "not metadata\n");
  auto r = repo.ssmd({"diff"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no pending metadata changes\n");
}

TEST(GitDiff, SummaryThenUnifiedDiffIncludingUntrackedFiles) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}, "-b"));
  repo.write("exchanges/feeds/polymarket.yaml", feed_yaml("polymarket", {"v1"})); // untracked
  repo.write("README.md", "edited\n");                                            // not metadata
  auto r = repo.ssmd({"diff"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Pending metadata changes (2 files):\n"
                                "  feed kalshi: v1 endpoint changed\n"
                                "  feed kalshi: v2 endpoint changed\n"
                                "  feed polymarket: created\n\n"))
      << r.out;
  // The tracked file's patch is exactly git's.
  std::string git_patch = repo.git_ok("diff HEAD -- exchanges/feeds/kalshi.yaml");
  EXPECT_TRUE(contains(r.out, git_patch)) << r.out << "\n---\n" << git_patch;
  // The untracked file reads as git shows an intent-to-add file.
  EXPECT_TRUE(contains(r.out, "diff --git a/exchanges/feeds/polymarket.yaml b/exchanges/feeds/polymarket.yaml\n"
                              "new file mode 100644\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "+name: polymarket\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "README")) << r.out;
  EXPECT_FALSE(contains(r.out, "\033[")) << "no colour when stdout is not a terminal";
  // Read-only: the index is untouched.
  EXPECT_EQ(repo.git_ok("status --porcelain"), " M README.md\n M exchanges/feeds/kalshi.yaml\n?? exchanges/feeds/polymarket.yaml\n");
}

TEST(GitDiff, StagedAndUnstagedBothCountAgainstHead) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2", "v3"}));
  repo.git_ok("add exchanges");
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v2", "v3"}));
  auto r = repo.ssmd({"diff"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "feed kalshi: + version v3 (effective 2025-01-01)")) << r.out;
  EXPECT_TRUE(contains(r.out, "feed kalshi: - version v1")) << r.out;
  EXPECT_TRUE(contains(r.out, repo.git_ok("diff HEAD -- exchanges"))) << r.out;
}

TEST(GitDiff, StatMatchesGit) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2", "v3"}));
  repo.write("exchanges/feeds/polymarket.yaml", feed_yaml("polymarket", {"v1"}));
  repo.git_ok("add -N exchanges/feeds/polymarket.yaml"); // so `git diff HEAD` shows it too
  auto r = repo.ssmd({"diff", "--stat"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string git_stat = repo.git_ok("diff --stat HEAD -- exchanges");
  EXPECT_TRUE(r.out.ends_with("\n\n" + git_stat)) << r.out << "\n---\n" << git_stat;
  EXPECT_FALSE(contains(r.out, "@@")) << r.out;
}

TEST(GitDiff, JsonOutput) {
  SeededRepo repo;
  repo.remove("exchanges/feeds/kalshi.yaml");
  repo.write("exchanges/schemas/trade.yaml", "name: trade\nformat: x\nversions:\n  - version: v1\n    status: draft\n");
  auto r = repo.ssmd({"diff", "--output", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"file\": \"exchanges/feeds/kalshi.yaml\",\n      \"status\": \"deleted\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"file\": \"exchanges/schemas/trade.yaml\",\n      \"status\": \"added\",\n"
                              "      \"untracked\": true"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "\"summary\": [\n        \"feed kalshi: deleted\"\n      ]")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"schema trade: created\"")) << r.out;
  EXPECT_EQ(repo.ssmd({"diff", "--output", "yaml"}).exit_code, 2);
}

TEST(GitDiff, ColourOnRequest) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  auto r = repo.ssmd({"--color", "always", "diff"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\033[1mdiff --git a/exchanges/feeds/kalshi.yaml")) << r.out;
  EXPECT_TRUE(contains(r.out, "\033[31m-  - version: v2\033[m")) << r.out;
  EXPECT_TRUE(contains(r.out, "\033[36m@@")) << r.out;
}

TEST(GitDiff, EmptyRepositoryShowsEverythingAsAdded) {
  GitRepo repo;
  repo.write("exchanges/environments/dev.yaml", env_yaml("dev", "kalshi", "trade:v1"));
  auto r = repo.ssmd({"diff", "--stat"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "environment dev: created")) << r.out;
  EXPECT_TRUE(contains(r.out, " exchanges/environments/dev.yaml | 3 +++\n 1 file changed, 3 insertions(+)\n")) << r.out;
}

TEST(GitDiff, OutsideAGitRepositoryIsAnEnvironmentError) {
  TempDir dir;
  dir.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  RunOptions o;
  o.cwd = dir.path();
  o.env["GIT_CEILING_DIRECTORIES"] = dir.path().parent_path().string();
  auto r = run_ssmd({"diff"}, o);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(contains(r.err, "not in a git repository")) << r.err;
}

TEST(GitDiff, BareRepositoryIsRefused) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.commit_all("seed");
  repo.git_ok("clone -q --bare . ../bare.git");
  // A bare repository has no work tree, so point ssmd at the bare directory with an exchanges/ inside.
  std::filesystem::create_directories(repo.base() / "bare.git" / "exchanges");
  auto r = repo.ssmd({"--repo", (repo.base() / "bare.git").string(), "diff"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(contains(r.err, "is bare")) << r.err;
}

// Symbolic links are blobs of mode 120000 whose content is the target; git prints that mode in the header,
// and a file that becomes a link is a deletion plus an addition. ssmd's patch is byte for byte git's.
TEST(GitDiff, SymbolicLinksShowMode120000AsGitDoes) {
  SeededRepo repo;
  repo.write("exchanges/feeds/polymarket.yaml", feed_yaml("polymarket", {"v1"}));
  std::filesystem::create_symlink("kalshi.yaml", repo.root() / "exchanges/feeds/linked.yaml");
  std::filesystem::create_symlink("kalshi.yaml", repo.root() / "exchanges/feeds/retarget.yaml");
  // (A target unlike any new link's, so git pairs no rename.)
  std::filesystem::create_symlink("../../README.md", repo.root() / "exchanges/feeds/gone.yaml");
  repo.commit_all("links");

  // A new link, a link pointing elsewhere, a file replaced by a link, a deleted link, and a link out of the
  // repository (its patch is the target's name; the file it names is never read).
  std::filesystem::create_symlink("kalshi.yaml", repo.root() / "exchanges/feeds/alias.yaml");
  std::filesystem::create_symlink("/etc/passwd", repo.root() / "exchanges/feeds/passwd.yaml");
  repo.remove("exchanges/feeds/gone.yaml");
  repo.remove("exchanges/feeds/retarget.yaml");
  std::filesystem::create_symlink("polymarket.yaml", repo.root() / "exchanges/feeds/retarget.yaml");
  repo.remove("exchanges/feeds/polymarket.yaml");
  std::filesystem::create_symlink("kalshi.yaml", repo.root() / "exchanges/feeds/polymarket.yaml");
  repo.git_ok("add -N exchanges/feeds/alias.yaml exchanges/feeds/passwd.yaml"); // so `git diff HEAD` shows them

  auto r = repo.ssmd({"diff"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char *file : {"alias", "retarget", "polymarket", "gone", "passwd"}) {
    std::string git_patch = repo.git_ok(std::string("diff HEAD -- exchanges/feeds/") + file + ".yaml");
    EXPECT_TRUE(contains(git_patch, "120000")) << git_patch;
    EXPECT_TRUE(contains(r.out, git_patch)) << r.out << "\n---\n" << git_patch;
  }
  EXPECT_TRUE(contains(r.out, "new file mode 120000\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "deleted file mode 100644\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "deleted file mode 120000\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "+/etc/passwd\n\\ No newline at end of file\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "root:")) << "the link's target was read\n" << r.out;
  // --stat counts as git counts.
  auto stat = repo.ssmd({"diff", "--stat"});
  ASSERT_EQ(stat.exit_code, 0) << stat.err;
  std::string git_stat = repo.git_ok("diff --stat HEAD -- exchanges");
  EXPECT_TRUE(stat.out.ends_with("\n\n" + git_stat)) << stat.out << "\n---\n" << git_stat;
}

TEST(GitDiff, AnExecutableBitAloneIsNoChange) {
  SeededRepo repo;
  std::filesystem::permissions(repo.root() / "exchanges/feeds/kalshi.yaml", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  auto r = repo.ssmd({"diff"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no pending metadata changes\n");
}
