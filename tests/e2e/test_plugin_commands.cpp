// Commands that plugins add: listed in `ssmd --help` from manifests, dispatched by loading the plugin.
#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

TEST(PluginCommands, HelpListsThemWithoutLoadingAnything) {
  PluginEnv env;
  env.add("good", "test-good");
  env.add("command", "test-command");
  env.add("marker", "test-marker");
  env.add("abi", "test-abi99");
  auto r = env.run({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t heading = r.out.find("\nPlugin commands:\n");
  ASSERT_NE(heading, std::string::npos) << r.out;
  std::string section = r.out.substr(heading);
  EXPECT_TRUE(has(line_starting(section, "  t-echo "), "Echo what the host passes to a plugin  [test-command]")) << r.out;
  EXPECT_TRUE(has(line_starting(section, "  t-hello "), "Say hello from the good test plugin")) << r.out;
  EXPECT_TRUE(has(line_starting(section, "  t-marker "), "Proves when the marker plugin loads")) << r.out;
  EXPECT_EQ(line_starting(section, "  t-abi99 "), "") << "commands of unusable plugins are not offered";
  EXPECT_TRUE(has(r.out, "1 plugin cannot be used; run 'ssmd plugin list' to see why.")) << r.out;
  EXPECT_LT(r.out.find("  plugin list"), heading) << "built-ins come first";
  for (auto args : std::vector<std::vector<std::string>>{{"help"}, {"plugin", "list"}, {"plugin", "show", "test-marker"}})
    EXPECT_EQ(env.run(args).exit_code, 0);
  EXPECT_TRUE(env.nothing_ran()) << "--help, plugin list and plugin show must not load any plugin";
}

TEST(PluginCommands, DispatchPassesArgvAndTheExitCode) {
  PluginEnv env;
  env.add("command", "test-command");
  auto r = env.run({"t-echo", "one", "--two", "--", "three"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "argv[0]=t-echo\nargv[1]=one\nargv[2]=--two\nargv[3]=--\nargv[4]=three\n")) << r.out;
  EXPECT_TRUE(has(r.out, "repo_root=" + fs::canonical(env.repo()).string() + "\n")) << r.out;
  EXPECT_TRUE(has(r.out, "version=0.")) << r.out;
  EXPECT_EQ(env.run({"t-echo", "--exit", "4"}).exit_code, 4);

  RunOptions outside;
  outside.cwd = env.root();
  auto out = env.run({"t-echo"}, outside);
  EXPECT_TRUE(has(out.out, "repo_root=\n")) << "outside a repository the root is empty: " << out.out;
}

TEST(PluginCommands, HelpOfAPluginCommandIsThePlugins) {
  PluginEnv env;
  env.add("command", "test-command");
  for (auto args : std::vector<std::vector<std::string>>{{"t-echo", "--help"}, {"help", "t-echo"}}) {
    auto r = env.run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "help from the test-command plugin")) << r.out;
  }
}

TEST(PluginCommands, SuggestionsIncludePluginCommands) {
  PluginEnv env;
  env.add("command", "test-command");
  auto r = env.run({"t-ecko"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "unknown command 't-ecko'; did you mean 't-echo'?")) << r.err;
}

TEST(PluginCommands, AMissingSymbolIsAnEnvironmentErrorNamingTheFile) {
  PluginEnv env;
  fs::path file = env.add("missing-symbol", "test-missing-symbol");
  auto r = env.run({"t-missing"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "cannot load plugin 'test-missing-symbol' (" + file.string() + ")")) << r.err;
  EXPECT_TRUE(has(r.err, "undefined symbol: ssmd_test_function_nobody_defines")) << r.err;
  EXPECT_FALSE(env.ran("test-missing-symbol"));
}

TEST(PluginCommands, APluginWhoseCodeContradictsItsManifestIsRefused) {
  PluginEnv env;
  env.add("liar", "test-liar");
  auto r = env.run({"t-liar"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "refused plugin 'test-liar'")) << r.err;
  EXPECT_TRUE(has(r.err, "registers feed 't-undeclared', which its manifest does not declare")) << r.err;
}

TEST(PluginCommands, AnAbiMismatchIsRefusedWithoutLoading) {
  PluginEnv env;
  env.add("abi", "test-abi99");
  auto r = env.run({"t-abi99"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "plugin 'test-abi99'")) << r.err;
  EXPECT_TRUE(has(r.err, "built for plugin ABI 99.0, but this ssmd has ABI 1.4")) << r.err;
  EXPECT_FALSE(env.ran("test-abi99"));
}

TEST(PluginCommands, ABuiltInCannotBeShadowed) {
  PluginEnv env;
  env.add("builtin-shadow", "test-builtin-shadow");
  auto r = env.run({"plugin", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(line_starting(r.out, "test-builtin-shadow "), "conflict")) << r.out;
  EXPECT_TRUE(has(r.out, "declares command 'plugin', which would shadow the built-in command")) << r.out;
  EXPECT_FALSE(env.ran("test-builtin-shadow"));
}
