// Ownership as ssh and sudo check it (plugins/safe_location.hpp): a plugin file and every directory above it
// must be owned by root or the user running ssmd and not writable by group or others, sticky or not. An
// unsafe file is never opened, which inotify watches for; a safe one is opened (the control).
#include "../test-plugins/test_plugins.hpp"
#include "plugins/plugin_manager.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <sys/inotify.h>
#include <unistd.h>

using namespace ssmd;
using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// Whether anything opened `file` while `fn` ran, as the kernel reports it to inotify.
bool opened_during(const fs::path &file, const std::function<void()> &fn) {
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0 || ::inotify_add_watch(fd, file.c_str(), IN_OPEN) < 0) throw std::runtime_error("inotify unavailable");
  fn();
  alignas(struct inotify_event) char buffer[4096];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  return n > 0;
}

class PluginOwnership : public ::testing::Test {
protected:
  void SetUp() override {
    fs::create_directories(markers());
    ::setenv("SSMD_TEST_MARKER_DIR", markers().c_str(), 1);
  }
  void TearDown() override { ::unsetenv("SSMD_TEST_MARKER_DIR"); }
  fs::path markers() const { return tmp.path() / "markers"; }
  fs::path dir(const std::string &name) const { return tmp.path() / name; }
  static PluginSettings settings(std::vector<fs::path> path) {
    PluginSettings s;
    s.search_path = std::move(path);
    return s;
  }
  static const PluginInfo &info(PluginManager &m, const std::string &name) {
    const PluginInfo *p = m.find(name);
    if (!p) throw std::runtime_error("no plugin " + name);
    return *p;
  }
  // Lists the manager's plugins and says whether `file` was opened meanwhile.
  static bool scan_opens(const fs::path &file, PluginManager &manager) {
    return opened_during(file, [&] { manager.plugins(); });
  }
  TempDir tmp;
};

} // namespace

TEST_F(PluginOwnership, ASafePluginIsOpenedOnceToReadItsManifest) {
  fs::path file = copy_test_plugin(dir("mine"), "good", "test-good");
  PluginManager manager(settings({dir("mine")}));
  EXPECT_TRUE(scan_opens(file, manager)) << "the control: discovery does open a safe plugin";
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Ok);
  EXPECT_EQ(info(manager, "test-good").manifest.version, "1.2.3");
}

TEST_F(PluginOwnership, AFileOwnedByAnotherUserIsUnsafeAndNeverOpened) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another uid (chown 65534) needs root; CI runs as root";
  fs::path file = copy_test_plugin(dir("theirs"), "marker", "test-marker");
  ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
  PluginManager manager(settings({dir("theirs")}));
  EXPECT_FALSE(scan_opens(file, manager)) << "an unsafe file must not even be opened";
  const PluginInfo &p = info(manager, "test-marker");
  EXPECT_EQ(p.status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(p.problem, file.string() + " is owned by uid 65534, not by root or the user running ssmd (uid 0)"))
      << p.problem;
  EXPECT_TRUE(p.manifest.version.empty()) << "its manifest was never read";
  EXPECT_FALSE(manager.subcommand("t-marker"));
  EXPECT_FALSE(fs::exists(markers() / "test-marker.ran"));
}

TEST_F(PluginOwnership, ADirectoryAboveOwnedByAnotherUserMakesItUnsafe) {
  if (::geteuid() != 0) GTEST_SKIP() << "giving a directory to another uid (chown 65534) needs root; CI runs as root";
  fs::path file = copy_test_plugin(dir("theirs") / "sub" / "plugins", "good", "test-good");
  ASSERT_EQ(::chown(dir("theirs").c_str(), 65534, 65534), 0);
  PluginManager manager(settings({dir("theirs") / "sub" / "plugins"}));
  EXPECT_FALSE(scan_opens(file, manager));
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(info(manager, "test-good").problem, dir("theirs").string() + " is owned by uid 65534"))
      << info(manager, "test-good").problem;
}

// Not only the plugin's own directory: every one up to /.
TEST_F(PluginOwnership, AGroupWritableDirectoryTwoLevelsUpMakesItUnsafe) {
  fs::path file = copy_test_plugin(dir("shared") / "team" / "plugins", "good", "test-good");
  fs::permissions(dir("shared") / "team", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                              fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir("shared"), fs::perms::group_write, fs::perm_options::add);
  PluginManager manager(settings({dir("shared") / "team" / "plugins"}));
  EXPECT_FALSE(scan_opens(file, manager));
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(info(manager, "test-good").problem, dir("shared").string() + " is writable by group or others"))
      << info(manager, "test-good").problem;
}

// A sticky world-writable directory (mode 1777, as /tmp) above a plugin is no safer: anyone could have made
// the folder below it.
TEST_F(PluginOwnership, AStickyWorldWritableDirectoryAboveMakesItUnsafe) {
  fs::path file = copy_test_plugin(dir("sticky") / "plugins", "good", "test-good");
  fs::permissions(dir("sticky"), fs::perms::all | fs::perms::sticky_bit);
  PluginManager manager(settings({dir("sticky") / "plugins"}));
  EXPECT_FALSE(scan_opens(file, manager));
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(info(manager, "test-good").problem,
                       dir("sticky").string() + " is writable by group or others; a sticky directory such as /tmp is no safer"))
      << info(manager, "test-good").problem;
}

// A symbolic link is judged where it leads: a safe link to a safe file is fine and the file it names is the
// one loaded.
TEST_F(PluginOwnership, ALinkToASafeFileIsUsable) {
  fs::path target = copy_test_plugin(dir("real"), "marker", "test-marker");
  fs::create_directories(dir("links"));
  fs::create_symlink(target, dir("links") / "test-marker.so");
  PluginManager manager(settings({dir("links")}));
  EXPECT_EQ(info(manager, "test-marker").status, PluginStatus::Ok) << info(manager, "test-marker").problem;
  EXPECT_TRUE(manager.subcommand("t-marker"));
  EXPECT_TRUE(fs::exists(markers() / "test-marker.ran"));
}
