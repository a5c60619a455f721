#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

TEST(Init, ScaffoldsARepositoryThatSsmdRecognises) {
  TempDir dir;
  auto r = run_ssmd({"init", (dir.path() / "meta").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char *p : {"exchanges/feeds", "exchanges/schemas", "exchanges/environments", ".gitignore",
                        ".github/workflows/ssmd.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"})
    EXPECT_TRUE(fs::exists(dir.path() / "meta" / p)) << p;
  EXPECT_NE(read_file(dir.path() / "meta/.gitignore").find(".ssmd/"), std::string::npos);
  EXPECT_NE(read_file(dir.path() / "meta/.github/workflows/ssmd.yml").find("ssmd validate --locked --format sarif"),
            std::string::npos);
  EXPECT_NE(read_file(dir.path() / "meta/.gitlab-ci.yml").find("--format junit"), std::string::npos);
  // ssmd finds the new repository by walking up from a subdirectory.
  RunOptions in_sub;
  in_sub.cwd = dir.path() / "meta/exchanges/feeds";
  in_sub.unset_env = {"SSMD_REPO"};
  auto shown = run_ssmd({"config", "show", "--output", "text"}, in_sub);
  EXPECT_NE(shown.out.find((dir.path() / "meta/.ssmd/config.yaml").string()), std::string::npos) << shown.out;
}

TEST(Init, RefusesToOverwriteAnExistingRepository) {
  TempDir dir;
  dir.write("exchanges/feeds/kalshi.yaml", "name: kalshi\n");
  auto r = run_ssmd({"init", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already holds exchanges/"), std::string::npos);
  EXPECT_EQ(read_file(dir.path() / "exchanges/feeds/kalshi.yaml"), "name: kalshi\n");
  auto forced = run_ssmd({"init", dir.path().string(), "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(read_file(dir.path() / "exchanges/feeds/kalshi.yaml"), "name: kalshi\n");
  EXPECT_TRUE(fs::exists(dir.path() / ".gitignore"));
}
