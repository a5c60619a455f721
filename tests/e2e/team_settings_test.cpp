// The committed team settings, ssmd.yaml: rule severities applied by validate, by the check before every
// write and by commit; the file checked like every other (findings at file:line:col); `ssmd init` writes a
// commented one; `config show` names where each value came from; it never chooses which plugins run.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// A feed whose only finding is the Kalshi plugin's warning about a host it does not list.
const char *const k_feed = R"(name: kalshi
display_name: Kalshi Exchange
type: websocket
status: active
versions:
  - version: v2
    effective_from: 2025-01-01
    protocol: wss
    endpoint: wss://api.kalshi.com/trade-api/ws/v2
    auth_method: api_key
    rate_limit_per_second: 10
    max_symbols_per_connection: 100
    supports_orderbook: true
    supports_trades: true
calendar:
  timezone: America/New_York
)";

class TeamSettings : public ::testing::Test {
protected:
  void SetUp() override {
    fs::create_directories(git.root() / "exchanges/schemas");
    fs::create_directories(git.root() / "exchanges/environments");
    git.write("exchanges/feeds/kalshi.yaml", k_feed);
    git.commit_all("a feed");
  }
  RunResult ssmd(const std::vector<std::string> &args) const {
    RunOptions o = git.options();
    for (const char *name : {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"})
      o.unset_env.push_back(name);
    return run_ssmd(args, o);
  }
  GitRepo git;
};

} // namespace

TEST_F(TeamSettings, RaisingAPluginRuleToErrorFailsValidateAWriteAndCommit) {
  ASSERT_EQ(ssmd({"validate"}).exit_code, 0);
  git.write("ssmd.yaml", "version: 1\nrules:\n  kalshi/endpoint-host: error\n");
  auto validate = ssmd({"validate"});
  EXPECT_EQ(validate.exit_code, 1) << validate.out;
  EXPECT_TRUE(std::regex_search(validate.out,
                                std::regex(R"(kalshi\.yaml:9:15: error: .*\[kalshi/endpoint-host\])")))
      << validate.out;

  // A write that adds another such host is refused: the same verdict as validate's.
  const std::string before = git.read("exchanges/feeds/kalshi.yaml");
  auto add = ssmd({"feed", "add-version", "kalshi", "--version", "v3", "--effective-from", "2025-07-01", "--endpoint",
                   "wss://new.kalshi.com/trade-api/ws/v2"});
  EXPECT_EQ(add.exit_code, 1) << add.err;
  EXPECT_TRUE(has(add.err, "nothing was written") && has(add.err, "[kalshi/endpoint-host]")) << add.err;
  EXPECT_EQ(git.read("exchanges/feeds/kalshi.yaml"), before);

  auto commit = ssmd({"commit", "-m", "settings"});
  EXPECT_EQ(commit.exit_code, 1) << commit.out << commit.err;

  // Lowered to off, the finding is gone everywhere; the family form works too.
  git.write("ssmd.yaml", "version: 1\nrules:\n  kalshi/*: off\n");
  auto quiet = ssmd({"validate"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_FALSE(has(quiet.out, "kalshi/endpoint-host")) << quiet.out;
  EXPECT_EQ(ssmd({"commit", "-m", "settings"}).exit_code, 0);
  EXPECT_EQ(git.git_ok("show --name-only --format= HEAD"), "ssmd.yaml\n") << "ssmd.yaml is metadata ssmd commits";
}

// The most specific setting wins, and a user's (or the local) file overrides one rule the team set.
TEST_F(TeamSettings, AnExactIdBeatsAFamilyAndAHigherLayerBeatsTheTeam) {
  git.write("ssmd.yaml", "version: 1\nrules:\n  kalshi/*: error\n  kalshi/endpoint-host: warning\n");
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
  git.write("ssmd.yaml", "version: 1\nrules:\n  kalshi/endpoint-host: error\n");
  git.write(".ssmd/config.yaml", "rules:\n  kalshi/endpoint-host: warning\n");
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
  // validate.disabled_rules keeps working, and wins over rules:.
  git.write(".ssmd/config.yaml", "validate:\n  disabled_rules: [kalshi/endpoint-host]\n");
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(has(r.out, "kalshi/endpoint-host")) << r.out;
}

TEST_F(TeamSettings, TheFileIsCheckedWithFindingsAtLineAndColumn) {
  git.write("ssmd.yaml", "version: 1\n"
                         "rules:\n"
                         "  kalshi/endpoint-host: fatal\n"
                         "  plugin/missing: off\n"
                         "  feed/unknown-kye: warning\n"
                         "rule:\n"
                         "  feed/unknown-key: off\n"
                         "data:\n"
                         "  raw: [a, b]\n"
                         "  bucket: x\n"
                         "breaking:\n"
                         "  fail_on: wire\n"
                         "plugin_path: [tools/plugins]\n");
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  for (const char *expected :
       {R"(ssmd\.yaml:3:25: error: rules\.kalshi/endpoint-host must be `off`, `warning` or `error`, not `fatal` \[settings/rule-level\])",
        R"(ssmd\.yaml:4:19: error: `plugin/missing` cannot be lowered.*\[settings/rule-level\])",
        R"(ssmd\.yaml:5:3: warning: no core rule is called `feed/unknown-kye`; did you mean `feed/unknown-key`\?.*\[settings/unknown-rule\])",
        R"(ssmd\.yaml:6:1: error: ssmd\.yaml has no section `rule`; did you mean `rules`\? \[settings/unknown-key\])",
        R"(ssmd\.yaml:9:8: error: `data\.raw` must be a string \[settings/wrong-type\])",
        R"(ssmd\.yaml:10:3: error: `data` has no key `bucket`.*\[settings/unknown-key\])",
        R"(ssmd\.yaml:12:12: error: `breaking\.fail_on` must be a list of strings \[settings/wrong-type\])",
        R"(ssmd\.yaml:13:1: error: `plugin_path` cannot be set in a committed file.*\[settings/not-allowed\])"})
    EXPECT_TRUE(std::regex_search(r.out, std::regex(expected))) << expected << "\n" << r.out;
  // The invalid severity and the refused lowering are not applied: the plugin finding keeps its severity.
  EXPECT_TRUE(has(r.out, "warning: `api.kalshi.com` is inside Kalshi's domains")) << r.out;
  // Reported once, as findings, not again as warnings on stderr.
  EXPECT_FALSE(has(r.err, "fatal")) << r.err;

  git.write("ssmd.yaml", "rules:\n  kalshi/endpoint-host: warning\n");
  auto unversioned = ssmd({"validate"});
  EXPECT_EQ(unversioned.exit_code, 0) << unversioned.out;
  EXPECT_TRUE(has(unversioned.out, "ssmd.yaml:1:1: warning: ssmd.yaml has no `version:`")) << unversioned.out;
  git.write("ssmd.yaml", "version: 2\n");
  EXPECT_TRUE(has(ssmd({"validate"}).out, "ssmd.yaml:1:10: error: this ssmd reads ssmd.yaml `version: 1`, not `2`"));
}

// `breaking.fail_on` names categories `ssmd schema breaking` knows; a misspelt one is caught where it is.
TEST_F(TeamSettings, BreakingFailOnNamesKnownCategories) {
  git.write("ssmd.yaml", "version: 1\nbreaking:\n  fail_on: [wire, removal, hygiene]\n");
  EXPECT_FALSE(has(ssmd({"validate"}).out, "ssmd.yaml:"));
  git.write("ssmd.yaml", "version: 1\nbreaking:\n  fail_on: [wire, wire-breaking]\n");
  auto bad = ssmd({"validate"});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_TRUE(has(bad.out, "ssmd.yaml:3:19: error: `breaking.fail_on` has no category `wire-breaking`")) << bad.out;
}

// `check_keys.fail_on` (the statuses `ssmd env check-keys` fails on) is a section of its own, checked.
TEST_F(TeamSettings, CheckKeysFailOnIsASectionWithKnownStatuses) {
  git.write("ssmd.yaml", "version: 1\ncheck_keys:\n  fail_on: [rotation-due, unknown-age]\n");
  auto good = ssmd({"validate"});
  EXPECT_FALSE(has(good.out, "ssmd.yaml:")) << good.out;
  git.write("ssmd.yaml", "version: 1\ncheck_keys:\n  fail_on: [rotation-due, expired]\n  when: always\n");
  auto bad = ssmd({"validate"});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_TRUE(has(bad.out, "ssmd.yaml:3:27: error: `check_keys.fail_on` takes `rotation-due` and `unknown-age`, not `expired`"))
      << bad.out;
  EXPECT_TRUE(has(bad.out, "ssmd.yaml:4:3: error: `check_keys` has no key `when`")) << bad.out;
}

// A repository's file may judge findings, never choose which plugins load.
TEST_F(TeamSettings, ItCannotAddAPluginSearchPath) {
  fs::create_directories(git.root() / "tools/plugins");
  fs::copy_file(build_dir() / "plugins/feed-kalshi.so", git.root() / "tools/plugins/feed-acme.so");
  git.write("ssmd.yaml", "version: 1\nplugin_path: [tools/plugins]\n");
  auto list = ssmd({"plugin", "list"});
  EXPECT_FALSE(has(list.out, "tools/plugins")) << list.out;
  EXPECT_TRUE(has(list.err, "ignoring 'plugin_path'")) << list.err;
}

TEST_F(TeamSettings, ConfigShowNamesTheTeamFileAsTheOrigin) {
  git.write("ssmd.yaml", "version: 1\nrules:\n  feed/unknown-key: off\ndata:\n  raw: s3://ssmd-raw\n");
  auto r = ssmd({"config", "show"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string root = git.root().string();
  EXPECT_TRUE(std::regex_search(r.out, std::regex("rules\\.feed/unknown-key +off +" + root + "/ssmd\\.yaml:3:21")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("data\\.raw +s3://ssmd-raw +" + root + "/ssmd\\.yaml:5:8"))) << r.out;
}

// `ssmd init` writes a commented ssmd.yaml that is version 1, validates without a finding, and sets nothing.
TEST_F(TeamSettings, InitWritesACommentedFileThatValidatesClean) {
  TempDir dir;
  RunOptions o = git.options(dir.path());
  o.unset_env.push_back("SSMD_PLUGINS");
  auto init = run_ssmd({"init"}, o);
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(has(init.out, "created ssmd.yaml")) << init.out;
  const std::string text = read_file(dir.path() / "ssmd.yaml");
  EXPECT_TRUE(has(text, "\nversion: 1\n")) << text;
  EXPECT_TRUE(has(text, "\n# rules:\n#   kalshi/endpoint-host: error")) << text;
  EXPECT_TRUE(has(text, "# data:")) << text;
  auto validate = run_ssmd({"validate"}, o);
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
  EXPECT_FALSE(has(validate.out, "ssmd.yaml")) << validate.out;
  auto show = run_ssmd({"config", "show"}, o);
  EXPECT_FALSE(has(show.out, "rules")) << "every setting is commented out\n" << show.out;
}

// The rules validation itself reports (`schema/false-compatibility-claim`, `plugin/*`) are host rules like the
// core rules: naming one is no typo, and a near miss of one is.
TEST_F(TeamSettings, ValidationsOwnRulesAreKnownIds) {
  git.write("ssmd.yaml", "version: 1\n"
                         "rules:\n"
                         "  schema/false-compatibility-claim: warning\n"
                         "  plugin/missing: error\n"
                         "  plugin/unavailble: error\n");
  auto r = ssmd({"validate"});
  EXPECT_FALSE(has(r.out, "`schema/false-compatibility-claim`")) << r.out;
  EXPECT_FALSE(has(r.out, "`plugin/missing`")) << r.out;
  EXPECT_TRUE(has(r.out, "ssmd.yaml:5:3: warning: no core rule is called `plugin/unavailble`; did you mean "
                         "`plugin/unavailable`? (`ssmd rules list` lists every rule) [settings/unknown-rule]"))
      << r.out;
}
