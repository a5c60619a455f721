// The registry commands, run as the real binary against hand-written repositories.
#include "../unit/registry_fixture.hpp"
#include "run_ssmd.hpp"

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
// Every file under exchanges/, by path, with its bytes.
std::map<std::string, std::string> snapshot(const TempDir &dir) {
  std::map<std::string, std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(dir.path() / "exchanges"))
    if (entry.is_regular_file()) out[fs::relative(entry.path(), dir.path()).string()] = read_file(entry.path());
  return out;
}

RunResult in_repo(const TempDir &dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"--repo", dir.path().string()});
  return run_ssmd(args, RunOptions{{}, {}, {"SSMD_REPO"}, ""});
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }
} // namespace

TEST(RegistryE2E, BundledFeedListShowAndEnvShow) {
  RunOptions from_source{source_dir(), {}, {"SSMD_REPO"}, ""};
  auto list = run_ssmd({"feed", "list"}, from_source);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(contains(list.out, "kalshi       websocket  active  kalshi")) << list.out;
  auto show = run_ssmd({"feed", "show", "kalshi", "--as-of", "2025-06-01"}, from_source);
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(contains(show.out, "wss://api.elections.kalshi.com/trade-api/ws/v2")) << show.out;
  auto env = run_ssmd({"env", "show", "kalshi-dev", "--as-of", "2025-06-01"}, from_source);
  EXPECT_EQ(env.exit_code, 0) << env.err;
  EXPECT_TRUE(contains(env.out, "wss://demo-api.kalshi.co/trade-api/ws/v2")) << env.out;
  EXPECT_TRUE(contains(env.out, "key_id, private_key")) << env.out;
}

TEST(RegistryE2E, AsOfBeforeFirstIsExit1AndMalformedDateIsExit2) {
  RunOptions from_source{source_dir(), {}, {"SSMD_REPO"}, ""};
  auto before = run_ssmd({"feed", "show", "kalshi", "--as-of", "2024-12-31"}, from_source);
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.err, "ssmd: no version of kalshi in force on 2024-12-31; first is v2 from 2025-01-01\n");
  auto bad = run_ssmd({"feed", "show", "kalshi", "--as-of", "2025-02-30"}, from_source);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "--as-of takes a calendar date YYYY-MM-DD")) << bad.err;
  auto unknown = run_ssmd({"feed", "show", "kalshy"}, from_source);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err, "did you mean 'kalshi'?")) << unknown.err;
}

TEST(RegistryE2E, JsonOutputForEveryListingAndShow) {
  RunOptions from_source{source_dir(), {}, {"SSMD_REPO"}, ""};
  for (std::vector<std::string> args : {std::vector<std::string>{"feed", "list"},
                                        {"feed", "show", "polymarket"},
                                        {"feed", "show", "kalshi", "--as-of", "2025-06-01"},
                                        {"schema", "list"},
                                        {"schema", "show", "trade"},
                                        {"schema", "show", "trade:v1"},
                                        {"schema", "show", "trade", "--as-of", "2025-06-01"},
                                        {"schema", "hash", "trade"},
                                        {"env", "list"},
                                        {"env", "show", "polymarket-dev"}}) {
    args.push_back("--output");
    args.push_back("json");
    auto r = run_ssmd(args, from_source);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    ASSERT_FALSE(r.out.empty());
    EXPECT_TRUE(r.out[0] == '{' || r.out[0] == '[') << r.out;
  }
  auto env = run_ssmd({"env", "show", "polymarket-dev", "--output", "json"}, from_source);
  EXPECT_TRUE(contains(env.out, "\"fields\": [\n        \"apiKey\",")) << env.out;
  auto schema = run_ssmd({"schema", "show", "trade:v1", "--output", "json"}, from_source);
  EXPECT_TRUE(contains(schema.out, "struct Trade")) << schema.out;
}

// env list cannot resolve an environment whose extends: chain is broken; it names the place and the rule.
TEST(RegistryE2E, EnvListLocatesABrokenExtendsChain) {
  TempDir dir;
  write_fixture(dir);
  dir.write("exchanges/environments/a.yaml", "name: a\nextends: b\n");
  dir.write("exchanges/environments/b.yaml", "name: b\nextends: a\n");
  dir.write("exchanges/environments/c.yaml", "# orphaned\nname: c\nextends: gone\n");
  auto r = in_repo(dir, {"env", "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "exchanges/environments/a.yaml:2:10: error: extends forms a cycle: a → b → a [env/extends-cycle]"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "exchanges/environments/c.yaml:3:10: error: 'c' extends 'gone', which does not exist "
                              "[env/unknown-parent]"))
      << r.err;
  EXPECT_TRUE(contains(r.out, "dev")) << "the environments that resolve are still listed: " << r.out;
}

TEST(RegistryE2E, RepositoryFromFlagEnvironmentOrParentDirectory) {
  TempDir dir;
  write_fixture(dir);
  auto by_flag = in_repo(dir, {"feed", "list"});
  EXPECT_EQ(by_flag.exit_code, 0) << by_flag.err;
  EXPECT_TRUE(contains(by_flag.out, "acme")) << by_flag.out;
  TempDir elsewhere;
  auto by_env = run_ssmd({"feed", "list"}, RunOptions{elsewhere.path(), {{"SSMD_REPO", dir.path().string()}}, {}, ""});
  EXPECT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_TRUE(contains(by_env.out, "acme"));
  auto walked = run_ssmd({"feed", "list"}, RunOptions{dir.path() / "exchanges/feeds", {}, {"SSMD_REPO"}, ""});
  EXPECT_EQ(walked.exit_code, 0) << walked.err;
  EXPECT_TRUE(contains(walked.out, "acme"));
  auto none = run_ssmd({"feed", "list"}, RunOptions{elsewhere.path(), {}, {"SSMD_REPO"}, ""});
  EXPECT_EQ(none.exit_code, 3);
  auto missing = run_ssmd({"--repo", (dir.path() / "nope").string(), "feed", "list"});
  EXPECT_EQ(missing.exit_code, 3);
}

TEST(RegistryE2E, FeedCreateShowAndRefuseExisting) {
  TempDir dir;
  write_fixture(dir);
  auto created = in_repo(dir, {"feed", "create", "beta", "--type", "rest", "--endpoint", "https://api.beta.test/v1",
                               "--effective-from", "2025-01-01", "--display-name", "Beta Markets", "--timezone",
                               "Europe/London", "--channels", "trades,book"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "wrote exchanges/feeds/beta.yaml\n");
  EXPECT_TRUE(contains(read_file(dir.path() / "exchanges/feeds/beta.yaml"), "    protocol: https\n"));
  auto shown = in_repo(dir, {"feed", "show", "beta", "--as-of", "2025-02-01", "--output", "json"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "\"endpoint\": \"https://api.beta.test/v1\"")) << shown.out;

  auto before = snapshot(dir);
  auto again = in_repo(dir, {"feed", "create", "beta", "--type", "rest", "--endpoint", "https://x.test"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(contains(again.err, "exists already")) << again.err;
  auto mismatch = in_repo(dir, {"feed", "create", "gamma", "--type", "rest", "--endpoint", "wss://x.test"});
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_TRUE(contains(mismatch.err, "[feed/protocol-type-mismatch]")) << mismatch.err;
  EXPECT_EQ(in_repo(dir, {"feed", "create", "Bad", "--type", "rest", "--endpoint", "https://x.test"}).exit_code, 2);
  EXPECT_EQ(in_repo(dir, {"feed", "create", "delta", "--type", "rest"}).exit_code, 2);
  EXPECT_EQ(snapshot(dir), before);
}

TEST(RegistryE2E, AddVersionCarriesFieldsAndRefusesOverlap) {
  TempDir dir;
  write_fixture(dir);
  auto before = snapshot(dir);
  auto overlap = in_repo(dir, {"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2025-02-01"});
  EXPECT_EQ(overlap.exit_code, 1);
  EXPECT_TRUE(contains(overlap.err, "[feed/overlapping-versions]")) << overlap.err;
  EXPECT_TRUE(contains(overlap.err, "nothing was written")) << overlap.err;
  EXPECT_EQ(snapshot(dir), before);

  auto added = in_repo(dir, {"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2026-01-01",
                             "--endpoint", "wss://ws.acme.test/v3"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string expected = k_feed_yaml;
  expected.insert(expected.find("# The calendar"), "  - version: v3\n    effective_from: 2026-01-01\n    protocol: wss\n"
                                                   "    endpoint: wss://ws.acme.test/v3\n    auth_method: api_key\n"
                                                   "    rate_limit_per_second: 20\n    max_symbols_per_connection: 200\n"
                                                   "    supports_orderbook: true\n    supports_trades: true\n");
  EXPECT_EQ(read_file(dir.path() / "exchanges/feeds/acme.yaml"), expected);
  auto shown = in_repo(dir, {"feed", "show", "acme", "--as-of", "2026-01-01"});
  EXPECT_TRUE(contains(shown.out, "wss://ws.acme.test/v3")) << shown.out;
}

TEST(RegistryE2E, SchemaRegisterStatusAndHash) {
  TempDir dir;
  write_fixture(dir);
  dir.write("incoming/trade.fmt", "struct Trade { price @0 :Int64; size @1 :Int64; side @2 :Text; }\n");
  auto registered = in_repo(dir, {"schema", "register", "trade", "--file", (dir.path() / "incoming/trade.fmt").string(),
                                  "--effective-from", "2025-09-01", "--compatible-with", "v1,v2"});
  ASSERT_EQ(registered.exit_code, 0) << registered.err;
  EXPECT_EQ(registered.out, "wrote exchanges/schemas/trade.v3.fmt\nwrote exchanges/schemas/trade.yaml\n");
  EXPECT_EQ(read_file(dir.path() / "exchanges/schemas/trade.v3.fmt"), read_file(dir.path() / "incoming/trade.fmt"));
  std::string yaml = read_file(dir.path() / "exchanges/schemas/trade.yaml");
  EXPECT_TRUE(contains(yaml, "  - version: v3\n    effective_from: 2025-09-01\n    status: draft\n    file: trade.v3.fmt\n"))
      << yaml;

  // A new schema in a format no installed plugin checks is what `ssmd validate` reports as an error
  // (plugin/missing), so the write refuses it; the existing schema's same error did not block v3 above.
  auto fresh = in_repo(dir, {"schema", "register", "quote", "--file", (dir.path() / "incoming/trade.fmt").string(),
                             "--effective-from", "2025-01-01"});
  EXPECT_EQ(fresh.exit_code, 1) << fresh.err;
  EXPECT_TRUE(contains(fresh.err, "no schema-format checker plugin provides 'fmt'")) << fresh.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "exchanges/schemas/quote.yaml"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "exchanges/schemas/quote.v1.fmt"));

  auto active = in_repo(dir, {"schema", "set-status", "trade:v2", "active"});
  ASSERT_EQ(active.exit_code, 0) << active.err;
  std::string after = read_file(dir.path() / "exchanges/schemas/trade.yaml");
  std::string expected = yaml;
  expected.replace(expected.find("status: draft"), 13, "status: active");
  EXPECT_EQ(after, expected);

  auto before = snapshot(dir);
  auto backwards = in_repo(dir, {"schema", "set-status", "trade:v1", "draft"});
  EXPECT_EQ(backwards.exit_code, 1);
  EXPECT_TRUE(contains(backwards.err, "only moves forward")) << backwards.err;
  EXPECT_EQ(in_repo(dir, {"schema", "set-status", "trade:v1", "gone"}).exit_code, 2);
  EXPECT_EQ(snapshot(dir), before);

  auto ok = in_repo(dir, {"schema", "hash", "trade"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  dir.write("exchanges/schemas/trade.v1.fmt", "struct Trade { price @0 :Int32; }\n");
  auto bad = in_repo(dir, {"schema", "hash", "trade:v1"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(contains(bad.out, "mismatch")) << bad.out;
  auto updated = in_repo(dir, {"schema", "hash", "trade:v1", "--update"});
  EXPECT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(in_repo(dir, {"schema", "hash", "trade"}).exit_code, 0);
  auto shown = in_repo(dir, {"schema", "show", "trade", "--as-of", "2025-07-01"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "size @1")) << shown.out; // v2 is active now and in force from 2025-06-01
}

TEST(RegistryE2E, EnvCreateUpdateAndRefusals) {
  TempDir dir;
  write_fixture(dir);
  auto created = in_repo(dir, {"env", "create", "prod", "--extends", "dev"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(read_file(dir.path() / "exchanges/environments/prod.yaml"), "name: prod\nextends: dev\n");
  auto shown = in_repo(dir, {"env", "show", "prod", "--as-of", "2025-02-01"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "acme v1 (from 2025-01-01)  (from dev)")) << shown.out;
  EXPECT_FALSE(contains(shown.out + shown.err, "SECRET")) << shown.out;
  auto gap = in_repo(dir, {"env", "show", "prod", "--as-of", "2025-03-15"});
  EXPECT_EQ(gap.exit_code, 1);
  EXPECT_TRUE(contains(gap.err, "v1 ended on 2025-03-01")) << gap.err;

  auto before = snapshot(dir);
  auto draft = in_repo(dir, {"env", "update", "dev", "--schema", "trade:v2"});
  EXPECT_EQ(draft.exit_code, 1);
  EXPECT_TRUE(contains(draft.err, "[env/draft-schema]")) << draft.err;
  auto missing = in_repo(dir, {"env", "update", "dev", "--schema", "trade:v9"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "[env/unknown-schema-version]")) << missing.err;
  auto no_feed = in_repo(dir, {"env", "update", "dev", "--feed", "nope"});
  EXPECT_EQ(no_feed.exit_code, 1);
  auto exists = in_repo(dir, {"env", "create", "dev", "--feed", "acme", "--schema", "trade:v1"});
  EXPECT_EQ(exists.exit_code, 1);
  auto cycle = in_repo(dir, {"env", "create", "loop", "--extends", "loop"});
  EXPECT_EQ(cycle.exit_code, 1);
  EXPECT_TRUE(contains(cycle.err, "loop → loop")) << cycle.err;
  EXPECT_EQ(in_repo(dir, {"env", "update", "dev"}).exit_code, 2);
  EXPECT_EQ(in_repo(dir, {"env", "update", "dev", "--schema", "trade"}).exit_code, 2);
  EXPECT_EQ(snapshot(dir), before);

  ASSERT_EQ(in_repo(dir, {"schema", "set-status", "trade:v2", "active"}).exit_code, 0);
  auto updated = in_repo(dir, {"env", "update", "dev", "--schema", "trade:v2"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  std::string expected = k_env_yaml;
  expected.replace(expected.find("[trade:v1]"), 10, "[trade:v2]");
  EXPECT_EQ(read_file(dir.path() / "exchanges/environments/dev.yaml"), expected);
  auto list = in_repo(dir, {"env", "list"});
  EXPECT_TRUE(contains(list.out, "prod  dev      acme  trade:v2  acme")) << list.out;
}

TEST(RegistryE2E, SecondWriterWaitsThenFailsWithExit3) {
  TempDir dir;
  write_fixture(dir);
  fs::create_directories(dir.path() / ".ssmd");
  int fd = ::open((dir.path() / ".ssmd/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644); // children must not inherit the lock
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  auto before = snapshot(dir);
  auto start = std::chrono::steady_clock::now();
  auto blocked = in_repo(dir, {"env", "update", "dev", "--feed", "acme"});
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(blocked.exit_code, 3);
  EXPECT_TRUE(contains(blocked.err, "repository is locked by another ssmd process")) << blocked.err;
  EXPECT_GE(waited, std::chrono::milliseconds(1900));
  EXPECT_EQ(snapshot(dir), before);
  // Readers never take the lock.
  EXPECT_EQ(in_repo(dir, {"feed", "show", "acme"}).exit_code, 0);

  // A lock released while the writer waits lets it through.
  std::thread release([fd] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::close(fd);
  });
  auto through = in_repo(dir, {"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2026-01-01"});
  release.join();
  EXPECT_EQ(through.exit_code, 0) << through.err;
}
