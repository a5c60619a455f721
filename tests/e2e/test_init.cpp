#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

TEST(Init, ScaffoldsARepositoryThatSsmdRecognises) {
  TempDir dir;
  auto r = run_ssmd({"init", (dir.path() / "meta").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char *p : {"exchanges/feeds", "exchanges/schemas", "exchanges/environments", ".gitignore",
                        ".github/workflows/ssmd.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", "ssmd.yaml"})
    EXPECT_TRUE(fs::exists(dir.path() / "meta" / p)) << p;
  EXPECT_NE(read_file(dir.path() / "meta/.gitignore").find(".ssmd/"), std::string::npos);
  EXPECT_NE(read_file(dir.path() / "meta/.github/workflows/ssmd.yml").find("ssmd validate --locked --format sarif"),
            std::string::npos);
  EXPECT_NE(read_file(dir.path() / "meta/.gitlab-ci.yml").find("--format junit"), std::string::npos);
  // ssmd finds the new repository by walking up from a subdirectory: the team settings it wrote are read.
  RunOptions in_sub;
  in_sub.cwd = dir.path() / "meta/exchanges/feeds";
  in_sub.unset_env = {"SSMD_REPO"};
  auto shown = run_ssmd({"config", "show", "--output", "text"}, in_sub);
  EXPECT_NE(shown.out.find((dir.path() / "meta/ssmd.yaml").string() + ":5:10"), std::string::npos) << shown.out;
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
  EXPECT_NE(stray.out.find("exchanges/schemas/stray.capnp:1:1: warning: no schema version uses this file"), std::string::npos)
      << stray.out;
  EXPECT_EQ(stray.out.find(".swp"), std::string::npos) << stray.out;
}

namespace {
// A run in `cwd` that ignores the developer's SSMD_* settings, as a fresh shell would.
RunOptions clean_in(const fs::path &cwd) {
  RunOptions options;
  options.cwd = cwd;
  options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH"};
  return options;
}

size_t count_of(const std::string &text, const std::string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}
} // namespace

// CI runs `ssmd validate --locked` from the first commit on, so init pins the bundled plugins by the
// SHA-256 of their files, as `ssmd plugin lock` would.
TEST(Init, PinsTheBundledPluginsSoLockedValidationWorks) {
  TempDir dir;
  auto r = run_ssmd({"init", "meta"}, clean_in(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "created ssmd-plugins.lock")) << r.out;
  fs::path repo = dir.path() / "meta";
  std::string lock = read_file(repo / "ssmd-plugins.lock");
  size_t bundled = 0;
  for (const auto &entry : fs::directory_iterator(build_dir() / "plugins")) {
    if (entry.path().extension() != ".so") continue;
    ++bundled;
    EXPECT_TRUE(has(lock, "    sha256: " + sha256sum(entry.path()) + "\n")) << entry.path() << "\n" << lock;
  }
  EXPECT_GT(bundled, 0u) << "no bundled plugin was built";
  EXPECT_EQ(count_of(lock, "  - name: "), bundled) << lock;
  EXPECT_TRUE(has(lock, "  - name: feed-kalshi\n")) << lock;

  auto locked = run_ssmd({"validate", "--locked", "--no-cache"}, clean_in(repo));
  EXPECT_EQ(locked.exit_code, 0) << locked.out << locked.err;
  auto list = run_ssmd({"--locked", "plugin", "list"}, clean_in(repo));
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_FALSE(has(list.out, "hash-mismatch")) << list.out;
  // The control: the lock is what --locked reads, so without it the same command fails.
  fs::remove(repo / "ssmd-plugins.lock");
  EXPECT_EQ(run_ssmd({"validate", "--locked", "--no-cache"}, clean_in(repo)).exit_code, 3);
}

TEST(Init, PinsOnlyThePluginsNamedByThePluginsFlag) {
  TempDir dir;
  auto r = run_ssmd({"--plugins", "feed-kalshi", "init", "meta"}, clean_in(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string lock = read_file(dir.path() / "meta/ssmd-plugins.lock");
  EXPECT_EQ(count_of(lock, "  - name: "), 1u) << lock;
  EXPECT_TRUE(has(lock, "  - name: feed-kalshi\n")) << lock;

  // A plugin that cannot be pinned fails before anything is written.
  auto missing = run_ssmd({"--plugins", "feed-nowhere", "init", "other"}, clean_in(dir.path()));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(has(missing.err, "plugin 'feed-nowhere' named by --plugins (SSMD_PLUGINS) is not on the plugin path"))
      << missing.err;
  EXPECT_FALSE(fs::exists(dir.path() / "other"));
}

TEST(Init, UsageNamesEveryFlag) {
  auto r = run_ssmd({"init", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string usage = line_containing(r.out, "ssmd init");
  for (const char *flag : {"--no-ci", "--force"}) {
    EXPECT_TRUE(has(usage, flag)) << flag << " missing from the usage line: " << usage;
    EXPECT_TRUE(has(r.out, std::string("  ") + flag)) << flag << " missing from the options:\n" << r.out;
  }
  TempDir dir;
  ASSERT_EQ(run_ssmd({"init", "--no-ci", "meta"}, clean_in(dir.path())).exit_code, 0);
  EXPECT_FALSE(fs::exists(dir.path() / "meta/.gitlab-ci.yml"));
  EXPECT_FALSE(fs::exists(dir.path() / "meta/.github"));
  EXPECT_TRUE(fs::exists(dir.path() / "meta/ssmd-plugins.lock"));
}
