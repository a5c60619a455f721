// `ssmd plugin list` and `ssmd plugin show`: statuses from manifests and files, without loading anything.
#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

TEST(PluginList, ShowsEveryStatusWithoutLoadingAnything) {
  PluginEnv env;
  fs::path good = env.add("good", "test-good");
  env.add("abi", "test-abi99");
  env.add("builtin-shadow", "test-builtin-shadow");
  fs::path shadowed = env.add("good", "test-good", "second");
  fs::path loose = env.add("marker", "test-marker", "loose");
  fs::permissions(loose, fs::perms::group_write, fs::perm_options::add);
  fs::path broken = env.root() / "plugins" / "good" / "test-broken.so";
  std::string bad_manifest = (env.root() / "bad-manifest.txt").string();
  run_shell("printf 'ssmd-manifest 1\\nname test-broken\\nversion 1\\n' > " + bad_manifest);
  ASSERT_EQ(run_shell("objcopy --update-section .ssmd_manifest=" + bad_manifest + " " + good.string() + " " +
                      broken.string()).exit_code, 0);

  auto r = env.run({"plugin", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "NAME ")) << r.out;
  std::string good_row = line_starting(r.out, "test-good ");
  EXPECT_TRUE(has(good_row, "1.2.3") && has(good_row, "feed,command") && has(good_row, " ok ") &&
              has(good_row, good.string())) << r.out;
  EXPECT_TRUE(has(line_starting(r.out, "test-abi99 "), "abi-mismatch")) << r.out;
  EXPECT_TRUE(has(line_starting(r.out, "test-builtin-shadow "), "conflict")) << r.out;
  EXPECT_TRUE(has(line_starting(r.out, "test-marker "), "unsafe")) << r.out;
  EXPECT_TRUE(has(line_starting(r.out, "test-broken "), "invalid")) << r.out;
  EXPECT_TRUE(has(line_containing(r.out, shadowed.string()), " shadowed ")) << r.out;
  // The problems say why, naming the plugin.
  EXPECT_TRUE(has(r.out, "plugin ABI 99.0, but this ssmd has ABI 1.4")) << r.out;
  EXPECT_TRUE(has(r.out, "shadowed by " + good.string())) << r.out;
  EXPECT_TRUE(has(r.out, "manifest lacks name, version or abi")) << r.out;
  EXPECT_TRUE(has(r.out, loose.string() + " is writable by group or others")) << r.out;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginList, JsonCarriesTheSameFacts) {
  PluginEnv env;
  fs::path good = env.add("good", "test-good");
  env.add("abi", "test-abi99");
  auto r = env.run({"plugin", "list", "--output", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.front(), '[') << r.out;
  EXPECT_TRUE(has(r.out, "\"name\": \"test-good\",\n    \"version\": \"1.2.3\",\n    \"abi\": \"1.4\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"kinds\": [\n      \"feed\",\n      \"command\"\n    ]")) << r.out;
  EXPECT_TRUE(has(r.out, "\"kind\": \"feed\",\n        \"name\": \"t-good\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"summary\": \"Say hello from the good test plugin\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"status\": \"ok\",\n    \"problem\": null,\n    \"path\": \"" + good.string() + "\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"status\": \"abi-mismatch\"")) << r.out;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginList, TheEnvironmentVariableExtendsThePath) {
  PluginEnv env;
  fs::path good = copy_test_plugin(env.root() / "from-env", "good", "test-good");
  RunOptions options;
  options.env["SSMD_PLUGIN_PATH"] = (env.root() / "from-env").string();
  auto r = env.run({"plugin", "list"}, options);
  EXPECT_TRUE(has(line_starting(r.out, "test-good "), good.string())) << r.out << r.err;
}

TEST(PluginShow, PrintsManifestHashAndStatus) {
  PluginEnv env;
  fs::path good = env.add("good", "test-good");
  fs::path copy = env.add("good", "test-good", "second");
  auto r = env.run({"plugin", "show", "test-good"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "name:     test-good\nversion:  1.2.3\nabi:      1.4\n")) << r.out;
  EXPECT_TRUE(has(r.out, "path:     " + good.string() + "\n")) << r.out;
  EXPECT_TRUE(has(r.out, "sha256:   " + sha256sum(good) + "\n")) << r.out;
  EXPECT_TRUE(has(r.out, "status:   ok\n")) << r.out;
  EXPECT_TRUE(has(r.out, "provides:\n  feed t-good\n")) << r.out;
  EXPECT_TRUE(has(r.out, "commands:\n  t-hello  Say hello from the good test plugin\n")) << r.out;
  EXPECT_TRUE(has(r.out, "shadows:  " + copy.string())) << r.out;

  auto json = env.run({"plugin", "show", "test-good", "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(has(json.out, "\"sha256\": \"" + sha256sum(good) + "\"")) << json.out;
  EXPECT_TRUE(has(json.out, "\"shadowed\": [\n    \"" + copy.string() + "\"")) << json.out;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginShow, APluginThatCannotBeUsedSaysWhy) {
  PluginEnv env;
  env.add("abi", "test-abi99");
  auto r = env.run({"plugin", "show", "test-abi99"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "status:   abi-mismatch\nproblem:  plugin 'test-abi99'")) << r.out;
  EXPECT_TRUE(has(r.out, "99.0")) << r.out;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginShow, AnUnknownNameIsADomainErrorWithASuggestion) {
  PluginEnv env;
  env.add("good", "test-good");
  auto r = env.run({"plugin", "show", "test-god"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "no plugin named 'test-god' on the search path; did you mean 'test-good'?")) << r.err;
  auto usage = env.run({"plugin", "show"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_TRUE(has(usage.err, "missing argument name")) << usage.err;
}

TEST(PluginConflict, NeitherPluginIsUsed) {
  PluginEnv env;
  env.add("good", "test-good");
  env.add("conflict", "test-conflict");
  auto list = env.run({"plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-good "), "conflict")) << list.out;
  EXPECT_TRUE(has(line_starting(list.out, "test-conflict "), "conflict")) << list.out;
  EXPECT_TRUE(has(list.out, "plugins 'test-good' and 'test-conflict' both provide feed 't-good'")) << list.out;
  auto run = env.run({"t-hello"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_TRUE(has(run.err, "both provide feed 't-good'")) << run.err;
  EXPECT_TRUE(env.nothing_ran());
}

TEST(PluginUnsafe, AGroupOrWorldWritableDirectoryIsRefused) {
  PluginEnv env;
  fs::path file = env.add("marker", "test-marker");
  fs::permissions(file.parent_path(), fs::perms::others_write, fs::perm_options::add);
  auto list = env.run({"plugin", "list"});
  EXPECT_TRUE(has(line_starting(list.out, "test-marker "), "unsafe")) << list.out;
  // An unsafe file is never opened, so its commands are unknown; the error names the refused plugin and why.
  auto run = env.run({"t-marker"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(has(run.err, "unknown command 't-marker'")) << run.err;
  EXPECT_TRUE(has(run.err, "a refused plugin may provide it (plugin 'test-marker' refused: " + file.parent_path().string() +
                               " is writable by group or others")) << run.err;
  EXPECT_FALSE(env.ran("test-marker"));
  // Tightened again, the same plugin runs: the refusal was about the permissions only.
  fs::permissions(file.parent_path(), fs::perms::others_write, fs::perm_options::remove);
  EXPECT_EQ(env.run({"t-marker"}).exit_code, 0);
  EXPECT_TRUE(env.ran("test-marker"));
}

// The manifest's documentation url (format 2) is shown by `plugin show`, in text and JSON.
TEST(PluginShow, NamesTheManifestsDocumentationUrl) {
  TempDir dir;
  RunOptions options;
  options.cwd = dir.path();
  options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO", "SSMD_OUTPUT"};
  auto show = run_ssmd({"plugin", "show", "feed-kalshi"}, options);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(has(show.out, "abi:      1.4\nurl:      https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md\n"))
      << show.out;
  auto json = run_ssmd({"plugin", "show", "feed-kalshi", "--output", "json"}, options);
  EXPECT_TRUE(has(json.out, "\"url\": \"https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md\""))
      << json.out;
}
