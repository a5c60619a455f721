// The order `ssmd log` lists commits in, against libgit2's own revwalk (GIT_SORT_TOPOLOGICAL |
// GIT_SORT_TIME), which it replaces: the same order on random histories full of commits made in the same
// second, merges of two and of three branches, and branches that start from nothing.
#include "git/commit_order.hpp"

#include "../../e2e/git_fixture.hpp"
#include "git/workspace.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace ssmd;
using namespace ssmd::test;

namespace {

std::vector<std::string> revwalk_order(const git::Repository &repo) {
  git_revwalk *raw = nullptr;
  git::check(git::git_revwalk_new(&raw, repo.get()), "revwalk");
  git::RevwalkHandle walk(raw);
  git::check(git::git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), "sorting");
  git::check(git::git_revwalk_push_head(raw), "push");
  std::vector<std::string> ids;
  git_oid id;
  while (git::git_revwalk_next(&id, raw) == 0) ids.push_back(git::hex(id));
  return ids;
}

// A random history written as a `git fast-import` stream: `branches` lines of work that fork, start from
// nothing and merge, with commit times drawn from a handful of seconds so that many are equal.
std::string random_history(std::mt19937 &random, int commits, int branches) {
  std::string out;
  std::vector<int> tips(branches, 0); // the mark each branch is at, 0 before its first commit
  for (int mark = 1; mark <= commits; ++mark) {
    int branch = static_cast<int>(random() % branches);
    std::string when = std::to_string(1700000000 + static_cast<int>(random() % 6) * (1 + mark / 40)) + " +0000";
    out += "commit refs/heads/b" + std::to_string(branch) + "\nmark :" + std::to_string(mark) + "\n";
    out += "committer C <c@example.com> " + when + "\ndata 2\nc\n";
    if (tips[branch]) out += "from :" + std::to_string(tips[branch]) + "\n";
    else if (mark > 1 && random() % 3) out += "from :" + std::to_string(1 + random() % (mark - 1)) + "\n";
    // Merge one or two other branches now and then.
    for (int other = 0, merges = 0; other < branches && merges < 2; ++other)
      if (other != branch && tips[other] && tips[other] != tips[branch] && random() % 5 == 0)
        out += "merge :" + std::to_string(tips[other]) + "\n", ++merges;
    out += "M 100644 inline f\ndata " + std::to_string(std::to_string(mark).size()) + "\n" + std::to_string(mark) + "\n";
    tips[branch] = mark;
  }
  // Everything merged into main at the end, so that HEAD reaches every commit.
  out += "commit refs/heads/main\nmark :" + std::to_string(commits + 1) + "\ncommitter C <c@example.com> 1700000003 +0000\n"
         "data 2\nm\nfrom :" + std::to_string(tips[0] ? tips[0] : commits) + "\n";
  for (int other = 1; other < branches; ++other)
    if (tips[other] && tips[other] != tips[0]) out += "merge :" + std::to_string(tips[other]) + "\n";
  return out + "\n";
}

} // namespace

TEST(GitCommitOrder, SameOrderAsLibgit2sTopologicalTimeWalk) {
  std::mt19937 random(7);
  for (int round = 0; round < 6; ++round) {
    GitRepo repo;
    repo.write("history.fi", random_history(random, 150 + 50 * round, 2 + round % 4));
    repo.git_ok("fast-import --quiet < history.fi");
    repo.remove("history.fi");
    repo.git_ok("checkout -q -f main");
    auto ws = git::Workspace::open(repo.root());
    auto head = ws.repo().head_commit();
    auto ours = git::commits_in_log_order(ws.repo(), *git::git_commit_id(head.get()));
    std::vector<std::string> ids;
    for (const auto &commit : ours) ids.push_back(git::hex(commit.id));
    auto expected = revwalk_order(ws.repo());
    ASSERT_GT(expected.size(), 150u);
    EXPECT_EQ(ids, expected) << "round " << round;
    // Each commit's parents are listed after it, by position.
    for (size_t i = 0; i < ours.size(); ++i)
      for (uint32_t parent : ours[i].parents) EXPECT_GT(parent, i);
  }
}

TEST(GitCommitOrder, NothingWhenACommitIsMissing) {
  GitRepo repo;
  repo.write("f", "1\n");
  repo.commit_all("one");
  repo.write("f", "2\n");
  repo.commit_all("two");
  // The first commit's object goes missing, as at the boundary of a shallow clone. `git commit` leaves
  // objects loose, one file each.
  std::string first = repo.git_ok("rev-parse HEAD~1");
  first.pop_back();
  ASSERT_TRUE(std::filesystem::remove(repo.root() / ".git/objects" / first.substr(0, 2) / first.substr(2)));
  ASSERT_NE(repo.git("cat-file -e " + first).exit_code, 0) << "the commit is still there";
  auto ws = git::Workspace::open(repo.root());
  auto head = ws.repo().head_commit();
  EXPECT_TRUE(git::commits_in_log_order(ws.repo(), *git::git_commit_id(head.get())).empty());
  EXPECT_TRUE(revwalk_order(ws.repo()).empty()) << "libgit2's walk gives nothing either";
}

// Commits whose raw text is less regular than git writes it (no zone, two spaces, a negative time, extra
// headers) are read as libgit2 reads them, so the walk keeps libgit2's times and order.
TEST(GitCommitOrder, IrregularCommitsReadAsLibgit2ReadsThem) {
  GitRepo repo;
  std::string tree = repo.git_ok("mktree < /dev/null");
  tree.pop_back();
  const std::vector<std::string> committers = {
      "committer C <c@example.com> 1700000005 +0000",
      "committer C <c@example.com> 1700000001",
      "committer C <c@example.com>  1700000009 +0100",
      "committer C <c@example.com> 1700000003 +0000\nencoding ISO-8859-1",
      "committer C <c@example.com> -5 +0000",
      "committer C <c@example.com> 1700000002 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n x\n -----END PGP SIGNATURE-----",
  };
  // Each is a root, and a merge of all of them is HEAD: their times alone decide their order.
  auto write_commit = [&](const std::string &text) {
    repo.write("commit.txt", text);
    std::string id = repo.git_ok("hash-object -t commit -w --literally commit.txt");
    id.pop_back();
    return id;
  };
  std::string merge = "tree " + tree + "\n";
  for (size_t i = 0; i < committers.size(); ++i)
    merge += "parent " + write_commit("tree " + tree + "\nauthor A <a@example.com> 1700000000 +0000\n" + committers[i] +
                                      "\n\ncommit " + std::to_string(i) + "\n") + "\n";
  merge += "author A <a@example.com> 1700000010 +0000\ncommitter C <c@example.com> 1700000010 +0000\n\nmerge\n";
  repo.git_ok("update-ref refs/heads/main " + write_commit(merge));
  repo.remove("commit.txt");
  auto ws = git::Workspace::open(repo.root());
  auto head = ws.repo().head_commit();
  auto ours = git::commits_in_log_order(ws.repo(), *git::git_commit_id(head.get()));
  std::vector<std::string> ids;
  for (const auto &commit : ours) {
    ids.push_back(git::hex(commit.id));
    git_commit *raw = nullptr;
    git::check(git::git_commit_lookup(&raw, ws.repo().get(), &commit.id), "lookup");
    git::CommitHandle parsed(raw);
    EXPECT_EQ(commit.time, static_cast<int64_t>(git::git_commit_time(raw))) << ids.back();
    EXPECT_EQ(git::hex(commit.tree), git::hex(*git::git_commit_tree_id(raw)));
    EXPECT_EQ(commit.parents.size(), git::git_commit_parentcount(raw));
  }
  EXPECT_EQ(ids.size(), committers.size() + 1);
  EXPECT_EQ(ids, revwalk_order(ws.repo()));
}
