// libgit2 and libcrypto are opened on first use (host/core/lazy_library.hpp), so the commands that need
// neither start without mapping them. The dynamic loader's own trace (LD_DEBUG=files) tells which libraries
// a run opened; the controls show the same trace does see them when a command uses them.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

bool opened(const RunResult &r, const std::string &library) {
  return r.err.find("file=" + library) != std::string::npos;
}

RunResult traced(const GitRepo &repo, const std::vector<std::string> &args) {
  RunOptions options = repo.options();
  options.env["LD_DEBUG"] = "files";
  return run_ssmd(args, options);
}

} // namespace

TEST(StartupLibraries, HelpVersionAndPluginListOpenNeitherLibgit2NorLibcrypto) {
  GitRepo repo;
  for (const std::vector<std::string> &args :
       {std::vector<std::string>{"--help"}, {"--version"}, {"plugin", "list"}, {"feed", "--help"}}) {
    auto r = traced(repo, args);
    EXPECT_EQ(r.exit_code, 0) << args.front() << "\n" << r.err;
    EXPECT_FALSE(opened(r, "libgit2")) << args.front();
    EXPECT_FALSE(opened(r, "libcrypto")) << args.front();
  }
}

TEST(StartupLibraries, AGitCommandOpensLibgit2WhenItNeedsIt) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", {"v1"}));
  repo.commit_all("seed");
  auto r = traced(repo, {"diff"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(opened(r, "libgit2")) << "the control: the trace sees a library opened on first use";
  EXPECT_NE(r.out.find("no pending metadata changes"), std::string::npos) << r.out;
}

TEST(StartupLibraries, HashingAPluginOpensLibcrypto) {
  GitRepo repo;
  auto r = traced(repo, {"plugin", "show", "feed-kalshi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(opened(r, "libcrypto")) << "the control: `plugin show` prints the plugin's SHA-256";
  EXPECT_NE(r.out.find("sha256"), std::string::npos) << r.out;
}
