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

// The .gitkeep files init writes are not orphan schema files: a new repository is clean even under --strict.
TEST(Init, ANewRepositoryValidatesWithoutFindings) {
  TempDir dir;
  ASSERT_EQ(run_ssmd({"init", dir.path().string()}).exit_code, 0);
  RunOptions options;
  options.cwd = dir.path();
  options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH"};
  auto r = run_ssmd({"validate", "--strict", "--no-cache"}, options);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("orphan-schema-file"), std::string::npos) << r.out;
  // An editor's swap file is not a schema definition either; a real stray file still is.
  dir.write("exchanges/schemas/.trade.capnp.swp", "x");
  dir.write("exchanges/schemas/stray.capnp", "x");
  auto stray = run_ssmd({"validate", "--no-cache"}, options);
  EXPECT_NE(stray.out.find("exchanges/schemas/stray.capnp: warning: no schema version uses this file"), std::string::npos)
      << stray.out;
  EXPECT_EQ(stray.out.find(".swp"), std::string::npos) << stray.out;
}
