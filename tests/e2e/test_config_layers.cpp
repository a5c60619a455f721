// Configuration precedence, proved by what each setting does rather than by what `config show` says:
// flags beat environment variables beat the repository's .ssmd/config.yaml beat the user's
// $XDG_CONFIG_HOME/ssmd/config.yaml beat the committed ssmd.yaml, for the output format, colour, disabled
// lint rules and capnp import paths; the plugin path comes from flags, variables and the user's file only.
// (Settings with no flag or variable are checked on the layers they have.)
#include "../test-plugins/test_plugins.hpp"
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// A repository with one feed, the user's config directory of GitRepo (HOME/.config) and helpers to write
// each layer.
class ConfigLayers : public ::testing::Test {
protected:
  void SetUp() override { repo_.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"})); }

  void user_config(const std::string &yaml) const { write_file(repo_.base() / "home/.config/ssmd/config.yaml", yaml); }
  void repo_config(const std::string &yaml) const { repo_.write(".ssmd/config.yaml", yaml); }

  RunResult ssmd(const std::vector<std::string> &args, const std::map<std::string, std::string> &env = {}) const {
    RunOptions o = repo_.options();
    o.unset_env.insert(o.unset_env.end(), {"SSMD_OUTPUT", "SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "NO_COLOR"});
    for (const auto &[key, value] : env) o.env[key] = value;
    return run_ssmd(args, o);
  }

  GitRepo repo_;
};

bool is_json(const RunResult &r) { return !r.out.empty() && (r.out[0] == '[' || r.out[0] == '{'); }
bool is_table(const RunResult &r) { return r.out.starts_with("NAME"); }
bool coloured(const RunResult &r) { return has(r.out, "\x1b["); }

} // namespace

TEST_F(ConfigLayers, OutputFormat) {
  repo_.write("ssmd.yaml", "output: json\n");
  EXPECT_TRUE(is_json(ssmd({"feed", "list"}))) << "the committed team settings";
  user_config("output: text\n");
  EXPECT_TRUE(is_table(ssmd({"feed", "list"}))) << "user config beats the team settings";
  user_config("output: json\n");
  EXPECT_TRUE(is_json(ssmd({"feed", "list"}))) << "user config";
  repo_config("output: text\n");
  EXPECT_TRUE(is_table(ssmd({"feed", "list"}))) << "repository config beats user config";
  EXPECT_TRUE(is_json(ssmd({"feed", "list"}, {{"SSMD_OUTPUT", "json"}}))) << "SSMD_OUTPUT beats repository config";
  EXPECT_TRUE(is_table(ssmd({"feed", "list", "--output", "text"}, {{"SSMD_OUTPUT", "json"}}))) << "--output beats SSMD_OUTPUT";
}

// Output is piped here, so colour appears only when a layer forces it.
TEST_F(ConfigLayers, Colour) {
  // A finding to print: the feed's exchange has no plugin.
  ASSERT_TRUE(has(ssmd({"validate", "--no-cache"}).out, "warning")) << "validate has something to colour";
  user_config("color: always\n");
  EXPECT_TRUE(coloured(ssmd({"validate", "--no-cache"}))) << "user config";
  repo_config("color: never\n");
  EXPECT_FALSE(coloured(ssmd({"validate", "--no-cache"}))) << "repository config beats user config";
  repo_config("color: always\n");
  EXPECT_TRUE(coloured(ssmd({"validate", "--no-cache"})));
  EXPECT_FALSE(coloured(ssmd({"validate", "--no-cache"}, {{"NO_COLOR", "1"}}))) << "NO_COLOR beats repository config";
  EXPECT_TRUE(coloured(ssmd({"--color", "always", "validate", "--no-cache"}, {{"NO_COLOR", "1"}})))
      << "--color beats NO_COLOR";
}

TEST_F(ConfigLayers, PluginPath) {
  TempDir dirs;
  const fs::path user = dirs.path() / "user", repo = dirs.path() / "repo", env = dirs.path() / "env",
                 flag = dirs.path() / "flag";
  copy_test_plugin(user, "good", "test-good");
  copy_test_plugin(repo, "command", "test-command");
  copy_test_plugin(env, "marker", "test-marker");
  copy_test_plugin(flag, "good", "test-good");
  auto listed = [&](const RunResult &r, const fs::path &dir) { return has(r.out, dir.string() + "/"); };

  user_config("plugin_path: [" + user.string() + "]\n");
  auto u = ssmd({"plugin", "list"});
  EXPECT_TRUE(listed(u, user)) << u.out;
  // A repository's files never choose plugin folders: its plugin_path is ignored, with a warning naming it.
  repo_config("plugin_path: [" + repo.string() + "]\n");
  auto r = ssmd({"plugin", "list"});
  EXPECT_TRUE(listed(r, user) && !listed(r, repo)) << "the repository's plugin_path is ignored\n" << r.out;
  EXPECT_TRUE(has(r.err, "ignoring 'plugin_path' at " + (repo_.root() / ".ssmd/config.yaml").string() + ":1:"))
      << r.err;
  repo_.write("ssmd.yaml", "plugin_path: [" + repo.string() + "]\n");
  auto t = ssmd({"plugin", "list"});
  EXPECT_TRUE(listed(t, user) && !listed(t, repo)) << "nor the committed team settings'\n" << t.out;
  auto e = ssmd({"plugin", "list"}, {{"SSMD_PLUGIN_PATH", env.string()}});
  EXPECT_TRUE(listed(e, env) && !listed(e, user)) << "SSMD_PLUGIN_PATH replaces the configured path\n" << e.out;
  // --plugin-path comes first and SSMD_PLUGIN_PATH after it (docs/environment.md): test-good from the flag's
  // directory wins, and the variable's directory is still searched.
  auto f = ssmd({"--plugin-path", flag.string(), "plugin", "list"}, {{"SSMD_PLUGIN_PATH", env.string()}});
  EXPECT_TRUE(listed(f, flag) && listed(f, env) && !listed(f, user)) << f.out;
}

TEST_F(ConfigLayers, DisabledRules) {
  write_trade(repo_, {{"v1", "trade.v1.capnp", bundled_trade()}}); // its recorded hash is all zeros
  auto plain = ssmd({"validate", "--no-cache"});
  ASSERT_EQ(plain.exit_code, 1) << plain.out;
  ASSERT_TRUE(has(plain.out, "[schema/hash-mismatch]")) << plain.out;
  user_config("validate:\n  disabled_rules: [schema/hash-mismatch]\n");
  auto u = ssmd({"validate", "--no-cache"});
  EXPECT_FALSE(has(u.out, "[schema/hash-mismatch]")) << "user config\n" << u.out;
  repo_config("validate:\n  disabled_rules: [feed/nothing-like-this]\n");
  auto r = ssmd({"validate", "--no-cache"});
  EXPECT_TRUE(has(r.out, "[schema/hash-mismatch]")) << "the repository's list replaces the user's\n" << r.out;
}

TEST_F(ConfigLayers, CapnpImportPaths) {
  repo_.write("vendor/market/side.capnp", "@0xc3b9c0e9e3a6a0f1;\nenum Side {\n  buy @0;\n  sell @1;\n}\n");
  std::string newer = replaced(trade_with_added_field(), "  venue @8 :Text;", "  side @8 :import \"/market/side.capnp\".Side;");
  write_trade(repo_, {{"v1", "trade.v1.capnp", bundled_trade()}, {"v2", "trade.v2.capnp", newer}});
  const std::string vendor = (repo_.root() / "vendor").string(), elsewhere = (repo_.root() / "elsewhere").string();
  auto breaking = [&](std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"schema", "breaking", "trade"};
    args.insert(args.end(), extra.begin(), extra.end());
    return ssmd(args);
  };
  ASSERT_TRUE(has(breaking().out, "[capnp/import]")) << "without an import path the import fails";
  user_config("capnp:\n  import_paths: [" + vendor + "]\n");
  auto u = breaking();
  EXPECT_EQ(u.exit_code, 0) << "user config\n" << u.out;
  repo_config("capnp:\n  import_paths: [" + elsewhere + "]\n");
  auto r = breaking();
  EXPECT_TRUE(has(r.out, "[capnp/import]")) << "the repository's paths replace the user's\n" << r.out;
  auto f = breaking({"--import-path", vendor});
  EXPECT_EQ(f.exit_code, 0) << "--import-path beats the configured paths\n" << f.out;
}
