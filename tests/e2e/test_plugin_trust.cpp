// A cloned repository must not choose the code ssmd runs. The attack of issue 14: a repository commits
// `.ssmd/config.yaml` (with `git add -f`) naming `tools/plugins` as a plugin folder, ships its own
// `feed-kalshi.so` there (the impostor test plugin, whose static constructor leaves a marker the moment it
// is loaded) and an `ssmd-plugins.lock` that pins exactly that file. Every route by which repository content
// could name a plugin folder is tried in a real `git clone`: the local config, the committed team settings,
// relative and absolute paths, a user config whose relative entry would land in the clone, a relative
// XDG_CONFIG_HOME, and empty entries in SSMD_PLUGIN_PATH. `ssmd validate` and `ssmd --locked validate` never
// load the impostor.
#include "git_fixture.hpp"
#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

class HostileRepository : public ::testing::Test {
protected:
  void SetUp() override {
    upstream_.write("exchanges/feeds/kalshi.yaml", read_file(source_dir() / "exchanges/feeds/kalshi.yaml"));
    copy_test_plugin(upstream_.root() / "tools/plugins", "impostor", "feed-kalshi");
    impostor_sha256_ = sha256sum(upstream_.root() / "tools/plugins/feed-kalshi.so");
    upstream_.write("ssmd-plugins.lock", "plugins:\n  - name: feed-kalshi\n    version: \"9.9.9\"\n    sha256: " +
                                             impostor_sha256_ + "\n");
    fs::create_directories(markers());
  }

  // Commits everything, `.ssmd/` too (as a hostile repository would, past its .gitignore), and clones it.
  void commit_and_clone() {
    upstream_.write(".gitignore", ".ssmd/\n");
    upstream_.git_ok("add -A");
    if (fs::exists(upstream_.root() / ".ssmd")) upstream_.git_ok("add -f .ssmd");
    upstream_.git_ok("commit -q -m 'tools'");
    upstream_.git_ok("clone -q " + upstream_.root().string() + " " + clone().string(), upstream_.base());
    ASSERT_TRUE(fs::exists(clone() / "tools/plugins/feed-kalshi.so"));
  }

  fs::path clone() const { return upstream_.base() / "clone"; }
  fs::path home() const { return upstream_.base() / "home"; }
  fs::path markers() const { return upstream_.base() / "markers"; }
  bool impostor_ran() const { return fs::exists(markers() / "test-impostor-kalshi.ran"); }

  // ssmd in the clone, with a home of its own and none of the caller's SSMD_ settings.
  RunResult ssmd(const std::vector<std::string> &args, const std::map<std::string, std::string> &env = {}) const {
    RunOptions o = upstream_.options(clone());
    o.env["SSMD_TEST_MARKER_DIR"] = markers().string();
    o.unset_env.insert(o.unset_env.end(), {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED"});
    for (const auto &[key, value] : env) o.env[key] = value;
    return run_ssmd(args, o);
  }

  // Runs `validate` unlocked and locked and checks that the impostor never ran. The bundled feed-kalshi of
  // the build tree is the plugin that checks the feed; under --locked it is refused, since the repository's
  // lock pins the impostor's bytes, and the run fails instead of running either.
  void expect_impostor_never_runs(const std::string &route, const std::map<std::string, std::string> &env = {}) {
    auto plain = ssmd({"validate", "--no-cache", "--format", "json"}, env);
    EXPECT_FALSE(impostor_ran()) << route << ": ssmd validate loaded the repository's plugin\n" << plain.out << plain.err;
    EXPECT_FALSE(has(plain.out, "kalshi/impostor")) << route << "\n" << plain.out;
    EXPECT_NE(plain.exit_code, 3) << route << "\n" << plain.err;
    auto locked = ssmd({"--locked", "validate", "--no-cache"}, env);
    EXPECT_FALSE(impostor_ran()) << route << ": ssmd --locked validate loaded the repository's plugin\n" << locked.out << locked.err;
    EXPECT_EQ(locked.exit_code, 1) << route << "\n" << locked.out << locked.err;
    EXPECT_TRUE(has(locked.out, "expected sha256 " + impostor_sha256_)) << route << ": the installed feed-kalshi is not "
                                                                         << "the one the lock pins\n" << locked.out;
    auto list = ssmd({"plugin", "list"}, env);
    EXPECT_FALSE(has(list.out, (clone() / "tools").string())) << route << "\n" << list.out;
  }

  GitRepo upstream_;
  std::string impostor_sha256_;
};

} // namespace

TEST_F(HostileRepository, ItsLocalConfigCannotAddAPluginFolder) {
  upstream_.write(".ssmd/config.yaml", "plugin_path: [tools/plugins]\n");
  commit_and_clone();
  expect_impostor_never_runs(".ssmd/config.yaml, relative path");
  auto r = ssmd({"plugin", "list"});
  EXPECT_TRUE(has(r.err, "ignoring 'plugin_path' at " + (clone() / ".ssmd/config.yaml").string() + ":1:")) << r.err;
}

TEST_F(HostileRepository, ItsTeamSettingsCannotAddAPluginFolderRelativeOrAbsolute) {
  upstream_.write("ssmd.yaml", "plugin_path: [tools/plugins, " + (clone() / "tools/plugins").string() + "]\n");
  upstream_.write(".ssmd/config.yaml", "plugin_path: [" + (clone() / "tools/plugins").string() + "]\n");
  commit_and_clone();
  expect_impostor_never_runs("ssmd.yaml and .ssmd/config.yaml, relative and absolute paths");
  auto r = ssmd({"plugin", "list"});
  EXPECT_TRUE(has(r.err, "ignoring 'plugin_path' at ")) << r.err;
}

// The user's own config is trusted, but a relative entry in it belongs to the user's config folder: taken
// from the working directory it would name the clone's tools/plugins.
TEST_F(HostileRepository, ARelativeEntryInTheUsersConfigIsNotTakenFromTheClone) {
  commit_and_clone();
  write_file(home() / ".config/ssmd/config.yaml", "plugin_path: [tools/plugins]\n");
  expect_impostor_never_runs("user config, relative path");
  // The entry does name the user's own folder: a plugin the user put there is found.
  copy_test_plugin(home() / ".config/ssmd/tools/plugins", "good", "test-good");
  auto r = ssmd({"plugin", "list"});
  EXPECT_TRUE(has(line_starting(r.out, "test-good "), (home() / ".config/ssmd/tools/plugins/test-good.so").string())) << r.out;
}

// XDG_CONFIG_HOME must be absolute (XDG Base Directory specification); a relative one would make a file the
// repository commits (cfg/ssmd/config.yaml) the user's trusted configuration.
TEST_F(HostileRepository, ARelativeXdgConfigHomeIsIgnored) {
  const std::string config = "plugin_path: [" + (clone() / "tools/plugins").string() + "]\n";
  upstream_.write("cfg/ssmd/config.yaml", config);
  upstream_.write(".config/ssmd/config.yaml", config);
  commit_and_clone();
  expect_impostor_never_runs("relative XDG_CONFIG_HOME", {{"XDG_CONFIG_HOME", "cfg"}});
  expect_impostor_never_runs("relative HOME", {{"XDG_CONFIG_HOME", ""}, {"HOME", "."}});
}

// An empty entry in a PATH-like variable means the working directory to a shell; not to ssmd.
TEST_F(HostileRepository, EmptyEntriesInThePluginPathAreNotTheWorkingDirectory) {
  copy_test_plugin(upstream_.root(), "impostor", "feed-kalshi");
  commit_and_clone();
  expect_impostor_never_runs("SSMD_PLUGIN_PATH with empty entries", {{"SSMD_PLUGIN_PATH", ":" + home().string() + "::"}});
}
