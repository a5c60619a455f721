// `--at REF` on feed/schema/env show and list: answers come from a commit's objects, and the working
// tree stays byte-identical.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>


namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

// HEAD~1: feed alpha, schema trade v1 (the bundled file), environment dev on trade:v1.
// HEAD: alpha's endpoint changed, feed beta, trade v1's file edited and v2 added, dev on trade:v2, env prod.
// Working tree: alpha's endpoint changed again, uncommitted.
class ReadAtRef : public ::testing::Test {
protected:
  void SetUp() override {
    repo.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}));
    write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}});
    repo.write("exchanges/environments/dev.yaml", env_yaml("dev", "alpha", "trade:v1"));
    repo.commit_all("first");
    repo.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}, "-new"));
    repo.write("exchanges/feeds/beta.yaml", feed_yaml("beta", {"v1"}));
    write_trade(repo, {{"v1", "trade.v1.capnp", trade_with_added_field()}, {"v2", "trade.v2.capnp", trade_source_breaking()}});
    repo.write("exchanges/environments/dev.yaml", env_yaml("dev", "alpha", "trade:v2"));
    repo.write("exchanges/environments/prod.yaml", env_yaml("prod", "beta", "trade:v1"));
    repo.commit_all("second");
    repo.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}, "-dirty"));
  }

  RunResult at(std::vector<std::string> args, const std::string &ref) {
    args.push_back("--at");
    args.push_back(ref);
    return repo.ssmd(args);
  }

  GitRepo repo;
};

} // namespace

TEST_F(ReadAtRef, EveryShowAndListAnswersFromTheCommitAndLeavesTheWorkingTreeAlone) {
  const auto before = work_tree_files(repo.root());
  const std::string status = repo.git_ok("status --porcelain");

  auto feed_show = at({"feed", "show", "alpha"}, "HEAD~1");
  EXPECT_EQ(feed_show.exit_code, 0) << feed_show.err;
  EXPECT_TRUE(has(feed_show.out, "wss://alpha.example.com/v1\n") || has(feed_show.out, "wss://alpha.example.com/v1 "))
      << feed_show.out;
  EXPECT_FALSE(has(feed_show.out, "-new")) << feed_show.out;
  auto feed_show_head = at({"feed", "show", "alpha"}, "HEAD");
  EXPECT_TRUE(has(feed_show_head.out, "wss://alpha.example.com/v1-new")) << "uncommitted changes do not show\n"
                                                                          << feed_show_head.out;

  auto feed_list = at({"feed", "list"}, "HEAD~1");
  EXPECT_EQ(feed_list.exit_code, 0) << feed_list.err;
  EXPECT_TRUE(has(feed_list.out, "alpha")) << feed_list.out;
  EXPECT_FALSE(has(feed_list.out, "beta")) << feed_list.out;

  auto schema_show = at({"schema", "show", "trade:v1"}, "HEAD~1");
  EXPECT_EQ(schema_show.exit_code, 0) << schema_show.err;
  EXPECT_TRUE(has(schema_show.out, bundled_trade())) << schema_show.out;
  EXPECT_FALSE(has(schema_show.out, "venue @8")) << schema_show.out;
  // The fingerprint is the old file's, read from the commit too.
  const std::string old_fingerprint = line_starting(schema_show.out, "fingerprint:");
  EXPECT_TRUE(has(old_fingerprint, "capnp-schema:sha256:")) << schema_show.out;
  EXPECT_NE(old_fingerprint, line_starting(repo.ssmd({"schema", "show", "trade:v1"}).out, "fingerprint:"));
  auto schema_all = at({"schema", "show", "trade"}, "HEAD~1");
  EXPECT_EQ(schema_all.exit_code, 0) << schema_all.err;
  EXPECT_FALSE(has(schema_all.out, "trade.v2.capnp")) << schema_all.out;
  auto no_v2 = at({"schema", "show", "trade:v2"}, "HEAD~1");
  EXPECT_EQ(no_v2.exit_code, 1);

  auto schema_list = at({"schema", "list"}, "HEAD~1");
  EXPECT_EQ(schema_list.exit_code, 0) << schema_list.err;
  EXPECT_TRUE(has(schema_list.out, "v1 (active)")) << schema_list.out;
  EXPECT_FALSE(has(schema_list.out, "v2")) << schema_list.out;

  auto env_show = at({"env", "show", "dev"}, "HEAD~1");
  EXPECT_EQ(env_show.exit_code, 0) << env_show.err;
  EXPECT_TRUE(has(line_containing(env_show.out, "  trade"), "v1")) << env_show.out;
  EXPECT_FALSE(has(line_containing(env_show.out, "  trade"), "v2")) << env_show.out;

  auto env_list = at({"env", "list"}, "HEAD~1");
  EXPECT_EQ(env_list.exit_code, 0) << env_list.err;
  EXPECT_TRUE(has(env_list.out, "trade:v1")) << env_list.out;
  EXPECT_FALSE(has(env_list.out, "prod")) << env_list.out;

  for (std::vector<std::string> args : {std::vector<std::string>{"feed", "list"},
                                        {"feed", "show", "alpha"},
                                        {"schema", "list"},
                                        {"schema", "show", "trade:v1"},
                                        {"env", "list"},
                                        {"env", "show", "dev"}}) {
    args.insert(args.end(), {"--output", "json"});
    auto r = at(args, "HEAD~1");
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_TRUE(!r.out.empty() && (r.out[0] == '{' || r.out[0] == '[')) << r.out;
  }

  EXPECT_EQ(work_tree_files(repo.root()), before) << "reading at a commit wrote to the working tree";
  EXPECT_FALSE(fs::exists(repo.root() / ".ssmd")) << "no feed cache at a commit";
  EXPECT_EQ(repo.git_ok("status --porcelain"), status);
}

TEST_F(ReadAtRef, WithoutAtTheWorkingTreeAnswers) {
  auto feed_show = repo.ssmd({"feed", "show", "alpha"});
  EXPECT_TRUE(has(feed_show.out, "wss://alpha.example.com/v1-dirty")) << feed_show.out;
  auto schema_show = repo.ssmd({"schema", "show", "trade:v1"});
  EXPECT_TRUE(has(schema_show.out, "venue @8")) << schema_show.out;
  auto env_list = repo.ssmd({"env", "list"});
  EXPECT_TRUE(has(env_list.out, "prod")) << env_list.out;
}

TEST_F(ReadAtRef, AtCombinesWithAsOf) {
  auto r = repo.ssmd({"feed", "show", "alpha", "--at", "HEAD~1", "--as-of", "2024-06-01"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "version in force on 2024-06-01")) << r.out;
  EXPECT_FALSE(has(r.out, "-new")) << r.out;
}

TEST_F(ReadAtRef, UnknownRevisionsAndMissingNamesAreExit1) {
  for (std::vector<std::string> args : {std::vector<std::string>{"feed", "show", "alpha"},
                                        {"feed", "list"},
                                        {"schema", "show", "trade"},
                                        {"schema", "list"},
                                        {"env", "show", "dev"},
                                        {"env", "list"}}) {
    auto r = at(args, "nope");
    EXPECT_EQ(r.exit_code, 1) << args[0] << " " << args[1];
    EXPECT_EQ(r.err, "ssmd: unknown revision 'nope': name a commit, branch or tag\n");
  }
  auto beta = at({"feed", "show", "beta"}, "HEAD~1");
  EXPECT_EQ(beta.exit_code, 1);
  EXPECT_TRUE(has(beta.err, "no feed named 'beta' (exchanges/feeds/beta.yaml does not exist in commit ")) << beta.err;
  EXPECT_TRUE(has(beta.err, "(HEAD~1))")) << beta.err;
  auto past_root = at({"feed", "list"}, "HEAD~5");
  EXPECT_EQ(past_root.exit_code, 1);
}

TEST_F(ReadAtRef, AFileWithErrorsAtTheCommitNamesTheCommit) {
  repo.write("exchanges/feeds/alpha.yaml", "name: alpha\nversions: [\n");
  repo.commit_all("broken");
  auto r = at({"feed", "show", "alpha"}, "HEAD");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "exchanges/feeds/alpha.yaml:")) << "the diagnostics come first\n" << r.err;
  EXPECT_TRUE(has(r.err, "ssmd: exchanges/feeds/alpha.yaml has errors in commit ")) << r.err;
  auto before = at({"feed", "show", "alpha"}, "HEAD~1");
  EXPECT_EQ(before.exit_code, 0) << before.err;
}

TEST(ReadAtRefOutsideGit, IsAnEnvironmentError) {
  TempDir dir;
  dir.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}));
  RunOptions options{dir.path(), {{"GIT_CEILING_DIRECTORIES", dir.path().parent_path().string()}}, {"SSMD_REPO"}, ""};
  auto r = run_ssmd({"feed", "list", "--at", "HEAD"}, options);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "not in a git repository")) << r.err;
}
