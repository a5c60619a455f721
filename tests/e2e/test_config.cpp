// Configuration precedence: flags beat environment beat repository config beat user config.
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {
struct ConfigRepo {
  TempDir repo, home;
  RunOptions options() const {
    RunOptions o;
    o.cwd = repo.path();
    o.env = {{"XDG_CONFIG_HOME", (home.path() / "xdg").string()}};
    o.unset_env = {"SSMD_OUTPUT", "SSMD_REPO", "NO_COLOR"};
    return o;
  }
  ConfigRepo() {
    repo.write("exchanges/feeds/.keep", "");
    home.write("xdg/ssmd/config.yaml", "output: json\ncolor: never\ncapnp:\n  import_paths: [/opt/capnp]\n");
  }
};
} // namespace

TEST(Config, UserConfigIsTheLowestLayer) {
  ConfigRepo c;
  auto r = run_ssmd({"config", "show"}, c.options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The user file asked for JSON output by default.
  EXPECT_NE(r.out.find("\"key\": \"capnp.import_paths\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("xdg/ssmd/config.yaml:4:17"), std::string::npos) << r.out;
}

TEST(Config, RepositoryBeatsUserAndEnvBeatsRepositoryAndFlagBeatsAll) {
  ConfigRepo c;
  c.repo.write(".ssmd/config.yaml", "output: text\ncolor: always\n");
  auto r = run_ssmd({"config", "show"}, c.options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("color               always"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(".ssmd/config.yaml:2:8"), std::string::npos) << r.out;

  auto env_opts = c.options();
  env_opts.env["SSMD_OUTPUT"] = "json";
  auto e = run_ssmd({"config", "show"}, env_opts);
  EXPECT_NE(e.out.find("\"origin\": \"env SSMD_OUTPUT\""), std::string::npos) << e.out;

  auto f = run_ssmd({"config", "show", "--color", "auto", "--output", "json"}, c.options());
  EXPECT_NE(f.out.find("\"origin\": \"flag --color\""), std::string::npos) << f.out;
}

TEST(Config, BrokenConfigWarnsButDoesNotBlock) {
  ConfigRepo c;
  c.repo.write(".ssmd/config.yaml", "output: [unclosed\n");
  auto r = run_ssmd({"config", "show", "--output", "text"}, c.options());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning: ignoring configuration"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("config.yaml:"), std::string::npos) << r.err;
}

// `ssmd init` writes an ssmd.yaml of comments for the team to fill in; empty or all comments, a file sets
// nothing and is no reason for a warning.
TEST(Config, AnEmptyOrCommentOnlyFileIsQuiet) {
  ConfigRepo c;
  c.repo.write("ssmd.yaml", "# settings go here\n");
  c.repo.write(".ssmd/config.yaml", "");
  auto r = run_ssmd({"config", "show", "--output", "text"}, c.options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
}
