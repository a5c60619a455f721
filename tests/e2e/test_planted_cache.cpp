// A clone can commit `.ssmd/cache/` (git add -f) with entries forged by someone who ran the same ssmd: the
// same version, binary and plugins give the same keys. The caches' keys carry a secret of the user's, kept
// outside the repository (core/local_secret.hpp), so a planted entry never matches: a forged
// `validate.json` cannot make a broken repository pass, and a forged feed entry cannot change what
// `feed show` prints. Each test proves its forgery is well formed: the forger's own ssmd accepts it.
#include "core/json.hpp"
#include "core/sha256.hpp"
#include "run_ssmd.hpp"

#include <ssmd_json/strict_json.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

class PlantedCache : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(source_dir() / "exchanges", repo_.path() / "exchanges", fs::copy_options::recursive);
    fs::create_directories(forger_.path() / "home");
    fs::create_directories(victim_.path() / "home");
  }
  // Runs ssmd in the repository as the user whose home is `home`.
  RunResult as(const TempDir &home, std::vector<std::string> args) const {
    RunOptions o;
    o.cwd = repo_.path();
    o.env = {{"HOME", (home.path() / "home").string()}};
    o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT", "XDG_CACHE_HOME",
                   "XDG_CONFIG_HOME"};
    return run_ssmd(args, o);
  }
  void replace(const fs::path &file, const std::string &from, const std::string &to) const {
    std::string text = read_file(file);
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    std::ofstream(file, std::ios::binary) << text.replace(at, from.size(), to);
  }
  // The forger's `validate.json` with every key kept and every entry's findings emptied.
  void forge_validation_cache() const {
    fs::path cache = repo_.path() / ".ssmd/cache/validate.json";
    std::string text = read_file(cache);
    ssmd::strict_json::Json root;
    ASSERT_FALSE(ssmd::strict_json::parse(std::string_view(text).substr(65), root));
    ssmd::json::Value entries = ssmd::json::Object{};
    for (auto it = root.at("entries").begin(); it != root.at("entries").end(); ++it)
      entries.set(it.key(), ssmd::json::Array{});
    ssmd::json::Value forged;
    forged.set("format", root.at("format").get<std::string>()).set("entries", std::move(entries));
    const std::string body = forged.dump();
    std::ofstream(cache, std::ios::binary) << ssmd::sha256_hex(body) + "\n" + body;
  }
  // Runs git in `cwd` with a private HOME and an identity of its own.
  RunResult git(const std::string &args, const fs::path &cwd) const {
    RunOptions o;
    o.cwd = cwd;
    o.env = {{"HOME", (forger_.path() / "home").string()}, {"GIT_CONFIG_NOSYSTEM", "1"}};
    o.unset_env = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"};
    return run_shell("git -c user.name=forger -c user.email=forger@example.com " + args, o);
  }
  TempDir repo_, forger_, victim_;
};

} // namespace

TEST_F(PlantedCache, AForgedValidationCacheNeverPassesABrokenRepository) {
  replace(repo_.path() / "exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com", "wss://api.example.com");
  RunResult honest = as(forger_, {"validate"});
  ASSERT_EQ(honest.exit_code, 1) << honest.out << honest.err;
  forge_validation_cache();
  RunResult fooled = as(forger_, {"validate", "--stats"});
  ASSERT_EQ(fooled.exit_code, 0) << "the forgery is well formed: its author's ssmd takes it\n" << fooled.out;

  RunResult victim = as(victim_, {"validate", "--stats"});
  EXPECT_EQ(victim.exit_code, 1) << victim.out << victim.err;
  EXPECT_TRUE(contains(victim.out, "[kalshi/endpoint-host]")) << victim.out;
  EXPECT_FALSE(contains(victim.err, "report from the cache")) << victim.err;
}

TEST_F(PlantedCache, AForgedFeedCacheEntryNeverChangesWhatIsShown) {
  RunResult honest = as(forger_, {"feed", "show", "kalshi", "--output", "json"});
  ASSERT_EQ(honest.exit_code, 0) << honest.err;
  ASSERT_TRUE(contains(honest.out, "wss://api.elections.kalshi.com")) << honest.out;
  // Same length, so every length prefix in the entry stays right.
  replace(repo_.path() / ".ssmd/cache/feeds/kalshi.bin", "wss://api.elections.kalshi.com", "wss://api.elections.evilcom.io");
  RunResult fooled = as(forger_, {"feed", "show", "kalshi", "--output", "json"});
  ASSERT_TRUE(contains(fooled.out, "evilcom.io")) << "the forgery is well formed: its author's ssmd takes it\n" << fooled.out;

  RunResult victim = as(victim_, {"feed", "show", "kalshi", "--output", "json"});
  EXPECT_EQ(victim.exit_code, 0) << victim.err;
  EXPECT_TRUE(contains(victim.out, "wss://api.elections.kalshi.com")) << victim.out;
  EXPECT_FALSE(contains(victim.out, "evilcom.io")) << victim.out;
  // The user's secret lives in their own cache folder, private.
  fs::path secret = victim_.path() / "home/.cache/ssmd/cache-secret";
  ASSERT_TRUE(fs::exists(secret));
  EXPECT_EQ(fs::status(secret).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

// The same forgery as a clone brings it: committed with `git add -f`, cloned back to the very path it was made
// at (so every input of the keys but the user's secret is the forger's). The forger's ssmd takes it in that
// clone; the victim's does not.
TEST_F(PlantedCache, ACommittedCacheInACloneIsNeverTrusted) {
  replace(repo_.path() / "exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com", "wss://api.example.com");
  ASSERT_EQ(git("init -q -b main", repo_.path()).exit_code, 0);
  RunResult honest = as(forger_, {"validate"});
  ASSERT_EQ(honest.exit_code, 1) << honest.out << honest.err;
  forge_validation_cache();
  ASSERT_EQ(git("add -A", repo_.path()).exit_code, 0);
  ASSERT_EQ(git("add -f .ssmd/cache/validate.json", repo_.path()).exit_code, 0);
  ASSERT_EQ(git("commit -q -m 'all green'", repo_.path()).exit_code, 0);
  const fs::path bare = forger_.path() / "origin.git";
  ASSERT_EQ(git("clone -q --bare . " + bare.string(), repo_.path()).exit_code, 0);
  fs::remove_all(repo_.path());
  RunResult cloned = git("clone -q " + bare.string() + " " + repo_.path().string(), forger_.path());
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  ASSERT_TRUE(fs::exists(repo_.path() / ".ssmd/cache/validate.json")) << "the clone carries the forged cache";

  RunResult victim = as(victim_, {"validate", "--stats"});
  EXPECT_EQ(victim.exit_code, 1) << victim.out << victim.err;
  EXPECT_TRUE(contains(victim.out, "[kalshi/endpoint-host]")) << victim.out;
  EXPECT_FALSE(contains(victim.err, "report from the cache")) << victim.err;
  // The forgery was sound: the victim's run replaced it, so plant it again and let its author look.
  ASSERT_EQ(git("checkout -q -- .ssmd/cache/validate.json", repo_.path()).exit_code, 0);
  RunResult fooled = as(forger_, {"validate", "--stats"});
  EXPECT_EQ(fooled.exit_code, 0) << "its author's ssmd takes the cloned cache\n" << fooled.out << fooled.err;
}
