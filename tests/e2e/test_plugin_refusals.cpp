// Plugins whose manifest section is truncated, over 64 KiB or malformed are refused with the reason and never
// loaded; a plugin whose code contradicts the ABI its manifest states is refused before any of its functions
// runs. (A manifest that states another ABI is covered in test_plugin_list.cpp and test_plugin_commands.cpp.)
#include "plugin_env.hpp"

#include <ssmd/plugin.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {
// `name`'s row of `ssmd plugin list`, and its problem line.
void expect_invalid(const RunResult &list, const std::string &name, const std::string &problem) {
  EXPECT_TRUE(has(line_starting(list.out, name + " "), " invalid ")) << list.out;
  EXPECT_TRUE(has(line_containing(list.out, "  " + name + ": "), problem)) << list.out;
}
} // namespace

TEST(PluginRefusals, TruncatedHugeAndMalformedManifestsAreInvalidAndNeverLoaded) {
  PluginEnv env;
  fs::path good = env.add("good", "test-good");
  const std::string bytes = read_file(good);
  fs::path cut = env.root() / "plugins" / "good" / "test-cut.so";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  env.add("huge", "test-huge");
  env.add("malformed", "test-malformed");

  auto list = env.run({"plugin", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  expect_invalid(list, "test-cut", "lie outside the file");
  expect_invalid(list, "test-huge", "section .ssmd_manifest is 70000 bytes; the limit is 65536");
  expect_invalid(list, "test-malformed", "command 't-malformed' has a control character in its summary");
  EXPECT_TRUE(has(line_starting(list.out, "test-good "), " ok ")) << list.out; // its neighbours are unaffected

  for (const std::string name : {"test-cut", "test-huge", "test-malformed"}) {
    auto show = env.run({"plugin", "show", name});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    EXPECT_TRUE(has(show.out, "status:   invalid\nproblem:  plugin file ")) << show.out;
  }
  // Their commands do not exist, and the escape sequence never reaches the help text.
  auto help = env.run({"--help"});
  EXPECT_FALSE(has(help.out, "t-huge")) << help.out;
  EXPECT_FALSE(has(help.out, "t-malformed")) << help.out;
  EXPECT_EQ(help.out.find('\x1b'), std::string::npos);
  auto run = env.run({"t-huge"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginRefusals, CodeThatContradictsTheManifestsAbiIsRefusedBeforeItRuns) {
  PluginEnv env;
  env.add("abi-liar", "test-abi-liar");
  // The manifest is honest-looking, so listing cannot tell (and does not load it).
  auto list = env.run({"plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-abi-liar "), " ok ")) << list.out;
  EXPECT_TRUE(env.nothing_ran());
  // Using it loads it, finds ABI 99.x in its table, and refuses it before calling anything.
  auto run = env.run({"t-abi-liar"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_TRUE(has(run.err, "refused plugin 'test-abi-liar'")) << run.err;
  const std::string abi_minor = std::to_string(SSMD_ABI_VERSION_MINOR);
  EXPECT_TRUE(has(run.err, "its code was built for plugin ABI 99." + abi_minor + " although its manifest says 1." +
                               abi_minor))
      << run.err;
  EXPECT_FALSE(has(run.out, "the ABI liar ran")) << run.out;
}
