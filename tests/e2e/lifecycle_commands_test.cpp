// The lifecycle commands: `feed set-status`, `env set-key`, `env remove-key`, and the query-before-act
// refusal they share with every write (a change `ssmd validate` would report as an error is refused and
// nothing is written). The real binary on a copy of the bundled exchanges/ in a git repository.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

class Lifecycle : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(source_dir() / "exchanges", git.root() / "exchanges", fs::copy_options::recursive);
    git.commit_all("bundled");
  }
  RunResult ssmd(const std::vector<std::string> &args) const {
    RunOptions o = git.options();
    for (const char *name : {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"})
      o.unset_env.push_back(name);
    return run_ssmd(args, o);
  }
  // `git status --porcelain` of exchanges/: empty when nothing was written.
  std::string status() const { return git.git_ok("status --porcelain --untracked-files=all -- exchanges"); }
  GitRepo git;
};

} // namespace

TEST_F(Lifecycle, FeedSetStatusChangesOnlyTheStatusValue) {
  const std::string before = git.read("exchanges/feeds/polymarket.yaml");
  auto r = ssmd({"feed", "set-status", "polymarket", "deprecated"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote exchanges/feeds/polymarket.yaml\n");
  std::string expected = before;
  expected.replace(expected.find("status: active"), 14, "status: deprecated");
  EXPECT_EQ(git.read("exchanges/feeds/polymarket.yaml"), expected) << "one value changed, every other byte kept";
  auto list = ssmd({"feed", "list", "--status", "deprecated", "--output", "json"});
  EXPECT_TRUE(has(list.out, "\"polymarket\"")) << list.out;

  // Back to active is allowed; the same status again is a no-op.
  EXPECT_EQ(ssmd({"feed", "set-status", "polymarket", "active"}).exit_code, 0);
  EXPECT_EQ(git.read("exchanges/feeds/polymarket.yaml"), before);
  auto same = ssmd({"feed", "set-status", "polymarket", "active"});
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_EQ(same.out, "feed polymarket is already active\n");

  // Disabling a feed environments use is written, with their warning.
  auto disabled = ssmd({"feed", "set-status", "polymarket", "disabled"});
  EXPECT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_TRUE(has(disabled.err, "[env/disabled-feed]")) << disabled.err;

  EXPECT_EQ(ssmd({"feed", "set-status", "polymarket", "retired"}).exit_code, 2);
  EXPECT_EQ(ssmd({"feed", "set-status", "../polymarket", "active"}).exit_code, 2);
  EXPECT_EQ(ssmd({"feed", "set-status", "nasdaq", "active"}).exit_code, 1);
}

TEST_F(Lifecycle, FeedSetStatusAddsAStatusLineWhenThereIsNone) {
  std::string text = git.read("exchanges/feeds/polymarket.yaml");
  text.erase(text.find("status: active\n"), 15);
  git.write("exchanges/feeds/polymarket.yaml", text);
  auto r = ssmd({"feed", "set-status", "polymarket", "active"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(git.read("exchanges/feeds/polymarket.yaml"), std::regex("\ntype: websocket\nstatus: active\n")))
      << git.read("exchanges/feeds/polymarket.yaml");
}

TEST_F(Lifecycle, EnvSetKeyRewritesAKeyAndKeepsWhatItDoesNotSet) {
  git.write("exchanges/environments/kalshi-dev.yaml",
            "# Development against Kalshi's demo exchange.\n"
            "name: kalshi-dev\n"
            "feed: kalshi-demo\n"
            "schemas: [trade:v1, orderbook:v1, market_status:v1]\n"
            "keys:\n"
            "  # The signing key.\n"
            "  kalshi:\n"
            "    type: api_key\n"
            "    required: true\n"
            "    fields: [key_id, private_key]\n"
            "    source: env                  # SSMD_KALSHI_KEY_ID, SSMD_KALSHI_PRIVATE_KEY\n"
            "    rotation_days: 90\n"
            "    env: { key_id: KALSHI_KEY }\n"
            "\n"
            "transport: { type: nats, url: \"nats://localhost:4222\" }\n");
  auto r = ssmd({"env", "set-key", "kalshi-dev", "kalshi", "--source", "env", "--fields", "key_id,private_key,passphrase",
                 "--optional"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(git.read("exchanges/environments/kalshi-dev.yaml"),
            "# Development against Kalshi's demo exchange.\n"
            "name: kalshi-dev\n"
            "feed: kalshi-demo\n"
            "schemas: [trade:v1, orderbook:v1, market_status:v1]\n"
            "keys:\n"
            "  # The signing key.\n"
            "  kalshi:\n"
            "    type: api_key\n"
            "    required: false\n"
            "    fields: [key_id, private_key, passphrase]\n"
            "    source: env\n"
            "    rotation_days: 90\n"
            "    env: { key_id: KALSHI_KEY }\n"
            "\n"
            "transport: { type: nats, url: \"nats://localhost:4222\" }\n");

  // A second key is appended after the first; remove-key takes it away again, byte for byte.
  const std::string one_key = git.read("exchanges/environments/kalshi-dev.yaml");
  auto second = ssmd({"env", "set-key", "kalshi-dev", "nats", "--source", "env", "--fields", "token", "--type", "token",
                      "--rotation-days", "30"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(has(git.read("exchanges/environments/kalshi-dev.yaml"),
                  "    env: { key_id: KALSHI_KEY }\n  nats:\n    type: token\n    required: true\n    fields: [token]\n"
                  "    source: env\n    rotation_days: 30\n\ntransport:"))
      << git.read("exchanges/environments/kalshi-dev.yaml");
  auto removed = ssmd({"env", "remove-key", "kalshi-dev", "nats"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(git.read("exchanges/environments/kalshi-dev.yaml"), one_key);
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
}

TEST_F(Lifecycle, EnvSetKeyAddsKeysToAnEnvironmentWithoutThemAndRemoveKeyTakesTheSectionAway) {
  ASSERT_EQ(ssmd({"env", "create", "lab", "--feed", "kalshi", "--schema", "trade:v1"}).exit_code, 0);
  const std::string bare = git.read("exchanges/environments/lab.yaml");
  auto r = ssmd({"env", "set-key", "lab", "kalshi", "--source", "env", "--fields", "key_id,private_key"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(git.read("exchanges/environments/lab.yaml"),
            bare + "keys:\n  kalshi:\n    type: api_key\n    required: true\n    fields: [key_id, private_key]\n"
                   "    source: env\n");
  EXPECT_FALSE(has(r.err, "[kalshi/env-key-fields]")) << "the key the plugin wanted is declared now\n" << r.err;
  auto removed = ssmd({"env", "remove-key", "lab", "kalshi"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(git.read("exchanges/environments/lab.yaml"), bare);
  EXPECT_TRUE(has(removed.err, "[kalshi/env-key-fields]")) << "the plugin's warning, not a refusal\n" << removed.err;
}

// Query before act: a key source no installed backend understands is what `validate` reports as an error,
// so the write refuses it (today's main wrote it with a warning).
TEST_F(Lifecycle, AKeySourceValidateWouldRejectIsRefusedByEveryWrite) {
  auto create = ssmd({"env", "create", "kalshi-lab", "--feed", "kalshi", "--schema", "trade:v1", "--key", "kalshi",
                      "--key-source", "vault:ssmd/kalshi", "--key-fields", "key_id,private_key"});
  EXPECT_EQ(create.exit_code, 1) << create.err;
  EXPECT_TRUE(has(create.err, "nothing was written") && has(create.err, "[plugin/missing]")) << create.err;
  EXPECT_TRUE(has(create.err, "hint: a key source is a secret backend's prefix")) << create.err;
  EXPECT_FALSE(fs::exists(git.root() / "exchanges/environments/kalshi-lab.yaml"));

  auto set = ssmd({"env", "set-key", "kalshi-dev", "kalshi", "--source", "vault:ssmd/kalshi", "--fields",
                   "key_id,private_key"});
  EXPECT_EQ(set.exit_code, 1) << set.err;
  EXPECT_EQ(status(), "");

  auto fixed = ssmd({"env", "set-key", "kalshi-dev", "kalshi", "--source", "vault/ssmd/kalshi", "--fields",
                     "key_id,private_key"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
}

TEST_F(Lifecycle, EnvRemoveKeyRefusesWhatTheEnvironmentDoesNotDeclare) {
  git.write("exchanges/environments/kalshi-child.yaml", "name: kalshi-child\nextends: kalshi-dev\n");
  auto inherited = ssmd({"env", "remove-key", "kalshi-child", "kalshi"});
  EXPECT_EQ(inherited.exit_code, 1);
  EXPECT_TRUE(has(inherited.err, "inherited from 'kalshi-dev'")) << inherited.err;
  EXPECT_EQ(ssmd({"env", "remove-key", "kalshi-dev", "nope"}).exit_code, 1);
  EXPECT_EQ(ssmd({"env", "remove-key", "kalshi-dev", "Bad Name"}).exit_code, 2);
  EXPECT_EQ(ssmd({"env", "set-key", "kalshi-dev", "kalshi", "--source", "env", "--fields", "a b"}).exit_code, 2);
  EXPECT_EQ(ssmd({"env", "set-key", "kalshi-dev", "kalshi", "--source", "env", "--fields", "a", "--rotation-days", "0"})
                .exit_code,
            2);
  // A keys: section in flow style is refused rather than rewritten.
  git.write("exchanges/environments/kalshi-flow.yaml",
            "name: kalshi-flow\nfeed: kalshi\nschema: trade:v1\nkeys: {kalshi: {type: api_key, fields: [key_id, "
            "private_key], source: env}}\n");
  const std::string flow = git.read("exchanges/environments/kalshi-flow.yaml");
  auto r = ssmd({"env", "set-key", "kalshi-flow", "nats", "--source", "env", "--fields", "token"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "flow style")) << r.err;
  EXPECT_EQ(git.read("exchanges/environments/kalshi-flow.yaml"), flow);
}

// `sealed-secret/NAME` is a reference: its manifest may live in the cluster's repository. A missing one is a
// warning, and an error when the team's settings say so.
TEST_F(Lifecycle, AMissingSealedSecretManifestIsAWarningUnlessTheTeamSaysError) {
  fs::remove(git.root() / "exchanges/sealed-secrets/kalshi-prod.yaml");
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "warning:") && has(r.out, "[sealed-secret/manifest-missing]")) << r.out;
  git.write("ssmd.yaml", "version: 1\nrules:\n  sealed-secret/manifest-missing: error\n");
  auto strict = ssmd({"validate"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
  EXPECT_TRUE(std::regex_search(strict.out, std::regex(R"(error: .*\[sealed-secret/manifest-missing\])"))) << strict.out;
}
