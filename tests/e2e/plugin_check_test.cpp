// `ssmd plugin check FILE`: a plugin loaded alone, in a worker, and checked as ssmd checks it before use; every
// problem named, exit 0 when ssmd would load it, 1 when it would refuse it, 3 when it cannot be examined.
#include "plugin_env.hpp"

#include <ssmd/plugin.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <sstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// Runs `ssmd plugin check FILE` in `cwd`; test plugins record their loading under `markers` when given.
RunResult check(const fs::path &file, const fs::path &cwd, const fs::path &markers = {}) {
  RunOptions options;
  options.cwd = cwd;
  if (!markers.empty()) options.env["SSMD_TEST_MARKER_DIR"] = markers.string();
  options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO"};
  return run_ssmd({"plugin", "check", file.string()}, options);
}

// Lines of `out` that start with `file: severity: `.
std::vector<std::string> findings(const std::string &out, const fs::path &file, const std::string &severity) {
  std::vector<std::string> found;
  std::istringstream in(out);
  const std::string prefix = file.string() + ": " + severity + ": ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) found.push_back(line.substr(prefix.size()));
  return found;
}

} // namespace

// Every bundled plugin passes, without a single warning: each lists its rules, with categories, and names
// its documentation.
TEST(PluginCheck, EveryBundledPluginPassesWithoutAWarning) {
  TempDir dir;
  for (const char *name : {"feed-kalshi", "feed-polymarket", "schema-capnp", "secrets-env", "secrets-sealed",
                           "secrets-vault", "storage-s3"}) {
    SCOPED_TRACE(name);
    const fs::path file = build_dir() / "plugins" / (std::string(name) + ".so");
    auto r = check(file, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, file.string() + ": plugin '" + name + "' ")) << r.out;
    EXPECT_TRUE(has(r.out, "manifest format 2, ABI 1.4")) << r.out;
    EXPECT_TRUE(has(r.out, ": registers what its manifest declares: ")) << r.out;
    EXPECT_TRUE(has(r.out, "ssmd would load plugin '" + std::string(name) + "'\n")) << r.out;
    EXPECT_FALSE(has(r.out, ": warning: ")) << r.out;
    EXPECT_FALSE(has(r.out, ": error: ")) << r.out;
  }
}

TEST(PluginCheck, AManifestTheCodeContradictsIsRefusedWithEveryDisagreement) {
  PluginEnv env;
  const fs::path file = env.add("disagree", "test-disagree");
  auto r = check(file, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto errors = findings(r.out, file, "error");
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "it registers storage 't-disagree', which its manifest does not declare",
                        "its manifest declares secret 't-disagree', which its code does not register"}))
      << r.out;
  EXPECT_TRUE(has(r.out, "ssmd would refuse " + file.string() + " (2 errors)\n")) << r.out;
  // ssmd itself never loaded it: the worker did.
  EXPECT_TRUE(env.ran("test-disagree"));
  // ssmd refuses it the same way when a command needs it.
  auto run = env.run({"t-disagree"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_TRUE(has(run.err, "it registers storage 't-disagree', which its manifest does not declare")) << run.err;
}

TEST(PluginCheck, AMalformedRuleTableIsRefusedWithEveryProblemNamed) {
  PluginEnv env;
  const fs::path file = env.add("bad-rules", "test-bad-rules");
  auto r = check(file, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string prefix = "the feed validator 't-bad-rules' ";
  const std::string smallest = std::to_string(offsetof(ssmd_rule, reserved));
  EXPECT_EQ(findings(r.out, file, "error"),
            (std::vector<std::string>{
                prefix + "rule 1 ('Not An Id') has no valid id (family/name, lower case)",
                prefix + "lists rule 't-bad-rules/fine' twice",
                prefix + "rule 3 ('t-bad-rules/severity') has severity 7 (0 error, 1 warning or 2 info expected)",
                prefix + "rule 4 ('t-bad-rules/category') has category 'two words' (one word of a-z, 0-9 and '-' "
                         "expected)",
                prefix + "rule 5 ('t-bad-rules/purpose') has a purpose holding a control character",
                prefix + "rule 6 has struct_size 8 (at least " + smallest + ", at most 65536 expected)"}))
      << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "the escape sequence never reaches the terminal";
}

// A plugin of ABI 1.2 loads: its older rule table is only a warning.
TEST(PluginCheck, AnOlderPluginPassesWithAWarningAboutItsRuleTable) {
  PluginEnv env;
  const fs::path file = env.add("old-rules", "test-old-rules");
  auto r = check(file, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "manifest format 1, ABI 1.2")) << r.out;
  EXPECT_TRUE(has(r.out, "code built for plugin ABI 1.2")) << r.out;
  EXPECT_TRUE(has(r.out, ": warning: the feed validator 't-old-rules' lists its rules in the table of ABI 1.2 and "
                         "earlier"))
      << r.out;
  EXPECT_TRUE(has(r.out, ": warning: its manifest names no documentation url")) << r.out;
  EXPECT_TRUE(has(r.out, ": lists 2 rules\n")) << r.out;
  EXPECT_TRUE(has(r.out, "ssmd would load plugin 'test-old-rules'\n")) << r.out;
}

TEST(PluginCheck, FilesSsmdRefusesBeforeLoadingAreNeverLoaded) {
  PluginEnv env;
  // Another ABI major version in the manifest.
  const fs::path abi = env.add("abi", "test-abi99");
  auto r = check(abi, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, ": error: it is built for plugin ABI 99.0, and this ssmd loads ABI 1.x only")) << r.out;
  // A malformed manifest.
  const fs::path malformed = env.add("malformed", "test-malformed");
  r = check(malformed, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, ": error: its manifest is malformed: manifest line ")) << r.out;
  // A plugin under another file name than its manifest's.
  const fs::path renamed = env.root() / "renamed" / "other.so";
  fs::create_directories(renamed.parent_path());
  fs::copy_file(test_plugin("good", "test-good"), renamed);
  r = check(renamed, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "its manifest names plugin 'test-good', so its file must be named test-good.so, not other.so"))
      << r.out;
  // A shared library that is no plugin, and a text file.
  r = check("/lib/x86_64-linux-gnu/libc.so.6", env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "it is not a plugin: it has no .ssmd_manifest section")) << r.out;
  const fs::path text = env.root() / "notes.so";
  std::ofstream(text) << "not a library\n";
  r = check(text, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "it is not a plugin: not an ELF shared library")) << r.out;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginCheck, WhatCannotBeExaminedIsAnEnvironmentError) {
  PluginEnv env;
  auto missing = check(env.root() / "nowhere.so", env.root(), env.markers());
  EXPECT_EQ(missing.exit_code, 3) << missing.out << missing.err;
  EXPECT_TRUE(has(missing.err, "nowhere.so: cannot read it: ")) << missing.err;
  auto directory = check(env.root(), env.root(), env.markers());
  EXPECT_EQ(directory.exit_code, 3) << directory.err;
  EXPECT_TRUE(has(directory.err, "it is not a regular file")) << directory.err;
  // The dynamic loader cannot open it: its message is passed on.
  const fs::path unresolved = env.add("missing-symbol", "test-missing-symbol");
  auto r = check(unresolved, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "undefined symbol")) << r.err;
  auto usage = run_ssmd({"plugin", "check"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
}

// The user named the file, so one in a folder discovery would refuse is checked anyway, with a warning.
TEST(PluginCheck, AFileInAnUnsafeFolderIsCheckedWithAWarning) {
  PluginEnv env;
  const fs::path file = env.add("good", "test-good", "shared");
  fs::permissions(file.parent_path(), fs::perms::others_write, fs::perm_options::add);
  auto r = check(file, env.root(), env.markers());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, ": warning: ssmd would refuse to load it from this place, so install it elsewhere: "))
      << r.out;
  EXPECT_TRUE(has(r.out, "writable by group or others")) << r.out;
  fs::permissions(file.parent_path(), fs::perms::others_write, fs::perm_options::remove);
}
