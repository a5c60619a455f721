// The walk `ssmd log` makes, against git's: the same commits in the same order as `git rev-list HEAD` on
// random histories full of commits made in the same second and commits older than their parents, with
// merges of two and three branches and branches that start from nothing; a shallow clone's boundary; a
// missing commit; commits whose raw text is less regular than git writes it.
#include "git/log_walk.hpp"

#include "../../e2e/git_fixture.hpp"
#include "core/errors.hpp"
#include "git/workspace.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

using namespace ssmd;
using namespace ssmd::test;

namespace {

// Every commit the walk reaches when it follows every parent, in its order.
std::vector<std::string> walk_all(const git::Repository &repo) {
  auto head = repo.head_commit();
  git::LogWalk walk(repo, *git::git_commit_id(head.get()));
  std::vector<std::string> ids;
  while (const git::WalkedCommit *commit = walk.next()) {
    ids.push_back(git::hex(commit->id));
    for (const git_oid &parent : commit->parents) walk.follow(parent);
  }
  return ids;
}

std::vector<std::string> lines(const std::string &text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A random history written as a `git fast-import` stream: `branches` lines of work that fork, start from
// nothing and merge, with commit times drawn from a handful of seconds so that many are equal.
std::string random_history(std::mt19937 &random, int commits, int branches) {
  std::string out;
  std::vector<int> tips(branches, 0); // the mark each branch is at, 0 before its first commit
  for (int mark = 1; mark <= commits; ++mark) {
    int branch = static_cast<int>(random() % branches);
    // Mostly later than the last commit, sometimes earlier (a clock that was wrong), often the same second.
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

TEST(GitLogWalk, SameOrderAsGitRevList) {
  std::mt19937 random(7);
  for (int round = 0; round < 6; ++round) {
    GitRepo repo;
    repo.write("history.fi", random_history(random, 150 + 50 * round, 2 + round % 4));
    repo.git_ok("fast-import --quiet < history.fi");
    repo.remove("history.fi");
    repo.git_ok("checkout -q -f main");
    auto ws = git::Workspace::open(repo.root());
    auto expected = lines(repo.git_ok("rev-list HEAD"));
    ASSERT_GT(expected.size(), 150u);
    EXPECT_EQ(walk_all(ws.repo()), expected) << "round " << round;
  }
}

// `git clone --depth` leaves the boundary's parents out and lists the boundary in `.git/shallow`; git reads
// those commits as roots, and so does the walk.
TEST(GitLogWalk, ShallowCloneEndsAtItsBoundary) {
  GitRepo origin;
  for (int i = 0; i < 6; ++i) {
    origin.write("f", std::to_string(i) + "\n");
    origin.commit_all("c" + std::to_string(i));
  }
  GitRepo clone;
  clone.git_ok("clone -q --depth 3 file://" + origin.root().string() + " shallow");
  const auto root = clone.root() / "shallow";
  auto ws = git::Workspace::open(root);
  auto expected = lines(clone.git_ok("rev-list HEAD", root));
  ASSERT_EQ(expected.size(), 3u);
  EXPECT_EQ(walk_all(ws.repo()), expected);
}

// A commit whose object is gone and is not a shallow boundary: the walk says which, rather than ending early
// as if the history stopped there.
TEST(GitLogWalk, MissingCommitIsAnErrorNamingIt) {
  GitRepo repo;
  repo.write("f", "1\n");
  repo.commit_all("one");
  repo.write("f", "2\n");
  repo.commit_all("two");
  // `git commit` leaves objects loose, one file each.
  std::string first = repo.git_ok("rev-parse HEAD~1");
  first.pop_back();
  ASSERT_TRUE(std::filesystem::remove(repo.root() / ".git/objects" / first.substr(0, 2) / first.substr(2)));
  ASSERT_NE(repo.git("cat-file -e " + first).exit_code, 0) << "the commit is still there";
  auto ws = git::Workspace::open(repo.root());
  auto head = ws.repo().head_commit();
  git::LogWalk walk(ws.repo(), *git::git_commit_id(head.get()));
  const git::WalkedCommit *second = walk.next();
  ASSERT_NE(second, nullptr);
  ASSERT_EQ(second->parents.size(), 1u);
  try {
    walk.follow(second->parents[0]);
    FAIL() << "a missing parent was followed";
  } catch (const EnvironmentError &error) {
    EXPECT_NE(std::string(error.what()).find("cannot read commit " + first), std::string::npos) << error.what();
  }
}

// Commits whose raw text is less regular than git writes it (no zone, two spaces, a negative time, extra
// headers) are read as libgit2 reads them: the same tree, parents and time.
TEST(GitLogWalk, IrregularCommitsReadAsLibgit2ReadsThem) {
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
  // Each is a root, and a merge of all of them is HEAD.
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
  git::LogWalk walk(ws.repo(), *git::git_commit_id(head.get()));
  std::vector<int64_t> times;
  while (const git::WalkedCommit *commit = walk.next()) {
    for (const git_oid &parent : commit->parents) walk.follow(parent);
    git_commit *raw = nullptr;
    git::check(git::git_commit_lookup(&raw, ws.repo().get(), &commit->id), "lookup");
    git::CommitHandle parsed(raw);
    EXPECT_EQ(commit->time, static_cast<int64_t>(git::git_commit_time(raw))) << git::hex(commit->id);
    EXPECT_EQ(git::hex(commit->tree), git::hex(*git::git_commit_tree_id(raw)));
    ASSERT_EQ(commit->parents.size(), git::git_commit_parentcount(raw));
    for (unsigned i = 0; i < commit->parents.size(); ++i)
      EXPECT_EQ(git::hex(commit->parents[i]), git::hex(*git::git_commit_parent_id(raw, i)));
    times.push_back(commit->time);
  }
  EXPECT_EQ(times, (std::vector<int64_t>{1700000010, 1700000009, 1700000005, 1700000003, 1700000002, 1700000001, -5}));
}
