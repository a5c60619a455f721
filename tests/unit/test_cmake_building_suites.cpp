// Every test that configures or builds a CMake project belongs to a suite named in
// SSMD_CMAKE_BUILDING_SUITES (tests/CMakeLists.txt), which labels them `builds-cmake` so that `make test`
// runs them once rather than again under the sanitizers. A new such test outside the list would silently
// run twice and slow CI; a name left in the list after its tests are gone labels nothing. Both fail here.
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path &file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The suites SSMD_CMAKE_BUILDING_SUITES names ("A|B|C").
std::set<std::string> labelled_suites() {
  const std::string cmake = read_text(ssmd::test::source_dir() / "tests" / "CMakeLists.txt");
  std::smatch match;
  if (!std::regex_search(cmake, match, std::regex(R"re(set\(SSMD_CMAKE_BUILDING_SUITES "([^"]*)"\))re"))) return {};
  std::set<std::string> out;
  std::stringstream names(match[1].str());
  for (std::string name; std::getline(names, name, '|');) out.insert(name);
  return out;
}

// The suites of the test files that run `cmake -S` or `cmake --build` (the command, not a string that
// merely mentions it: `run_shell("cmake ...`).
std::set<std::string> suites_that_run_cmake() {
  const std::regex runs_cmake(R"(run_shell\("cmake (-S|--build) )");
  const std::regex test_suite(R"(\bTEST(_F)?\((\w+),)");
  std::set<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(ssmd::test::source_dir() / "tests")) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string text = read_text(entry.path());
    if (!std::regex_search(text, runs_cmake)) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), test_suite), end; it != end; ++it)
      out.insert((*it)[2].str());
  }
  return out;
}

} // namespace

TEST(CMakeBuildingSuites, EveryTestThatBuildsACMakeProjectIsLabelledAndEveryLabelIsUsed) {
  const auto labelled = labelled_suites();
  const auto running = suites_that_run_cmake();
  ASSERT_FALSE(labelled.empty()) << "tests/CMakeLists.txt no longer sets SSMD_CMAKE_BUILDING_SUITES";
  ASSERT_FALSE(running.empty()) << "no test runs cmake: the scan is broken (the SDK tests do)";
  for (const auto &suite : running)
    EXPECT_TRUE(labelled.count(suite)) << suite << " runs cmake: add it to SSMD_CMAKE_BUILDING_SUITES";
  for (const auto &suite : labelled)
    EXPECT_TRUE(running.count(suite)) << suite << " is in SSMD_CMAKE_BUILDING_SUITES but runs no cmake";
}
