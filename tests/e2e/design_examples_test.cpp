// The examples of the design documents ssmd was built from, run exactly as they are printed there (and in
// issue 15): the files byte for byte, the commands word for word. A new user copies them; each must work.
// The real binary and the bundled plugins, in a real git repository made by `ssmd init`.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// Example 1: the feed file, verbatim.
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
  holiday_calendar: us_equity
)";

// Example 3: the environment file, verbatim.
const char *const k_environment = R"(name: kalshi-dev
feed: kalshi
schema: trade:v1
keys:
  kalshi:
    type: api_key
    required: true
    fields: [api_key, api_secret]
    source: env
transport:
  type: nats
  url: nats://localhost:4222
storage:
  type: local
  path: /var/lib/ssmd/data
)";

// Example 4: the manifest of a raw day, verbatim.
const char *const k_manifest = R"({"feed": "kalshi", "date": "2025-12-14", "data_type": "raw", "schema_version": null, "status": "complete",
 "record_count": 1234567, "byte_size": 523456789, "first_timestamp": "2025-12-14T00:00:01.234Z",
 "last_timestamp": "2025-12-14T23:59:59.987Z", "gaps": [], "quality_score": 1.0,
 "connector_version": "0.1.0", "created_at": "2025-12-15T00:05:00Z"}
)";

// The design document's schema file, with the hash of the bundled trade.v1.capnp it pins.
std::string trade_schema_yaml(const std::string &hash) {
  return "name: trade\nformat: capnp\nschema_file: trade.capnp\n\nversions:\n  - version: v1\n"
         "    effective_from: 2025-01-01\n    status: active\n    hash: " + hash + "\n";
}

// A repository made by `ssmd init`, committed, with the design's feed (example 1) and trade schema v1.
class Design : public ::testing::Test {
protected:
  void SetUp() override {
    auto init = ssmd({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    git.write("exchanges/feeds/kalshi.yaml", k_feed);
    fs::copy_file(source_dir() / "exchanges/schemas/trade.v1.capnp", git.root() / "exchanges/schemas/trade.capnp");
    git.write("exchanges/schemas/trade.yaml", trade_schema_yaml("sha256:" + std::string(64, '0')));
    auto hash = ssmd({"schema", "hash", "trade:v1", "--update"});
    ASSERT_EQ(hash.exit_code, 0) << hash.err;
    git.commit_all("design examples");
  }
  RunResult ssmd(const std::vector<std::string> &args, const fs::path &cwd = {}) const {
    RunOptions o = git.options(cwd);
    for (const char *name : {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"})
      o.unset_env.push_back(name);
    return run_ssmd(args, o);
  }
  // The design's environment (example 3) with its storage moved to `data_path`, for the data commands.
  void environment_with_storage(const std::string &data_path) const {
    std::string env = k_environment;
    env.replace(env.find("/var/lib/ssmd/data"), 18, data_path);
    git.write("exchanges/environments/kalshi-dev.yaml", env);
  }
  GitRepo git;
};

} // namespace

// Example 1: the feed validates; the host the plugin does not list is a warning that names the known ones.
TEST_F(Design, TheFeedFileValidatesWithAWarningThatNamesTheKnownHosts) {
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(exchanges/feeds/kalshi\.yaml:9:15: warning: .*known WebSocket hosts are .*\[kalshi/endpoint-host\])")))
      << r.out;
  EXPECT_FALSE(has(r.out, "error:")) << r.out;
}

// The line the principle draws: a host outside Kalshi's domains stays an error, in validate and in a write.
TEST_F(Design, AHostOutsideKalshisDomainsStaysAnError) {
  std::string evil = k_feed;
  evil.replace(evil.find("api.kalshi.com"), 14, "evil.example.com");
  git.write("exchanges/feeds/kalshi.yaml", evil);
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "error: `evil.example.com` is not a Kalshi host")) << r.out;
  git.write("exchanges/feeds/kalshi.yaml", k_feed);
  const std::string before = git.read("exchanges/feeds/kalshi.yaml");
  auto add = ssmd({"feed", "add-version", "kalshi", "--version", "v3", "--effective-from", "2025-07-01", "--endpoint",
                   "wss://evil.example.com/trade-api/ws/v3"});
  EXPECT_EQ(add.exit_code, 1) << add.err;
  EXPECT_TRUE(has(add.err, "[kalshi/endpoint-host]")) << add.err;
  EXPECT_EQ(git.read("exchanges/feeds/kalshi.yaml"), before);
}

// Example 2: a new API version is accepted and resolves as of a date after it.
TEST_F(Design, AddingApiV3IsAcceptedAndResolvesAsOfDecember) {
  auto add = ssmd({"feed", "add-version", "kalshi", "--version", "v3", "--effective-from", "2025-07-01", "--endpoint",
                   "wss://api.kalshi.com/trade-api/ws/v3"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(add.out, "wrote exchanges/feeds/kalshi.yaml\n");
  EXPECT_TRUE(has(add.err, "warning:") && has(add.err, "[kalshi/endpoint-path]")) << add.err;
  auto show = ssmd({"feed", "show", "kalshi", "--as-of", "2025-12-01", "--output", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(has(show.out, "\"version\": \"v3\"")) << show.out;
  EXPECT_TRUE(has(show.out, "wss://api.kalshi.com/trade-api/ws/v3")) << show.out;
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
}

// Example 3: the environment file validates; its unrecognised key fields are a warning naming the known ones.
TEST_F(Design, TheEnvironmentFileValidates) {
  git.write("exchanges/environments/kalshi-dev.yaml", k_environment);
  auto r = ssmd({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(exchanges/environments/kalshi-dev\.yaml:8:13: warning: .*`key_id`.*\[kalshi/env-key-fields\])")))
      << r.out;
}

// Example 3: an environment created before its keys.
TEST_F(Design, EnvCreateWithoutKeysIsAccepted) {
  auto r = ssmd({"env", "create", "kalshi-dev", "--feed", "kalshi", "--schema", "trade:v1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote exchanges/environments/kalshi-dev.yaml\n");
  EXPECT_TRUE(has(r.err, "warning:") && has(r.err, "[kalshi/env-key-fields]")) << r.err;
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
}

// Examples 4 and 5: the raw day's manifest is valid, and the data commands find the data with no flag.
TEST_F(Design, TheDataCommandsWorkWithNoLocationFlagAndTheRawManifestIsValid) {
  git.write("capture/raw/kalshi/2025/12/14/manifest.json", k_manifest);
  environment_with_storage("capture");

  auto inventory = ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-14"});
  EXPECT_EQ(inventory.exit_code, 0) << inventory.err;
  EXPECT_EQ(inventory.out.rfind("Feed: kalshi\nDate Range: 2025-12-01 to 2025-12-14\n\nDATE ", 0), 0u) << inventory.out;
  EXPECT_TRUE(has(inventory.out, "2025-12-14  523MB")) << inventory.out;
  EXPECT_TRUE(std::regex_search(inventory.out, std::regex(R"(2025-12-14  523MB +- +normalized-missing +1\.00 +0)"))) << inventory.out;
  EXPECT_FALSE(has(inventory.out, "invalid")) << inventory.out << inventory.err;

  auto gaps = ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-14"});
  EXPECT_EQ(gaps.exit_code, 0) << gaps.err;
  EXPECT_EQ(gaps.out, "no gaps for kalshi on 2025-12-14\n");

  auto quality = ssmd({"data", "quality", "--feed", "kalshi", "--date", "2025-12-14"});
  EXPECT_EQ(quality.exit_code, 0) << quality.err;
  EXPECT_TRUE(std::regex_search(quality.out, std::regex(R"(raw +complete +1\.00 +1234567 +523MB)"))) << quality.out;
  EXPECT_FALSE(has(quality.out, "warning")) << "raw data has no schema to cross-check\n" << quality.out;
}

// Fail fast where the documents promise it: each of these was an empty table with exit 0.
TEST_F(Design, TheDataCommandsFailFast) {
  git.write("exchanges/environments/kalshi-dev.yaml", k_environment);
  // The verbatim environment's storage: a local root that does not exist here.
  auto missing_root = ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-14"});
  EXPECT_EQ(missing_root.exit_code, 3) << missing_root.out;
  EXPECT_TRUE(has(missing_root.err, "data root /var/lib/ssmd/data (from environment kalshi-dev) does not exist"))
      << missing_root.err;
  EXPECT_EQ(missing_root.out, "");

  auto unregistered = ssmd({"data", "gaps", "--feed", "polymarket", "--date", "2025-12-14"});
  EXPECT_EQ(unregistered.exit_code, 1) << unregistered.out;
  EXPECT_TRUE(has(unregistered.err, "feed 'polymarket' is not registered")) << unregistered.err;

  ASSERT_EQ(ssmd({"feed", "create", "polymarket", "--type", "websocket", "--endpoint",
                  "wss://ws-subscriptions-clob.polymarket.com/ws/market"})
                .exit_code,
            0);
  auto other_feed = ssmd({"data", "quality", "--feed", "polymarket", "--env", "kalshi-dev", "--date", "2025-12-14"});
  EXPECT_EQ(other_feed.exit_code, 1) << other_feed.out;
  EXPECT_TRUE(has(other_feed.err, "environment 'kalshi-dev' is on feed 'kalshi', not 'polymarket'")) << other_feed.err;

  for (const char *bad : {"../x", "Kalshi", "kalshi/../../etc"}) {
    auto r = ssmd({"data", "inventory", "--feed", bad, "--from", "2025-12-01", "--to", "2025-12-02", "--raw", "/tmp"});
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "must match ^[a-z][a-z0-9_-]{0,63}$")) << r.err;
  }
  EXPECT_EQ(ssmd({"data", "gaps", "--feed", "kalshi", "--env", "../kalshi-dev", "--date", "2025-12-14"}).exit_code, 2);
}

// Environments of the feed that disagree: exit 2 naming them and --env; --env picks one.
TEST_F(Design, EnvironmentsThatDisagreeAreNamedWithTheFlagThatChooses) {
  git.write("capture/raw/kalshi/2025/12/14/manifest.json", k_manifest);
  environment_with_storage("capture");
  std::string prod = k_environment;
  prod.replace(prod.find("name: kalshi-dev"), 16, "name: kalshi-prod");
  prod.replace(prod.find("/var/lib/ssmd/data"), 18, "elsewhere");
  git.write("exchanges/environments/kalshi-prod.yaml", prod);
  auto r = ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-14"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(has(r.err, "kalshi-dev (") && has(r.err, "kalshi-prod (") && has(r.err, "--env ENV")) << r.err;
  EXPECT_EQ(ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-14", "--env", "kalshi-dev"}).exit_code, 0);
}

// No environment of the feed says where: the committed settings do; with neither, a usage error.
TEST_F(Design, TheCommittedSettingsSayWhereTheDataLivesWhenNoEnvironmentDoes) {
  git.write("capture/raw/kalshi/2025/12/14/manifest.json", k_manifest);
  auto none = ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-14"});
  EXPECT_EQ(none.exit_code, 2) << none.out;
  EXPECT_TRUE(has(none.err, "say where the data lives")) << none.err;
  git.write("ssmd.yaml", "version: 1\ndata:\n  raw: capture/raw\n");
  auto r = ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-14", "--to", "2025-12-14"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "2025-12-14  523MB")) << r.out;
  EXPECT_EQ(ssmd({"validate"}).exit_code, 0);
}

// Example 4's rules: a manifest in the wrong tree is a finding; only raw data may lack a schema version.
TEST_F(Design, AManifestInTheWrongTreeIsInvalid) {
  git.write("capture/normalized/kalshi/2025/12/14/manifest.json", k_manifest);
  environment_with_storage("capture");
  auto r = ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-14", "--to", "2025-12-14"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.err, "field 'data_type' is 'raw' but the manifest is in the normalized tree")) << r.err;
  std::string normalized = k_manifest;
  normalized.replace(normalized.find("\"raw\""), 5, "\"normalized\"");
  git.write("capture/normalized/kalshi/2025/12/14/manifest.json", normalized);
  auto schemaless = ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-14", "--to", "2025-12-14"});
  EXPECT_EQ(schemaless.exit_code, 1) << schemaless.out;
  EXPECT_TRUE(has(schemaless.err, "field 'schema_version' is required except for raw data")) << schemaless.err;
}

// The design document's CLI operations, in its order, each as printed. Where the document assumes state
// it does not create (schema v2 exists and is active before `env update`), the step that creates it is
// added and says so.
TEST_F(Design, TheDesignDocumentsCommandsRunAsWritten) {
  auto ok = [&](const std::vector<std::string> &args) {
    auto r = ssmd(args);
    EXPECT_EQ(r.exit_code, 0) << "ssmd " << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\n" << r.out << r.err;
    return r;
  };
  ok({"feed", "create", "polymarket", "--type", "websocket", "--endpoint",
      "wss://ws-subscriptions-clob.polymarket.com/ws/market"});
  ok({"feed", "add-version", "kalshi", "--version", "v3", "--effective-from", "2025-07-01", "--endpoint",
      "wss://api.kalshi.com/trade-api/ws/v3"});
  EXPECT_TRUE(has(ok({"feed", "show", "kalshi", "--as-of", "2025-12-01"}).out, "v3"));
  auto active = ok({"feed", "list", "--status", "active"});
  EXPECT_TRUE(has(active.out, "kalshi") && has(active.out, "polymarket")) << active.out;

  // The trade schema (v1, active, from the design's trade.yaml) gets its next version from a path relative
  // to where the command runs; without --effective-from it takes effect today.
  fs::create_directories(git.root() / "schemas");
  fs::copy_file(source_dir() / "exchanges/schemas/trade.v2.capnp", git.root() / "schemas/trade.capnp");
  ok({"schema", "register", "trade", "--file", "schemas/trade.capnp"});
  ok({"schema", "set-status", "trade:v1", "active"}); // already active: a no-op
  ok({"schema", "hash", "trade"});
  ok({"schema", "show", "trade:v1"});
  ok({"schema", "list"});

  ok({"env", "create", "kalshi-dev", "--feed", "kalshi", "--schema", "trade:v1"});
  // Added: the document's `env update` needs trade:v2 active (a draft may not be used).
  ok({"schema", "set-status", "trade:v2", "active"});
  ok({"env", "update", "kalshi-dev", "--schema", "trade:v2"});
  ok({"env", "show", "kalshi-dev"});
  ok({"env", "list"});

  git.write("capture/raw/kalshi/2025/12/14/manifest.json", k_manifest);
  git.write("exchanges/environments/kalshi-dev.yaml",
            git.read("exchanges/environments/kalshi-dev.yaml") + "storage:\n  type: local\n  path: capture\n");
  ok({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-14"});
  ok({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-14"});
  ok({"data", "quality", "--feed", "kalshi", "--date", "2025-12-14"});

  ok({"validate"});
  ok({"feed", "show", "kalshi", "--as-of", "2025-12-01"});
  EXPECT_TRUE(std::regex_search(ok({"schema", "show", "trade", "--as-of", "2025-12-14"}).out,
                                std::regex("\nversion: +v1\n")))
      << "v2 takes effect today";
  ok({"diff"});
  ok({"commit", "-m", "Add Kalshi v3 endpoint"});
  EXPECT_EQ(git.git_ok("log -1 --format=%s"), "Add Kalshi v3 endpoint\n");
}

// `schema register` without --effective-from takes effect today; a second one on the same day is refused
// with a hint to pass --effective-from.
TEST_F(Design, ASameDayRegistrationIsRefusedWithAHintToPassEffectiveFrom) {
  fs::copy_file(source_dir() / "exchanges/schemas/orderbook.v1.capnp", git.base() / "book.capnp");
  auto first = ssmd({"schema", "register", "book", "--file", (git.base() / "book.capnp").string(), "--root", "Orderbook"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto show = ssmd({"schema", "show", "book:v1", "--output", "json"});
  time_t now = time(nullptr);
  char date[16];
  strftime(date, sizeof date, "%Y-%m-%d", gmtime(&now));
  EXPECT_TRUE(has(show.out, std::string("\"effective_from\": \"") + date + "\"")) << show.out;
  auto second = ssmd({"schema", "register", "book", "--file", (git.base() / "book.capnp").string(), "--root", "Orderbook"});
  EXPECT_EQ(second.exit_code, 1) << second.out;
  EXPECT_TRUE(has(second.err, "[schema/duplicate-effective-from]")) << second.err;
  EXPECT_TRUE(has(second.err, "pass --effective-from DATE")) << second.err;
  auto dated = ssmd({"schema", "register", "book", "--file", (git.base() / "book.capnp").string(), "--root", "Orderbook",
                     "--effective-from", "2099-01-01"});
  EXPECT_EQ(dated.exit_code, 0) << dated.err;
}
