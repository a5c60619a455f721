// Plugin builds are reproducible (sdk/cmake/SsmdAddPlugin.cmake): one plugin's sources with the SDK, copied to
// two folders of different depth and built in each with debug information (where folder names would show),
// give byte-identical files, so one ssmd-plugins.lock pins both builds. The plugin is the benchmark's plain C
// one (bench/plugins/tiny_plugin.c), built twice in Debug: a few seconds of CI.
#include "git_fixture.hpp"
#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// What a team's plugin project looks like with the SDK beside it: the SDK's target and function, one source.
const char *const kProject = R"cmake(cmake_minimum_required(VERSION 3.25)
project(reproducible LANGUAGES C)
add_library(ssmd_sdk INTERFACE)
add_library(ssmd::sdk ALIAS ssmd_sdk)
target_include_directories(ssmd_sdk INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/sdk/include)
include(${CMAKE_CURRENT_SOURCE_DIR}/sdk/cmake/SsmdAddPlugin.cmake)
ssmd_add_plugin(bench-000 SOURCES tiny_plugin.c)
target_compile_definitions(bench-000 PRIVATE BENCH_NAME="bench-000" BENCH_FEED="bench-feed-000" BENCH_COMMAND="bench-cmd-000")
)cmake";

// Writes the project under `root`, builds it there and returns the plugin's path.
fs::path build_in(const fs::path &root) {
  fs::create_directories(root / "sdk");
  fs::copy(source_dir() / "sdk/include", root / "sdk/include", fs::copy_options::recursive);
  fs::copy(source_dir() / "sdk/cmake", root / "sdk/cmake", fs::copy_options::recursive);
  fs::copy_file(source_dir() / "bench/plugins/tiny_plugin.c", root / "tiny_plugin.c");
  write_file(root / "CMakeLists.txt", kProject);
  const std::string src = "'" + root.string() + "'", build = "'" + (root / "build").string() + "'";
  auto configure = run_shell("cmake -S " + src + " -B " + build + " -G Ninja -DCMAKE_BUILD_TYPE=Debug 2>&1");
  EXPECT_EQ(configure.exit_code, 0) << configure.out;
  auto compile = run_shell("cmake --build " + build + " 2>&1");
  EXPECT_EQ(compile.exit_code, 0) << compile.out;
  return root / "build" / "bench-000.so";
}

} // namespace

TEST(ReproducibleBuild, OnePluginBuiltInTwoFoldersIsByteIdentical) {
  TempDir tmp;
  const fs::path first = build_in(tmp.path() / "a"), second = build_in(tmp.path() / "somewhere" / "much" / "deeper");
  ASSERT_TRUE(fs::exists(first) && fs::exists(second));
  const std::string a = read_file(first), b = read_file(second);
  EXPECT_FALSE(has(a, tmp.path().string())) << "a build folder reached the plugin";
  EXPECT_EQ(a.size(), b.size());
  EXPECT_TRUE(a == b) << "the two builds differ: compare `readelf --debug-dump=info` of " << first << " and " << second;
  EXPECT_EQ(sha256sum(first), sha256sum(second));
}
