// The installable SDK: `cmake --install` to a fresh prefix, build examples/feed-acme out of tree against
// it with find_package(ssmd-sdk), and run the installed ssmd with the new plugin.
#include "plugin_env.hpp"
#include "version.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {
std::string quoted(const fs::path &p) { return "'" + p.string() + "'"; }
} // namespace

TEST(SdkInstall, AThirdPartyPluginBuildsAgainstTheInstalledSdkAndRuns) {
  TempDir tmp;
  const fs::path prefix = tmp.path() / "prefix";
  auto install = run_shell("cmake --install " + quoted(build_dir()) + " --prefix " + quoted(prefix) + " 2>&1");
  ASSERT_EQ(install.exit_code, 0) << install.out;
  for (const char *file : {"bin/ssmd", "include/ssmd/plugin.h", "include/ssmd/plugin.hpp",
                           "lib/cmake/ssmd-sdk/ssmd-sdk-config.cmake", "lib/cmake/ssmd-sdk/ssmd-sdk-config-version.cmake",
                           "lib/cmake/ssmd-sdk/ssmd-sdk-targets.cmake", "lib/cmake/ssmd-sdk/SsmdAddPlugin.cmake"})
    EXPECT_TRUE(fs::exists(prefix / file)) << file;
  const fs::path plugin_dir = (prefix / "bin" / ssmd::kInstallPluginDirRelative).lexically_normal();
  if (fs::is_directory(build_dir() / "plugins")) {
    for (const auto &bundled : fs::directory_iterator(build_dir() / "plugins")) {
      if (bundled.path().extension() != ".so") continue;
      EXPECT_TRUE(fs::exists(plugin_dir / bundled.path().filename())) << "bundled plugin not installed: " << bundled.path();
    }
  }

  const fs::path build = tmp.path() / "acme-build";
  auto configure = run_shell("cmake -S " + quoted(source_dir() / "examples" / "feed-acme") + " -B " + quoted(build) +
                             " -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=" + quoted(prefix) + " 2>&1");
  ASSERT_EQ(configure.exit_code, 0) << configure.out;
  auto compile = run_shell("cmake --build " + quoted(build) + " 2>&1");
  ASSERT_EQ(compile.exit_code, 0) << compile.out;
  const fs::path acme = build / "feed-acme.so";
  ASSERT_TRUE(fs::exists(acme));
  auto exported = run_shell("nm -D --defined-only " + quoted(acme));
  EXPECT_EQ(exported.out.substr(exported.out.find(' ') + 1), "T ssmd_plugin_entry\n") << "only the entry point is exported";

  // On the plugin path, the installed ssmd lists it and runs its command.
  const fs::path ssmd = prefix / "bin" / "ssmd";
  RunOptions options;
  options.cwd = tmp.path();
  options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO"};
  auto list = run_shell(quoted(ssmd) + " --plugin-path " + quoted(build) + " plugin list", options);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::string row = line_starting(list.out, "feed-acme ");
  EXPECT_TRUE(has(row, "1.0.0") && has(row, "feed,command") && has(row, " ok ")) << list.out;
  auto hello = run_shell(quoted(ssmd) + " --plugin-path " + quoted(build) + " acme-hello a b", options);
  EXPECT_EQ(hello.exit_code, 0) << hello.err;
  EXPECT_EQ(hello.out, std::string("hello from feed-acme, running in ssmd ") + ssmd::kVersion + " with 2 argument(s)\n");

  // Installed beside ssmd's own plugins, it is found without --plugin-path.
  auto ship = run_shell("cmake --install " + quoted(build) + " --prefix " + quoted(prefix) + " 2>&1");
  ASSERT_EQ(ship.exit_code, 0) << ship.out;
  run_shell("chmod -R go-w " + quoted(prefix));
  auto installed = run_shell(quoted(ssmd) + " plugin list", options);
  EXPECT_TRUE(has(line_starting(installed.out, "feed-acme "), (plugin_dir / "feed-acme.so").string())) << installed.out;
  auto help = run_shell(quoted(ssmd) + " --help", options);
  EXPECT_TRUE(has(line_starting(help.out, "  acme-hello "), "Say hello from the Acme plugin")) << help.out;
}
