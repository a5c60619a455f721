// `ssmd log` against real repositories, compared with `git log -- <path>`.
#include "git_fixture.hpp"

#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

using namespace ssmd::test;

namespace {
bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

// The short ids `ssmd log` printed, one per commit line (commit lines do not start with a space).
std::string ids_of(const std::string &out) {
  std::string ids;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t end = out.find('\n', pos);
    std::string line = out.substr(pos, end - pos);
    if (!line.empty() && line[0] != ' ') ids += line.substr(0, line.find(' ')) + "\n";
    pos = end + 1;
  }
  return ids;
}

// Five commits: kalshi created, polymarket created, kalshi v3, env created, a README-only commit, and a
// schema with its definition file.
struct HistoryRepo : GitRepo {
  HistoryRepo() {
    write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2"}));
    commit_all("kalshi");
    write("exchanges/feeds/polymarket.yaml", feed_yaml("polymarket", {"v1"}));
    commit_all("polymarket");
    write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1", "v2", "v3"}));
    commit_all("kalshi v3");
    write("exchanges/environments/kalshi-dev.yaml", env_yaml("kalshi-dev", "kalshi", "trade:v1"));
    commit_all("env");
    write("README.md", "docs\n");
    commit_all("docs only");
    write("exchanges/schemas/trade.yaml",
          "name: trade\nformat: x\nversions:\n  - version: v1\n    status: draft\n    file: trade.v1.x\n");
    write("exchanges/schemas/trade.v1.x", "v1\n");
    commit_all("trade schema");
    write("exchanges/schemas/trade.v1.x", "v1 edited\n");
    write("exchanges/schemas/trade.yaml",
          "name: trade\nformat: x\nversions:\n  - version: v1\n    status: active\n    file: trade.v1.x\n");
    commit_all("trade v1 active");
    write("exchanges/environments/kalshi-dev.yaml", env_yaml("kalshi-dev", "kalshi", "trade:v2"));
    commit_all("env on v2");
  }
};
} // namespace

TEST(GitLog, FeedHistoryMatchesGitLog) {
  HistoryRepo repo;
  auto r = repo.ssmd({"log", "feed", "kalshi"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ids_of(r.out), repo.git_ok("log --format=%h -- exchanges/feeds/kalshi.yaml"));
  EXPECT_TRUE(contains(r.out, "  Jane Doe  kalshi v3\n    feed kalshi: + version v3 (effective 2026-01-01)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  Jane Doe  kalshi\n    feed kalshi: created\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "polymarket")) << r.out;
  std::string date = repo.git_ok("log -1 --date=short --format=%ad");
  EXPECT_TRUE(contains(r.out, "  " + date.substr(0, 10) + "  ")) << r.out;
}

TEST(GitLog, EnvironmentAndSchemaHistories) {
  HistoryRepo repo;
  auto env = repo.ssmd({"log", "env", "kalshi-dev"});
  ASSERT_EQ(env.exit_code, 0) << env.err;
  EXPECT_EQ(ids_of(env.out), repo.git_ok("log --format=%h -- exchanges/environments/kalshi-dev.yaml"));
  EXPECT_TRUE(contains(env.out, "environment kalshi-dev: schema trade:v1 → trade:v2")) << env.out;

  auto schema = repo.ssmd({"log", "schema", "trade"});
  ASSERT_EQ(schema.exit_code, 0) << schema.err;
  EXPECT_EQ(ids_of(schema.out), repo.git_ok("log --format=%h -- exchanges/schemas"));
  EXPECT_TRUE(contains(schema.out, "schema trade: v1 draft → active\n    schema file trade.v1.x: modified\n") ||
              contains(schema.out, "schema file trade.v1.x: modified\n    schema trade: v1 draft → active\n"))
      << schema.out;
}

TEST(GitLog, AllMetadataSkipsOtherCommits) {
  HistoryRepo repo;
  auto r = repo.ssmd({"log"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ids_of(r.out), repo.git_ok("log --format=%h -- exchanges ssmd-plugins.lock"));
  EXPECT_FALSE(contains(r.out, "docs only")) << r.out;
}

TEST(GitLog, LimitAndJson) {
  HistoryRepo repo;
  auto one = repo.ssmd({"log", "feed", "kalshi", "-n", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(ids_of(one.out), repo.git_ok("log -1 --format=%h -- exchanges/feeds/kalshi.yaml"));

  auto json = repo.ssmd({"log", "feed", "kalshi", "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::string newest = repo.git_ok("log -1 --format=%H -- exchanges/feeds/kalshi.yaml");
  EXPECT_TRUE(contains(json.out, "\"id\": \"" + newest.substr(0, 40) + "\"")) << json.out;
  EXPECT_TRUE(contains(json.out, "\"subject\": \"kalshi v3\",\n      \"changes\": [\n"
                                 "        \"feed kalshi: + version v3 (effective 2026-01-01)\"\n      ]"))
      << json.out;
  EXPECT_TRUE(contains(json.out, "\"email\": \"jane@example.com\"")) << json.out;
}

// Commits feed kalshi with `author`, `committer` ("Name <email>") and `subject` written into the commit object
// as they are: git's porcelain re-encodes a name that is not UTF-8, as an old tool or another git would not.
namespace {
void commit_by_hand(const GitRepo &repo, const std::string &author, const std::string &committer,
                    const std::string &subject) {
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.git_ok("add -A");
  const std::string tree = repo.git_ok("write-tree").substr(0, 40);
  repo.write("commit.txt", "tree " + tree + "\nauthor " + author + " 1700000000 +0000\ncommitter " + committer +
                               " 1700000000 +0000\n\n" + subject + "\n");
  const std::string commit = repo.git_ok("hash-object -t commit -w commit.txt").substr(0, 40);
  repo.remove("commit.txt");
  repo.git_ok("update-ref refs/heads/main " + commit);
}
} // namespace

// Git stores an identity and a subject as the bytes it was given: a Latin-1 name is not UTF-8. The JSON
// output stays valid (such bytes become U+FFFD), as an independent strict parser proves.
TEST(GitLog, JsonStaysValidForAnIdentityThatIsNotUtf8) {
  GitRepo repo;
  // Latin-1 bytes in the author, the committer and the subject.
  commit_by_hand(repo, "Jos\xe9 M\xfcller <jose@example.com>", "Jos\xe9 M\xfcller <jose@example.com>", "caf\xe9 feed");
  ASSERT_TRUE(contains(repo.git_ok("cat-file commit HEAD"), "author Jos\xe9 M\xfcller <")) << "the Latin-1 bytes";

  auto json = repo.ssmd({"log", "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  ssmd::strict_json::Json doc;
  auto error = ssmd::strict_json::parse(json.out, doc);
  ASSERT_FALSE(error) << json.out;
  EXPECT_TRUE(contains(json.out, "\"author\": \"Jos\\ufffd M\\ufffdller\"")) << json.out;
  EXPECT_TRUE(contains(json.out, "\"subject\": \"caf\\ufffd feed\"")) << json.out;
}

// A cloned repository's commits are written by strangers: an escape sequence or a line break in an author or
// a subject is printed escaped, so it can neither rewrite the terminal nor forge a commit line.
TEST(GitLog, TextOutputEscapesWhatACommitCarries) {
  GitRepo repo;
  commit_by_hand(repo, "Mallory\x1b]0;pwned\x07 <m@example.com>", "Mallory <m@example.com>",
                 "fine\x1b[2J\rdeadbee  forged");

  auto log = repo.ssmd({"log"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_EQ(log.out.find('\x1b'), std::string::npos) << log.out;
  EXPECT_EQ(log.out.find('\r'), std::string::npos) << log.out;
  EXPECT_EQ(log.out.find('\x07'), std::string::npos) << log.out;
  EXPECT_TRUE(contains(log.out, "Mallory\\x1b]0;pwned  ")) << log.out; // libgit2 drops the trailing BEL
  EXPECT_TRUE(contains(log.out, "fine\\x1b[2J\\rdeadbee  forged")) << log.out;
}

TEST(GitLog, UnknownDefinitionAndUsageErrors) {
  HistoryRepo repo;
  auto missing = repo.ssmd({"log", "feed", "kalshy"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "exchanges/feeds/kalshy.yaml")) << missing.err;
  EXPECT_EQ(repo.ssmd({"log", "venue", "kalshi"}).exit_code, 2);
  EXPECT_EQ(repo.ssmd({"log", "feed"}).exit_code, 2);
  EXPECT_EQ(repo.ssmd({"log", "feed", "Bad/Name"}).exit_code, 2);
  EXPECT_EQ(repo.ssmd({"log", "-n", "0"}).exit_code, 2);
}

TEST(GitLog, EmptyRepository) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  auto r = repo.ssmd({"log"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no commit changed metadata\n");
}

TEST(GitLog, FromALinkedWorktreeFollowsItsBranch) {
  HistoryRepo repo;
  repo.git_ok("worktree add -q -b feature ../wt");
  std::filesystem::path wt = repo.base() / "wt";
  write_file(wt / "exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v2", "v3"}));
  repo.git_ok("commit -q -am 'drop v1'", wt);
  auto r = repo.ssmd({"log", "feed", "kalshi", "-n", "1"}, wt);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "drop v1\n    feed kalshi: - version v1\n")) << r.out;
  auto main = repo.ssmd({"log", "feed", "kalshi", "-n", "1"});
  EXPECT_TRUE(contains(main.out, "kalshi v3")) << main.out;
}

// The walk reads no further than it must: with the first commit's object gone, `-n 2` still lists the two
// newest commits, while the whole log stops with an error naming the missing commit rather than printing
// a shorter history as if it were all.
TEST(GitLog, StopsEarlyWithNAndNamesAMissingCommit) {
  HistoryRepo repo;
  std::string first = repo.git_ok("rev-list --max-parents=0 HEAD");
  first.pop_back();
  // `git commit` leaves objects loose, one file each.
  ASSERT_TRUE(std::filesystem::remove(repo.root() / ".git/objects" / first.substr(0, 2) / first.substr(2)));

  auto two = repo.ssmd({"log", "-n", "2"});
  EXPECT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(ids_of(two.out), repo.git_ok("log -n 2 --format=%h -- exchanges ssmd.yaml ssmd-plugins.lock"));

  auto all = repo.ssmd({"log"});
  EXPECT_EQ(all.exit_code, 3) << all.out;
  EXPECT_TRUE(contains(all.err, "cannot read commit " + first)) << all.err;
  EXPECT_EQ(all.out, "");
}
