// `ssmd plugin new`: what it writes, where, and what it refuses. Building the result is
// test_plugin_new_build.cpp's job.
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

RunResult plugin_new(const TempDir &dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"plugin", "new"});
  RunOptions options;
  options.cwd = dir.path();
  return run_ssmd(args, options);
}

// Every file under `root`, relative and sorted.
std::vector<std::string> files_under(const fs::path &root) {
  std::vector<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) out.push_back(entry.path().lexically_relative(root).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST(PluginNew, WritesAFeedProjectNamedAfterThePlugin) {
  TempDir dir;
  auto r = plugin_new(dir, {"feed-acme"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path project = dir.path() / "feed-acme";
  EXPECT_EQ(files_under(project),
            (std::vector<std::string>{".gitignore", "CMakeLists.txt", "README.md", "src/acme_feed.cpp",
                                      "tests/plugin_harness.hpp", "tests/test_acme_feed.cpp"}));
  const std::string cmake = read_file(project / "CMakeLists.txt");
  EXPECT_TRUE(has(cmake, "find_package(ssmd-sdk 0.1 REQUIRED)")) << cmake;
  EXPECT_TRUE(has(cmake, "ssmd_add_plugin(feed-acme SOURCES src/acme_feed.cpp)")) << cmake;
  EXPECT_TRUE(has(cmake, "install(TARGETS feed-acme LIBRARY DESTINATION lib/ssmd/plugins)")) << cmake;
  const std::string source = read_file(project / "src/acme_feed.cpp");
  EXPECT_TRUE(has(source, "SSMD_PLUGIN_MANIFEST_URL(\"feed-acme\", PLUGIN_VERSION, \"https://acme.example/ssmd/feed-acme\", "
                          "SSMD_PROVIDES_FEED(\"acme\"))"))
      << source;
  EXPECT_TRUE(has(source, "SSMD_SEVERITY_ERROR, \"endpoint\"}}")) << "the rule has a severity and a category:\n" << source;
  EXPECT_TRUE(has(cmake, "add_test(NAME feed-acme-plugin-check COMMAND \"${SSMD_EXECUTABLE}\" plugin check")) << cmake;
  EXPECT_TRUE(has(source, "SSMD_PLUGIN_EXPORT(ssmd::feed<AcmeFeed>(\"acme\"))"));
  EXPECT_TRUE(has(source, "\"acme/endpoint-host\""));
  const std::string readme = read_file(project / "README.md");
  for (const char *step : {"cmake --build build", "ctest --test-dir build", "SSMD_PLUGIN_PATH=\"$PWD/build\"",
                           "lib/ssmd/plugins", "ssmd plugin lock"})
    EXPECT_TRUE(has(readme, step)) << step;
  // The summary names what was made and how to build it.
  EXPECT_TRUE(has(r.out, "Created feed-acme, a feed validator for exchange 'acme', in " + project.string())) << r.out;
  EXPECT_TRUE(has(r.out, "ctest --test-dir " + project.string() + "/build")) << r.out;
}

TEST(PluginNew, EveryKindIsFilledInCompletelyAndNamesNothingReal) {
  TempDir dir;
  const std::regex placeholder("@[A-Z_]+@");
  for (const char *name : {"feed-acme-fx", "schema-acme", "secrets-acme", "storage-acme"}) {
    auto r = plugin_new(dir, {name});
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    for (const auto &file : files_under(dir.path() / name)) {
      const std::string text = read_file(dir.path() / name / file);
      EXPECT_FALSE(std::regex_search(text, placeholder)) << name << "/" << file;
      for (const char *real : {"kalshi", "polymarket", "capnp", "vault", "sealed", "s3"})
        EXPECT_FALSE(std::regex_search(text, std::regex(std::string("\\b") + real + "\\b")))
            << name << "/" << file << ": " << real;
    }
  }
  // A hyphenated exchange becomes one C++ class name and one file stem.
  EXPECT_TRUE(has(read_file(dir.path() / "feed-acme-fx/src/acme_fx_feed.cpp"), "class AcmeFxFeed"));
}

TEST(PluginNew, TheKindComesFromTheNamePrefixUnlessGiven) {
  TempDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string source, provides;
  };
  const std::vector<Case> cases = {
      {{"schema-acme"}, "schema-acme/src/acme_format.cpp", "SSMD_PROVIDES_SCHEMA_FORMAT(\"acme\")"},
      {{"secrets-acme"}, "secrets-acme/src/acme_secrets.cpp", "SSMD_PROVIDES_SECRET(\"acme\")"},
      {{"storage-acme"}, "storage-acme/src/acme_storage.cpp", "SSMD_PROVIDES_STORAGE(\"acme\")"},
      {{"acme"}, "acme/src/acme_feed.cpp", "SSMD_PROVIDES_FEED(\"acme\")"},
      // A flag wins; a prefix that is not the kind's own stays part of what the plugin provides.
      {{"acme-store", "--kind", "storage"},
       "acme-store/src/acme_store_storage.cpp",
       "SSMD_PROVIDES_STORAGE(\"acme-store\")"},
      {{"schema-acme2", "--kind", "schema-format"},
       "schema-acme2/src/acme2_format.cpp",
       "SSMD_PROVIDES_SCHEMA_FORMAT(\"acme2\")"},
  };
  for (const auto &c : cases) {
    auto r = plugin_new(dir, c.args);
    ASSERT_EQ(r.exit_code, 0) << c.args[0] << ": " << r.err;
    ASSERT_TRUE(fs::exists(dir.path() / c.source)) << c.source;
    EXPECT_TRUE(has(read_file(dir.path() / c.source), c.provides)) << c.source;
  }
}

TEST(PluginNew, WritesIntoAnEmptyDirectoryButRefusesANonEmptyOne) {
  TempDir dir;
  fs::create_directories(dir.path() / "empty");
  auto into_empty = plugin_new(dir, {"feed-acme", "--dir", "empty"});
  EXPECT_EQ(into_empty.exit_code, 0) << into_empty.err;
  EXPECT_TRUE(fs::exists(dir.path() / "empty/src/acme_feed.cpp"));

  // `--dir .` in an empty working directory fills it in place.
  fs::create_directories(dir.path() / "here");
  RunOptions in_here;
  in_here.cwd = dir.path() / "here";
  auto here = run_ssmd({"plugin", "new", "feed-acme", "--dir", "."}, in_here);
  EXPECT_EQ(here.exit_code, 0) << here.err;
  EXPECT_TRUE(fs::exists(dir.path() / "here/CMakeLists.txt"));

  dir.write("taken/notes.txt", "mine\n");
  auto refused = plugin_new(dir, {"feed-acme", "--dir", "taken"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(has(refused.err, (dir.path() / "taken").string() + " exists and is not empty")) << refused.err;
  EXPECT_EQ(files_under(dir.path() / "taken"), std::vector<std::string>{"notes.txt"});

  dir.write("file", "x");
  EXPECT_EQ(plugin_new(dir, {"feed-acme", "--dir", "file"}).exit_code, 1);
  // A second run over the first project is refused too, and nothing is left behind by either.
  EXPECT_EQ(plugin_new(dir, {"feed-acme", "--dir", "empty"}).exit_code, 1);
  for (const auto &entry : fs::directory_iterator(dir.path()))
    EXPECT_FALSE(entry.path().filename().string().starts_with(".")) << "staging left behind: " << entry.path();
}

TEST(PluginNew, RefusesInvalidNamesAndKindsWithUsageErrors) {
  TempDir dir;
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{{"Feed-Acme"},
                                                                             {"feed_acme!"},
                                                                             {"9feed"},
                                                                             {"feed-"},
                                                                             {"feed-9x"},
                                                                             {"secrets-"},
                                                                             {"feed-acme", "--kind", "exchange"},
                                                                             {}}) {
    auto r = plugin_new(dir, args);
    EXPECT_EQ(r.exit_code, 2) << (args.empty() ? "(no name)" : args[0]) << "\n" << r.err;
  }
  EXPECT_TRUE(fs::is_empty(dir.path())) << "nothing is written on a usage error";
  EXPECT_TRUE(has(plugin_new(dir, {"feed-"}).err, "to name what it provides"));
  EXPECT_TRUE(has(plugin_new(dir, {"Feed-Acme"}).err, "must match ^[a-z][a-z0-9_-]{0,63}$"));
  EXPECT_TRUE(has(plugin_new(dir, {"feed-acme", "--kind", "exchange"}).err,
                  "--kind must be feed, schema-format, secret or storage"));
}
