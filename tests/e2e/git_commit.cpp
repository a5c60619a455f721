// `ssmd commit` against real repositories, every result checked with the git CLI.
#include "git_fixture.hpp"

#include <cstdlib>
#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {
bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

// A repository with one committed feed and environment, and a README outside the metadata.
struct SeededRepo : GitRepo {
  explicit SeededRepo(bool with_identity = true) : GitRepo(with_identity) {
    write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}));
    write("exchanges/environments/kalshi-dev.yaml", env_yaml("kalshi-dev", "kalshi", "trade:v1"));
    for (const auto &[path, content] : trade_schema_files()) write(path, content);
    write("README.md", "readme\n");
    write("notes.txt", "notes\n");
    commit_all("seed");
  }
};
} // namespace

TEST(GitCommit, CommitsExactlyTheMetadataAndLeavesOtherChangesAlone) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2", "v3"}));
  repo.write("exchanges/feeds/polymarket.yaml", feed_yaml("polymarket", {"v1"})); // untracked
  repo.write("exchanges/environments/kalshi-dev.yaml", env_yaml("kalshi-dev", "kalshi", "trade:v2"));
  repo.git_ok("add exchanges/environments/kalshi-dev.yaml"); // staged metadata
  repo.write("README.md", "readme, edited\n");                // modified, not staged
  repo.write("notes.txt", "notes, staged\n");
  repo.git_ok("add notes.txt");                               // staged non-metadata
  repo.write("scratch.txt", "untracked\n");                   // untracked non-metadata

  auto r = repo.ssmd({"commit", "-m", "Add kalshi v3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "feed kalshi: + version v3 (effective 2026-01-01)")) << r.out;
  EXPECT_TRUE(contains(r.out, "feed polymarket: created")) << r.out;
  EXPECT_TRUE(contains(r.out, "environment kalshi-dev: schema trade:v1 → trade:v2")) << r.out;
  std::string head = repo.git_ok("rev-parse --short HEAD");
  EXPECT_TRUE(contains(r.out, "[main " + head.substr(0, head.size() - 1) + "] Add kalshi v3")) << r.out;

  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"),
            "exchanges/environments/kalshi-dev.yaml\nexchanges/feeds/kalshi.yaml\nexchanges/feeds/polymarket.yaml\n");
  EXPECT_EQ(repo.git_ok("log -1 --format='%s/%an <%ae>/%cn <%ce>'"),
            "Add kalshi v3/Jane Doe <jane@example.com>/Jane Doe <jane@example.com>\n");
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "2\n");
  EXPECT_EQ(repo.git_ok("show HEAD:exchanges/feeds/kalshi.yaml"), repo.read("exchanges/feeds/kalshi.yaml"));
  // The metadata is clean; everything else is exactly as the user left it.
  EXPECT_EQ(repo.git_ok("status --porcelain"), " M README.md\nM  notes.txt\n?? scratch.txt\n");
  EXPECT_EQ(repo.git_ok("diff --cached"), repo.git_ok("diff --cached -- notes.txt"));
  EXPECT_EQ(repo.read("README.md"), "readme, edited\n");
}

TEST(GitCommit, DeletionIsCommittedAndIndexFollows) {
  SeededRepo repo;
  repo.remove("exchanges/environments/kalshi-dev.yaml");
  auto r = repo.ssmd({"commit", "-m", "Retire kalshi-dev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "environment kalshi-dev: deleted")) << r.out;
  EXPECT_EQ(repo.git_ok("show --name-status --format= HEAD"), "D\texchanges/environments/kalshi-dev.yaml\n");
  EXPECT_EQ(repo.git_ok("status --porcelain"), "");
}

TEST(GitCommit, InvalidYamlIsRefusedAndNothingMoves) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2", "v3"}));
  repo.write("exchanges/feeds/broken.yaml", "name: broken\nversions: [\n");
  repo.git_ok("add exchanges/feeds/kalshi.yaml");
  repo.write("README.md", "edited\n");
  std::string status = repo.git_ok("status --porcelain");
  std::string index = repo.read(".git/index");
  std::string head = repo.git_ok("rev-parse HEAD");

  auto r = repo.ssmd({"commit", "-m", "broken"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "exchanges/feeds/broken.yaml:3:1: error:")) << r.err;
  EXPECT_TRUE(contains(r.err, "commit refused: 1 error")) << r.err;
  EXPECT_EQ(repo.git_ok("status --porcelain"), status);
  EXPECT_EQ(repo.read(".git/index"), index);
  EXPECT_EQ(repo.git_ok("rev-parse HEAD"), head);

  // Fixed, the same commit goes through.
  repo.remove("exchanges/feeds/broken.yaml");
  EXPECT_EQ(repo.ssmd({"commit", "-m", "fixed"}).exit_code, 0);
}

TEST(GitCommit, EmptyRepositoryGetsItsFirstCommit) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.write("other.txt", "not metadata\n");
  auto r = repo.ssmd({"commit", "-m", "First"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "[main ")) << r.out;
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "1\n");
  EXPECT_EQ(repo.git_ok("log --format=%P -1"), "\n"); // a root commit
  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"), "exchanges/feeds/kalshi.yaml\n");
  EXPECT_EQ(repo.git_ok("status --porcelain"), "?? other.txt\n");
  EXPECT_EQ(repo.git_ok("reflog -1 --format=%gs"), "commit (initial): First\n");
}

TEST(GitCommit, WorksFromASubdirectory) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v2"}));
  auto r = repo.ssmd({"commit", "-m", "Drop v1"}, repo.root() / "exchanges" / "feeds");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "feed kalshi: - version v1")) << r.out;
  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"), "exchanges/feeds/kalshi.yaml\n");
  EXPECT_EQ(repo.git_ok("status --porcelain"), "");
}

TEST(GitCommit, WorksInALinkedWorktree) {
  SeededRepo repo;
  repo.git_ok("worktree add -q -b feature ../wt");
  std::filesystem::path wt = repo.base() / "wt";
  write_file(wt / "exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}, "-new"));
  std::string main_head = repo.git_ok("rev-parse main");

  auto r = repo.ssmd({"commit", "-m", "New endpoints"}, wt / "exchanges");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "[feature ")) << r.out;
  EXPECT_TRUE(contains(r.out, "feed kalshi: v1 endpoint changed")) << r.out;
  EXPECT_EQ(repo.git_ok("log --format=%s -1 feature"), "New endpoints\n");
  EXPECT_EQ(repo.git_ok("rev-parse main"), main_head);
  EXPECT_EQ(repo.git_ok("status --porcelain", wt), "");
  EXPECT_EQ(repo.git_ok("status --porcelain"), ""); // the main worktree's index was not touched
}

TEST(GitCommit, DetachedHeadIsRefused) {
  SeededRepo repo;
  repo.git_ok("checkout -q --detach");
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v3"}));
  std::string status = repo.git_ok("status --porcelain");
  auto r = repo.ssmd({"commit", "-m", "x"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(contains(r.err, "HEAD is detached")) << r.err;
  EXPECT_EQ(repo.git_ok("status --porcelain"), status);
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "1\n");
}

TEST(GitCommit, MergeInProgressIsRefused) {
  SeededRepo repo;
  repo.git_ok("checkout -q -b other");
  repo.write("README.md", "theirs\n");
  repo.commit_all("theirs");
  repo.git_ok("checkout -q main");
  repo.write("README.md", "ours\n");
  repo.commit_all("ours");
  EXPECT_NE(repo.git("merge -q other").exit_code, 0); // conflicts in README.md
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v3"}));
  auto r = repo.ssmd({"commit", "-m", "x"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(contains(r.err, "a merge is in progress")) << r.err;
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "2\n");
}

TEST(GitCommit, MissingIdentityNamesTheSettings) {
  SeededRepo seeded; // identity only to create the seed commit
  seeded.git_ok("config --unset user.name");
  seeded.git_ok("config --unset user.email");
  seeded.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v3"}));
  auto r = seeded.ssmd({"commit", "-m", "x"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(contains(r.err, "user.name")) << r.err;
  EXPECT_TRUE(contains(r.err, "user.email")) << r.err;
  EXPECT_EQ(seeded.git_ok("rev-list --count HEAD"), "1\n");

  // The environment variables git honours are an identity too.
  RunOptions o = seeded.options();
  o.env["GIT_AUTHOR_NAME"] = o.env["GIT_COMMITTER_NAME"] = "Ci Bot";
  o.env["GIT_AUTHOR_EMAIL"] = o.env["GIT_COMMITTER_EMAIL"] = "ci@example.com";
  auto ok = run_ssmd({"commit", "-m", "from ci"}, o);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(seeded.git_ok("log -1 --format=%an/%ae/%cn"), "Ci Bot/ci@example.com/Ci Bot\n");
}

TEST(GitCommit, NothingToCommit) {
  SeededRepo repo;
  auto r = repo.ssmd({"commit", "-m", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "nothing to commit")) << r.err;
  // Changes outside the metadata do not count.
  repo.write("README.md", "edited\n");
  repo.git_ok("add README.md");
  EXPECT_EQ(repo.ssmd({"commit", "-m", "x"}).exit_code, 1);
  // A metadata change staged and then undone in the working tree is no change either.
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v3"}));
  repo.git_ok("add exchanges");
  repo.write("exchanges/feeds/kalshi.yaml", repo.git_ok("show HEAD:exchanges/feeds/kalshi.yaml"));
  EXPECT_EQ(repo.ssmd({"commit", "-m", "x"}).exit_code, 1);
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "1\n");
}

TEST(GitCommit, IgnoredMetadataFilesStayOut) {
  SeededRepo repo;
  repo.write(".gitignore", "*.tmp\n");
  repo.commit_all("ignore");
  repo.write("exchanges/feeds/scratch.tmp", "junk\n");
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v2"}));
  ASSERT_EQ(repo.ssmd({"commit", "-m", "x"}).exit_code, 0);
  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"), "exchanges/feeds/kalshi.yaml\n");
}

TEST(GitCommit, UsageErrors) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v3"}));
  EXPECT_EQ(repo.ssmd({"commit"}).exit_code, 2);
  EXPECT_EQ(repo.ssmd({"commit", "-m", "  \n"}).exit_code, 2);
  EXPECT_EQ(repo.git_ok("rev-list --count HEAD"), "1\n");
}

TEST(GitCommit, JsonOutput) {
  SeededRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  auto r = repo.ssmd({"commit", "-m", "Drop v2", "--output", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string id = repo.git_ok("rev-parse HEAD");
  EXPECT_TRUE(contains(r.out, "\"commit\": \"" + id.substr(0, id.size() - 1) + "\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"files\": [\n    \"exchanges/feeds/kalshi.yaml\"\n  ]")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"feed kalshi: - version v2\"")) << r.out;
}

// Git trusts an index entry whose stat data matches, unless the entry is "racily clean": modified in the
// second the index was written (git compares whole seconds). libgit2 compares nanoseconds, so an entry a
// few milliseconds older than the index is not racy to it, and rewriting the index would hide an edit made
// in that second. Here the race is made certain: the file is edited to the same size, its mtime put back
// to the recorded one, ctime ignored (core.trustctime false), and the index file's time set to the end of
// the same second. Git sees the edit before ssmd commits; it must still see it after.
TEST(GitCommit, AnUnrelatedEditInTheIndexsOwnSecondStaysVisibleToGit) {
  GitRepo repo;
  repo.git_ok("config core.trustctime false");
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.write("notes.txt", "draft one\n");
  repo.commit_all("initial");
  std::string debug = repo.git_ok("ls-files --debug notes.txt");
  size_t at = debug.find("mtime: ");
  ASSERT_NE(at, std::string::npos) << debug;
  std::string mtime = debug.substr(at + 7, debug.find('\n', at) - at - 7); // "sec:nsec"
  const std::string second = mtime.substr(0, mtime.find(':'));
  std::string nanoseconds = mtime.substr(mtime.find(':') + 1);
  nanoseconds.insert(0, 9 - nanoseconds.size(), '0');
  ASSERT_LT(nanoseconds, "999999999");
  const std::string stamp = "@" + second + "." + nanoseconds, index_stamp = "@" + second + ".999999999";
  repo.write("notes.txt", "draft two\n"); // same size
  ASSERT_EQ(std::system(("touch -d " + stamp + " " + (repo.root() / "notes.txt").string() + " && touch -d " +
                         index_stamp + " " + (repo.root() / ".git/index").string()).c_str()), 0);
  // Git itself sees it (without rewriting the index, which would smudge the entry itself).
  ASSERT_EQ(repo.git_ok("--no-optional-locks status --porcelain"), " M notes.txt\n");
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}));

  auto r = repo.ssmd({"commit", "-m", "v2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"), "exchanges/feeds/kalshi.yaml\n");
  EXPECT_EQ(repo.git_ok("status --porcelain"), " M notes.txt\n");
  EXPECT_EQ(repo.git_ok("diff --stat"), " notes.txt | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n");
}

TEST(GitCommit, SsmdRootInASubdirectoryOfTheWorkTree) {
  GitRepo repo;
  repo.write("meta/exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.write("exchanges/feeds/decoy.yaml", feed_yaml("decoy", {"v1"}));
  repo.commit_all("monorepo");
  repo.write("meta/exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}));
  repo.write("meta/ssmd-plugins.lock", "lock\n");
  repo.write("exchanges/feeds/decoy.yaml", feed_yaml("decoy", {"v2"})); // another tree's metadata
  auto diff = repo.ssmd({"diff", "--stat"}, repo.root() / "meta");
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_FALSE(contains(diff.out, "decoy")) << diff.out;
  EXPECT_TRUE(contains(diff.out, " meta/exchanges/feeds/kalshi.yaml | 9 +++++++++\n")) << diff.out;

  auto r = repo.ssmd({"commit", "-m", "meta only"}, repo.root() / "meta");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "feed kalshi: + version v2 (effective 2025-01-01)")) << r.out;
  EXPECT_TRUE(contains(r.out, "ssmd-plugins.lock: added")) << r.out;
  EXPECT_EQ(repo.git_ok("show --name-only --format= HEAD"), "meta/exchanges/feeds/kalshi.yaml\nmeta/ssmd-plugins.lock\n");
  EXPECT_EQ(repo.git_ok("status --porcelain"), " M exchanges/feeds/decoy.yaml\n");
  auto log = repo.ssmd({"log", "feed", "kalshi"}, repo.root() / "meta");
  EXPECT_EQ(log.exit_code, 0) << log.err;
  EXPECT_TRUE(contains(log.out, "meta only\n    feed kalshi: + version v2")) << log.out;
}
