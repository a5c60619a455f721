#include "plugins/plugin_settings.hpp"
#include "version.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
namespace fs = std::filesystem;

TEST(PluginSearchPath, FlagsFirstThenInstalledDirThenBuildTree) {
  fs::path exe = fs::path(kBuildTreeDir) / "host" / "ssmd";
  auto path = plugin_search_path({"/opt/a", "/opt/b"}, exe);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0], "/opt/a");
  EXPECT_EQ(path[1], "/opt/b");
  EXPECT_EQ(path[2], (exe.parent_path() / kInstallPluginDirRelative).lexically_normal());
  EXPECT_EQ(path[3], fs::path(kBuildPluginDir));
}

TEST(PluginSearchPath, AnInstalledExecutableNeverSearchesTheBuildTree) {
  auto path = plugin_search_path({}, "/usr/local/bin/ssmd");
  ASSERT_EQ(path.size(), 1u);
  EXPECT_EQ(path[0], (fs::path("/usr/local/bin") / kInstallPluginDirRelative).lexically_normal());
  EXPECT_EQ(path[0].string().rfind("/usr/local/", 0), 0u) << path[0];
  // A directory beside the build tree whose name merely starts the same is not inside it.
  auto sibling = plugin_search_path({}, std::string(kBuildTreeDir) + "-other/bin/ssmd");
  EXPECT_EQ(sibling.size(), 1u);
}

TEST(PluginSearchPath, RelativeDirectoriesBecomeAbsoluteAndDuplicatesKeepTheirFirstPlace) {
  auto path = plugin_search_path({"rel", "/x/y", "/x/./y/", "rel"}, "/usr/bin/ssmd");
  ASSERT_EQ(path.size(), 3u);
  EXPECT_EQ(path[0], (fs::current_path() / "rel").lexically_normal());
  EXPECT_EQ(path[1], "/x/y");
}
