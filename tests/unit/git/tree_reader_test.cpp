// Reading metadata from the working tree and from commits, and the C view plugins get.
#include "files/tree_reader.hpp"
#include "git/commit_reader.hpp"

#include "../../e2e/git_fixture.hpp"
#include "core/errors.hpp"
#include "git/object_reader.hpp"
#include "git/repository.hpp"

#include <ssmd/plugin.hpp>

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::test;
using Paths = std::vector<std::string>;

namespace {
// Two commits of metadata, then uncommitted edits in the working tree.
struct TwoCommits : GitRepo {
  TwoCommits() {
    write("exchanges/feeds/kalshi.yaml", "name: kalshi\n# first\n");
    write("exchanges/schemas/trade.yaml", "name: trade\n");
    write("exchanges/schemas/nested/deep.x", "deep\n");
    commit_all("first");
    write("exchanges/feeds/kalshi.yaml", "name: kalshi\n# second\n");
    write("exchanges/feeds/polymarket.yaml", "name: polymarket\n");
    commit_all("second");
    write("exchanges/feeds/kalshi.yaml", "name: kalshi\n# uncommitted\n");
    write("exchanges/feeds/draft.yaml", "name: draft\n");
    remove("exchanges/feeds/polymarket.yaml");
  }
};
} // namespace

TEST(GitTreeReader, WorkingTreeListsAndReads) {
  TwoCommits repo;
  auto reader = files::working_tree_reader(repo.root());
  EXPECT_EQ(reader->list_files("exchanges/feeds"), (Paths{"exchanges/feeds/draft.yaml", "exchanges/feeds/kalshi.yaml"}));
  EXPECT_EQ(reader->list_files("exchanges/schemas"), Paths{"exchanges/schemas/trade.yaml"});
  EXPECT_EQ(reader->list_files("exchanges/schemas", true),
            (Paths{"exchanges/schemas/nested/deep.x", "exchanges/schemas/trade.yaml"}));
  EXPECT_TRUE(reader->list_files("exchanges/nowhere").empty());
  EXPECT_EQ(reader->read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# uncommitted\n");
  EXPECT_EQ(reader->read("./exchanges//feeds/kalshi.yaml"), "name: kalshi\n# uncommitted\n");
  EXPECT_EQ(reader->read("exchanges/feeds/polymarket.yaml"), std::nullopt);
  EXPECT_EQ(reader->read("exchanges/feeds"), std::nullopt); // a directory is not a file
  EXPECT_EQ(reader->describe(), "the working tree");
}

TEST(GitTreeReader, CommitReaderSeesTheCommitNotTheWorkingTree) {
  TwoCommits repo;
  auto head = git::commit_reader(repo.root(), "HEAD");
  EXPECT_EQ(head->read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# second\n");
  EXPECT_EQ(head->read("exchanges/feeds/polymarket.yaml"), "name: polymarket\n");
  EXPECT_EQ(head->read("exchanges/feeds/draft.yaml"), std::nullopt);
  EXPECT_EQ(head->list_files("exchanges/feeds"), (Paths{"exchanges/feeds/kalshi.yaml", "exchanges/feeds/polymarket.yaml"}));
  EXPECT_EQ(head->list_files("exchanges", true).size(), 4u);

  auto first = git::commit_reader(repo.root(), "HEAD~1");
  EXPECT_EQ(first->read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# first\n");
  EXPECT_EQ(first->list_files("exchanges/feeds"), Paths{"exchanges/feeds/kalshi.yaml"});
  std::string id = repo.git_ok("rev-parse --short HEAD~1");
  EXPECT_EQ(first->describe(), "commit " + id.substr(0, id.size() - 1) + " (HEAD~1)");
  // Branches, tags and ids name commits too.
  repo.git_ok("tag v1 HEAD~1");
  EXPECT_EQ(git::commit_reader(repo.root(), "v1")->read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# first\n");
  EXPECT_EQ(git::commit_reader(repo.root(), "main")->read("exchanges/feeds/polymarket.yaml"), "name: polymarket\n");
  // The working tree is untouched by all this.
  EXPECT_EQ(repo.read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# uncommitted\n");
}

TEST(GitTreeReader, UnknownRefIsADomainError) {
  TwoCommits repo;
  EXPECT_THROW(git::commit_reader(repo.root(), "no-such-branch"), DomainError);
  EXPECT_THROW(git::commit_reader(repo.root(), "HEAD~9"), DomainError);
  try {
    git::commit_reader(repo.root(), "nope");
  } catch (const DomainError &e) {
    EXPECT_NE(std::string(e.what()).find("unknown revision 'nope'"), std::string::npos) << e.what();
  }
  EXPECT_NE(git::open_tree_reader(repo.root(), std::nullopt)->describe().find("working tree"), std::string::npos);
}

TEST(GitTreeReader, PathsMayNotLeaveTheRoot) {
  TwoCommits repo;
  repo.write("../outside.yaml", "secret\n");
  std::filesystem::create_symlink(repo.base() / "outside.yaml", repo.root() / "exchanges/feeds/link.yaml");
  for (const auto &reader : {files::working_tree_reader(repo.root()), git::commit_reader(repo.root(), "HEAD")}) {
    EXPECT_EQ(reader->read("../outside.yaml"), std::nullopt) << reader->describe();
    EXPECT_EQ(reader->read("exchanges/../../outside.yaml"), std::nullopt) << reader->describe();
    EXPECT_EQ(reader->read((repo.base() / "outside.yaml").string()), std::nullopt) << reader->describe();
    EXPECT_EQ(reader->read("exchanges/feeds/link.yaml"), std::nullopt) << reader->describe();
    EXPECT_TRUE(reader->list_files("..").empty()) << reader->describe();
  }
  EXPECT_EQ(files::normalize_relative_path("a/./b//c/"), "a/b/c");
  EXPECT_EQ(files::normalize_relative_path("a/../b"), std::nullopt);
  EXPECT_EQ(files::normalize_relative_path(std::string_view("a\0b", 3)), std::nullopt);
}

// The commit reader reads each folder's tree once and looks files up in it: every file of a folder too
// big for git's object cache still reads as `git show` prints it, a name in two folders is two files,
// and what is not a file in a folder is no file.
TEST(GitTreeReader, CommitReaderReadsEveryFileOfALargeFolderAndOnlyFiles) {
  GitRepo repo;
  for (int i = 0; i < 300; ++i) repo.write("exchanges/feeds/f" + std::to_string(i) + ".yaml", "name: f" + std::to_string(i) + "\n");
  repo.write("exchanges/schemas/f0.yaml", "name: schema f0\n");
  repo.write("exchanges/schemas/sub/x", "x\n");
  std::filesystem::create_symlink("f1.yaml", repo.root() / "exchanges/feeds/link.yaml");
  repo.commit_all("many feeds");
  repo.write("exchanges/feeds/f7.yaml", "name: uncommitted\n");
  auto reader = git::commit_reader(repo.root(), "HEAD");
  for (int i = 0; i < 300; i += 37) {
    const std::string path = "exchanges/feeds/f" + std::to_string(i) + ".yaml";
    EXPECT_EQ(reader->read(path), repo.git_ok("show HEAD:" + path)) << path;
  }
  EXPECT_EQ(reader->read("exchanges/feeds/f7.yaml"), "name: f7\n");
  EXPECT_EQ(reader->read("exchanges/schemas/f0.yaml"), "name: schema f0\n");
  EXPECT_EQ(reader->read("exchanges/schemas/sub/x"), "x\n");
  EXPECT_EQ(reader->read("exchanges/feeds/f300.yaml"), std::nullopt);
  EXPECT_EQ(reader->read("exchanges/feeds/link.yaml"), std::nullopt); // a symbolic link's blob is its target
  EXPECT_EQ(reader->read("exchanges/schemas/sub"), std::nullopt);      // a folder
  EXPECT_EQ(reader->read("exchanges/feeds/f1.yaml/x"), std::nullopt);  // below a file
  EXPECT_EQ(reader->read("exchanges/nowhere/f1.yaml"), std::nullopt);
  EXPECT_EQ(reader->read("exchanges/feeds/f1.yaml"), "name: f1\n"); // after the misses, still there
}

TEST(GitTreeReader, SsmdRootInsideALargerRepository) {
  GitRepo repo;
  repo.write("meta/exchanges/feeds/kalshi.yaml", "name: kalshi\n");
  repo.write("exchanges/feeds/decoy.yaml", "name: decoy\n");
  repo.commit_all("monorepo");
  auto reader = git::commit_reader(repo.root() / "meta", "HEAD");
  EXPECT_EQ(reader->list_files("exchanges/feeds"), Paths{"exchanges/feeds/kalshi.yaml"});
  EXPECT_EQ(reader->read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n");
  EXPECT_EQ(reader->read("exchanges/feeds/decoy.yaml"), std::nullopt);
}

TEST(GitTreeReader, FileReaderForPlugins) {
  TwoCommits repo;
  auto reader = git::commit_reader(repo.root(), "HEAD~1");
  ssmd_file_reader c_reader = files::make_file_reader(*reader);
  ssmd::Files files(&c_reader);
  EXPECT_EQ(files.read("exchanges/feeds/kalshi.yaml"), "name: kalshi\n# first\n");
  EXPECT_EQ(files.read("exchanges/feeds/polymarket.yaml"), std::nullopt);

  // An exception inside the reader becomes SSMD_ENV_ERROR at the boundary.
  struct Failing : files::TreeReader {
    std::vector<std::string> list_files(std::string_view, bool) const override { return {}; }
    std::optional<std::string> read(std::string_view) const override { throw EnvironmentError("disk on fire"); }
    std::string describe() const override { return "failing"; }
  } failing;
  ssmd_file_reader c_failing = files::make_file_reader(failing);
  ssmd_bytes_sink sink{nullptr, [](void *, ssmd_str) {}};
  EXPECT_EQ(c_failing.read(c_failing.ctx, ssmd_str{"x", 1}, &sink), SSMD_ENV_ERROR);
  EXPECT_EQ(c_reader.read(c_reader.ctx, ssmd_str{"exchanges/feeds/kalshi.yaml", 27}, &sink), SSMD_OK);
  EXPECT_EQ(c_reader.read(c_reader.ctx, ssmd_str{nullptr, 0}, &sink), SSMD_FAILED);
}

TEST(GitRepository, DiscoveredFromSubdirectoriesAndWorktreesNotBare) {
  TwoCommits repo;
  auto sub = git::Repository::discover(repo.root() / "exchanges" / "feeds");
  EXPECT_EQ(sub.workdir(), repo.root());
  EXPECT_FALSE(sub.head_unborn());
  EXPECT_EQ(sub.head_branch(), "main");

  repo.git_ok("worktree add -q -b side ../wt HEAD~1");
  auto wt = git::Repository::discover(repo.base() / "wt" / "exchanges");
  EXPECT_EQ(wt.workdir(), repo.base() / "wt");
  EXPECT_EQ(wt.head_branch(), "side");
  EXPECT_EQ(git::read_blob(wt, wt.head_tree().get(), "exchanges/feeds/kalshi.yaml"), "name: kalshi\n# first\n");

  repo.git_ok("clone -q --bare . ../bare.git");
  EXPECT_THROW(git::Repository::discover(repo.base() / "bare.git"), EnvironmentError);
}

TEST(GitRepository, UnbornHeadAndObjectReads) {
  GitRepo empty;
  auto repo = git::Repository::discover(empty.root());
  EXPECT_TRUE(repo.head_unborn());
  EXPECT_EQ(repo.head_commit(), nullptr);
  EXPECT_EQ(repo.head_branch(), "main");
  EXPECT_FALSE(repo.operation_in_progress());

  TwoCommits two;
  auto r = git::Repository::discover(two.root());
  EXPECT_EQ(git::read_file_at(r, "HEAD~1", "exchanges/schemas/trade.yaml"), "name: trade\n");
  EXPECT_EQ(git::read_file_at(r, "HEAD", "exchanges/schemas"), std::nullopt);
  auto items = git::list_directory_at(r, "HEAD", "exchanges/schemas");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].name, "nested");
  EXPECT_TRUE(items[0].is_directory);
  EXPECT_EQ(items[1].name, "trade.yaml");
  EXPECT_FALSE(items[1].is_directory);
}
