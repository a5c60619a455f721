// Query before act with the plugins: every writing command runs the rules `ssmd validate` runs (the
// bundled feed, schema-format and secret plugins included) on the repository it would produce, and
// refuses with their findings, leaving every file byte-identical. The real binary, on copies of the
// bundled exchanges/ inside a real git repository.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// The bundled repository, committed, so a refused write can also be checked against `git status`.
struct Bundled {
  GitRepo git;
  Bundled() {
    fs::copy(source_dir() / "exchanges", git.root() / "exchanges", fs::copy_options::recursive);
    git.git_ok("add -A");
    git.git_ok("commit -q -m bundled");
  }
  RunResult ssmd(std::vector<std::string> args) const {
    RunOptions o = git.options();
    for (const char *name : {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"})
      o.unset_env.push_back(name);
    return run_ssmd(args, o);
  }
  // Every file under exchanges/ with its bytes.
  std::map<std::string, std::string> snapshot() const {
    std::map<std::string, std::string> out;
    for (const auto &entry : fs::recursive_directory_iterator(git.root() / "exchanges"))
      if (entry.is_regular_file()) out[fs::relative(entry.path(), git.root()).string()] = read_file(entry.path());
    return out;
  }
  // Untracked or modified files, as `git status --porcelain` lists them ("" when the tree is clean).
  std::string status() const { return git.git_ok("status --porcelain --untracked-files=all -- exchanges"); }
};

} // namespace

TEST(WriteChecks, FeedAddVersionWithAHostTheKalshiPluginRejectsIsRefusedAtFileLineCol) {
  Bundled repo;
  auto before = repo.snapshot();
  auto r = repo.ssmd({"feed", "add-version", "kalshi", "--version", "v9", "--effective-from", "2031-01-01",
                      "--endpoint", "wss://ws.acme.test/trade-api/ws/v2"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "nothing was written")) << r.err;
  // The finding points into the version the change would insert: a line and a column, not just the file.
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(exchanges/feeds/kalshi\.yaml:\d+:\d+: error: .*\[kalshi/endpoint-host\])")))
      << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(repo.snapshot(), before);
  EXPECT_EQ(repo.status(), "");

  // The same change with a Kalshi host is written: the refusal came from the plugin's rule.
  auto ok = repo.ssmd({"feed", "add-version", "kalshi", "--version", "v9", "--effective-from", "2031-01-01",
                       "--endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "wrote exchanges/feeds/kalshi.yaml\n");
}

TEST(WriteChecks, SchemaRegisterOfACapnpFileWithASyntaxErrorIsRefusedAndNothingIsCopied) {
  Bundled repo;
  std::string broken = read_file(repo.git.root() / "exchanges/schemas/trade.v1.capnp");
  broken.replace(broken.find("struct Trade {"), 14, "struct Trade {{ oops");
  fs::path outside = repo.git.base() / "trade-broken.capnp";
  {
    std::ofstream(outside, std::ios::binary) << broken;
  }
  auto before = repo.snapshot();
  auto r = repo.ssmd({"schema", "register", "trade", "--file", outside.string(), "--version", "v3",
                      "--effective-from", "2027-01-01", "--root", "Trade"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // The checker parsed the file from the pending change: it names the copy that was never written.
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(exchanges/schemas/trade\.v3\.capnp:\d+:\d+: error: .*\[capnp/syntax\])")))
      << r.err;
  EXPECT_FALSE(fs::exists(repo.git.root() / "exchanges/schemas/trade.v3.capnp"));
  EXPECT_EQ(repo.snapshot(), before);
  EXPECT_EQ(repo.status(), "");
}

// feed-kalshi's key rule is a warning (docs/plugins.md, "Rule severity"): an environment may be created before
// its keys, or with field names the collector reads; the write passes and says which fields the plugin knows.
TEST(WriteChecks, EnvCreateOnAKalshiFeedWarnsAboutTheKeyItsPluginKnowsAndTakesItFromFlags) {
  Bundled repo;
  auto bare = repo.ssmd({"env", "create", "kalshi-ci", "--feed", "kalshi", "--schema", "trade:v1"});
  EXPECT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_TRUE(has(bare.err, "exchanges/environments/kalshi-ci.yaml:1:1: warning:")) << bare.err;
  EXPECT_TRUE(has(bare.err, "key_id") && has(bare.err, "private_key")) << bare.err;
  fs::remove(repo.git.root() / "exchanges/environments/kalshi-ci.yaml");

  auto partial = repo.ssmd({"env", "create", "kalshi-ci", "--feed", "kalshi", "--schema", "trade:v1", "--key",
                            "kalshi", "--key-source", "env", "--key-fields", "key_id"});
  EXPECT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_TRUE(has(partial.err, "warning:") && has(partial.err, "has no `private_key`")) << partial.err;
  fs::remove(repo.git.root() / "exchanges/environments/kalshi-ci.yaml");

  auto created = repo.ssmd({"env", "create", "kalshi-ci", "--feed", "kalshi", "--schema", "trade:v1", "--key",
                            "kalshi", "--key-source", "env", "--key-fields", "key_id,private_key"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "wrote exchanges/environments/kalshi-ci.yaml\n");
  EXPECT_FALSE(has(created.err, "kalshi/env-key-fields")) << created.err;
  EXPECT_EQ(read_file(repo.git.root() / "exchanges/environments/kalshi-ci.yaml"),
            "name: kalshi-ci\nfeed: kalshi\nschema: trade:v1\nkeys:\n  kalshi:\n    type: api_key\n"
            "    fields: [key_id, private_key]\n    source: env\n");
  auto validated = repo.ssmd({"validate"});
  EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;
}

TEST(WriteChecks, KeyFlagsAreUsageErrorsWhenIncompleteOrMalformed) {
  Bundled repo;
  auto before = repo.snapshot();
  for (std::vector<std::string> extra : {std::vector<std::string>{"--key", "kalshi"},
                                         {"--key-source", "env"},
                                         {"--key", "kalshi", "--key-source", "env", "--key-fields", "key_id,,x"},
                                         {"--key", "Kalshi", "--key-source", "env"}}) {
    std::vector<std::string> args = {"env", "create", "kalshi-ci", "--feed", "kalshi", "--schema", "trade:v1"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = repo.ssmd(args);
    EXPECT_EQ(r.exit_code, 2) << extra[0] << ": " << r.err;
  }
  EXPECT_EQ(repo.snapshot(), before);
}

TEST(WriteChecks, AWriteUnderPluginsThatExcludeTheFeedPluginIsRefusedAsUnavailableNotSkipped) {
  Bundled repo;
  auto before = repo.snapshot();
  const std::vector<std::string> plugins = {"--plugins", "feed-polymarket,schema-capnp,secrets-env"};
  std::vector<std::string> add = plugins;
  for (const char *arg : {"feed", "add-version", "kalshi", "--version", "v9", "--effective-from", "2031-01-01",
                          "--endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2"})
    add.push_back(arg);
  auto r = repo.ssmd(add);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.err, "exchanges/feeds/kalshi.yaml:")) << r.err;
  EXPECT_TRUE(has(r.err, "[plugin/unavailable]")) << r.err;
  EXPECT_TRUE(has(r.err, "feed-kalshi")) << r.err;

  // An environment checked by the excluded plugin is refused the same way.
  std::vector<std::string> env = plugins;
  for (const char *arg : {"env", "create", "kalshi-ci", "--feed", "kalshi", "--schema", "trade:v1", "--key", "kalshi",
                          "--key-source", "env", "--key-fields", "key_id,private_key"})
    env.push_back(arg);
  auto e = repo.ssmd(env);
  EXPECT_EQ(e.exit_code, 1) << e.err;
  EXPECT_TRUE(has(e.err, "exchanges/environments/kalshi-ci.yaml:2:7: error:")) << e.err;
  EXPECT_TRUE(has(e.err, "[plugin/unavailable]")) << e.err;
  EXPECT_EQ(repo.snapshot(), before);

  // A change the excluded plugin has no say in still goes through.
  std::vector<std::string> poly = plugins;
  for (const char *arg : {"feed", "add-version", "polymarket", "--version", "v9", "--effective-from", "2031-01-01"})
    poly.push_back(arg);
  auto p = repo.ssmd(poly);
  EXPECT_EQ(p.exit_code, 0) << p.err;
}

TEST(WriteChecks, APluginThatCrashesDuringAWriteIsExit3AndNothingIsWritten) {
  Bundled repo;
  auto before = repo.snapshot();
  auto plugin_dir = build_dir() / "tests/test-plugins/faulty";
  auto r = repo.ssmd({"--plugin-path", plugin_dir.string(), "feed", "create", "crashy", "--type", "websocket",
                      "--exchange", "crash", "--endpoint", "wss://ws.acme.test/v1"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' crashed with SIGSEGV while checking exchanges/feeds/crashy.yaml")) << r.err;
  EXPECT_TRUE(has(r.err, "nothing was written")) << r.err;
  EXPECT_FALSE(fs::exists(repo.git.root() / "exchanges/feeds/crashy.yaml"));
  EXPECT_EQ(repo.snapshot(), before);
}
