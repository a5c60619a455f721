// `ssmd plugin lock`, `--locked` and `--plugins`: hashes and the allowlist are checked before a library
// is opened, which the marker plugin's static constructor proves.
#include "git_fixture.hpp"
#include "plugin_env.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {
fs::path lock_of(const PluginEnv &env) { return env.repo() / "ssmd-plugins.lock"; }
} // namespace

TEST(PluginLock, PinsEveryUsablePluginByHash) {
  PluginEnv env;
  fs::path good = env.add("good", "test-good");
  fs::path marker = env.add("marker", "test-marker");
  env.add("abi", "test-abi99");
  auto r = env.run({"plugin", "lock"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string lock = read_file(lock_of(env));
  EXPECT_TRUE(has(lock, "  - name: test-good\n    version: \"1.2.3\"\n    sha256: " + sha256sum(good) + "\n")) << lock;
  EXPECT_TRUE(has(lock, "  - name: test-marker\n    version: \"1.0.0\"\n    sha256: " + sha256sum(marker) + "\n")) << lock;
  EXPECT_LT(lock.find("test-good"), lock.find("test-marker")) << "sorted by name";
  EXPECT_FALSE(has(lock, "test-abi99")) << "a plugin that cannot be used is not pinned";
  EXPECT_TRUE(has(r.err, "warning: not locked: plugin 'test-abi99'")) << r.err;
  EXPECT_TRUE(has(r.out, "Wrote " + lock_of(env).string() + " with ")) << r.out;
  // Locking again changes nothing, and leaves no temporary file behind.
  ASSERT_EQ(env.run({"plugin", "lock"}).exit_code, 0);
  EXPECT_EQ(read_file(lock_of(env)), lock);
  for (const auto &entry : fs::directory_iterator(env.repo()))
    EXPECT_TRUE(entry.path().filename() == "exchanges" || entry.path().filename() == "ssmd-plugins.lock") << entry.path();
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginLock, PinsOnlyThePluginsNamedByThePluginsFlag) {
  PluginEnv env;
  env.add("good", "test-good");
  env.add("marker", "test-marker");
  ASSERT_EQ(env.run({"--plugins", "test-marker", "plugin", "lock"}).exit_code, 0);
  std::string lock = read_file(lock_of(env));
  EXPECT_TRUE(has(lock, "name: test-marker")) << lock;
  EXPECT_FALSE(has(lock, "name: test-good")) << lock;

  auto missing = env.run({"--plugins", "test-marker,test-nowhere", "plugin", "lock"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(has(missing.err, "plugin 'test-nowhere' named by --plugins (SSMD_PLUGINS) is not on the plugin path"))
      << missing.err;
  EXPECT_EQ(read_file(lock_of(env)), lock) << "a failed lock leaves the old file alone";
}

TEST(PluginLock, NeedsARepository) {
  PluginEnv env;
  env.add("good", "test-good");
  RunOptions outside;
  outside.cwd = env.root();
  auto r = env.run({"plugin", "lock"}, outside);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "not in an ssmd repository")) << r.err;
}

TEST(PluginLocked, WithoutALockFileIsAnEnvironmentError) {
  PluginEnv env;
  env.add("good", "test-good");
  for (auto args : std::vector<std::vector<std::string>>{{"--locked", "plugin", "list"}, {"--locked", "t-hello"}}) {
    auto r = env.run(args);
    EXPECT_EQ(r.exit_code, 3) << r.out;
    EXPECT_TRUE(has(r.err, "ssmd-plugins.lock, which does not exist; run 'ssmd plugin lock' first")) << r.err;
  }
  RunOptions locked_by_env;
  locked_by_env.env["SSMD_LOCKED"] = "1";
  EXPECT_EQ(env.run({"plugin", "list"}, locked_by_env).exit_code, 3);
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginLocked, RunsAPinnedPlugin) {
  PluginEnv env;
  env.add("marker", "test-marker");
  ASSERT_EQ(env.run({"plugin", "lock"}).exit_code, 0);
  EXPECT_FALSE(env.ran("test-marker"));
  auto r = env.run({"--locked", "t-marker"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "marker plugin ran\n");
  EXPECT_TRUE(env.ran("test-marker")) << "the positive control: loading does run the constructor";
}

TEST(PluginLocked, AChangedPluginNeverRuns) {
  PluginEnv env;
  fs::path marker = env.add("marker", "test-marker");
  ASSERT_EQ(env.run({"plugin", "lock"}).exit_code, 0);
  std::string expected = sha256sum(marker);
  std::ofstream(marker, std::ios::app | std::ios::binary) << "tampered";
  std::string actual = sha256sum(marker);
  ASSERT_NE(expected, actual);

  auto r = env.run({"--locked", "t-marker"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "plugin 'test-marker'")) << r.err;
  EXPECT_TRUE(has(r.err, "its hash differs from ssmd-plugins.lock: expected sha256 " + expected + ", actual " + actual))
      << r.err;
  auto list = env.run({"--locked", "plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-marker "), "hash-mismatch")) << list.out;
  EXPECT_FALSE(env.ran("test-marker"));
}

TEST(PluginLocked, AnUnlistedPluginNeverRuns) {
  PluginEnv env;
  env.add("good", "test-good");
  fs::path marker = env.add("marker", "test-marker");
  ASSERT_EQ(env.run({"--plugins", "test-good", "plugin", "lock"}).exit_code, 0);
  auto r = env.run({"--locked", "t-marker"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "plugin 'test-marker' (")) << r.err;
  EXPECT_TRUE(has(r.err, ") is not in ssmd-plugins.lock (actual sha256 " + sha256sum(marker) + ")"))
      << r.err;
  auto list = env.run({"--locked", "plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-marker "), "not-allowed")) << list.out;
  EXPECT_FALSE(env.ran("test-marker"));
  auto good = env.run({"--locked", "t-hello"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

TEST(PluginLocked, AMalformedLockFileIsReportedWithItsPosition) {
  PluginEnv env;
  env.add("good", "test-good");
  std::ofstream(lock_of(env)) << "plugins:\n  - name: test-good\n    sha256: nothex\n";
  auto r = env.run({"--locked", "plugin", "list"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, lock_of(env).string() + ":2:5: error: entry needs a 'version' string")) << r.err;
  EXPECT_TRUE(has(r.err, lock_of(env).string() + ":3:13: error: sha256 must be 64 lowercase hex digits")) << r.err;
}

TEST(PluginAllowlist, APluginNotAllowedNeverRuns) {
  PluginEnv env;
  env.add("good", "test-good");
  env.add("marker", "test-marker");
  auto r = env.run({"--plugins", "test-good", "t-marker"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "plugin 'test-marker' is not allowed by --plugins")) << r.err;
  RunOptions by_env;
  by_env.env["SSMD_PLUGINS"] = "test-good";
  EXPECT_EQ(env.run({"t-marker"}, by_env).exit_code, 3);
  auto list = env.run({"--plugins", "test-good", "plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-marker "), "not-allowed")) << list.out;
  EXPECT_FALSE(env.ran("test-marker"));
  // The positive control: allowed, the same plugin runs.
  EXPECT_EQ(env.run({"--plugins", "test-good,test-marker", "t-marker"}).exit_code, 0);
  EXPECT_TRUE(env.ran("test-marker"));
}

// A locked run promises that the pinned plugins ran: one of them missing fails it (exit 3, naming it) rather
// than quietly checking less. Without --locked the lock file is not consulted.
TEST(PluginLocked, APinnedPluginThatIsMissingFailsTheRun) {
  PluginEnv env;
  env.add("good", "test-good");
  fs::path marker = env.add("marker", "test-marker");
  ASSERT_EQ(env.run({"plugin", "lock"}).exit_code, 0);
  fs::remove(marker);
  const std::string expected = "plugin 'test-marker' is pinned in " + lock_of(env).string() + " but is not on the plugin path";
  for (auto args : std::vector<std::vector<std::string>>{{"--locked", "plugin", "list"}, {"--locked", "t-hello"}, {"--locked", "validate"}}) {
    auto r = env.run(args);
    EXPECT_EQ(r.exit_code, 3) << args.back() << "\n" << r.out << r.err;
    EXPECT_TRUE(has(r.err, expected)) << r.err;
  }
  RunOptions locked_by_env;
  locked_by_env.env["SSMD_LOCKED"] = "true";
  auto by_env = env.run({"t-hello"}, locked_by_env);
  EXPECT_EQ(by_env.exit_code, 3) << by_env.out;
  EXPECT_TRUE(has(by_env.err, expected)) << by_env.err;
  // --plugins narrows the locked set: a pinned plugin it leaves out is not needed.
  EXPECT_EQ(env.run({"--locked", "--plugins", "test-good", "t-hello"}).exit_code, 0);
  EXPECT_EQ(env.run({"plugin", "list"}).exit_code, 0) << "unlocked, the lock file is not consulted";
}

TEST(PluginAllowlist, NamingAPluginThatDoesNotExistIsAnError) {
  PluginEnv env;
  env.add("good", "test-good");
  auto r = env.run({"--plugins", "test-good,test-god", "t-hello"});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_TRUE(has(r.err, "plugin 'test-god' named by --plugins (SSMD_PLUGINS) is not on the plugin path (")) << r.err;
  EXPECT_TRUE(has(r.err, "did you mean 'test-good'?")) << r.err;
  RunOptions by_env;
  by_env.env["SSMD_PLUGINS"] = "test-nowhere";
  auto e = env.run({"validate"}, by_env);
  EXPECT_EQ(e.exit_code, 3) << e.out;
  EXPECT_TRUE(has(e.err, "plugin 'test-nowhere' named by --plugins (SSMD_PLUGINS)")) << e.err;
  EXPECT_EQ(env.run({"--plugins", "test-good", "t-hello"}).exit_code, 0);
}

// Under --locked, a file no plugin can check is an error: the run cannot vouch for it.
TEST(PluginLocked, AFileWhosePluginIsMissingIsAnError) {
  PluginEnv env;
  env.add("good", "test-good");
  write_file(env.repo() / "exchanges/feeds/acme.yaml", feed_yaml("acme", {"v1"})); // exchange `example`: no plugin
  ASSERT_EQ(env.run({"plugin", "lock"}).exit_code, 0);
  auto plain = env.run({"validate", "--no-cache"});
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_TRUE(has(plain.out, "warning: no feed validator plugin provides 'example'")) << plain.out;
  auto locked = env.run({"--locked", "validate", "--no-cache"});
  EXPECT_EQ(locked.exit_code, 1) << locked.out;
  EXPECT_TRUE(has(locked.out, "error: no feed validator plugin provides 'example'")) << locked.out;
  EXPECT_TRUE(has(locked.out, "[plugin/missing]")) << locked.out;
}
