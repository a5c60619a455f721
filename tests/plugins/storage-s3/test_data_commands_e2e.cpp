// `ssmd data inventory | gaps | quality` through the real binary, the real storage-s3 plugin and s3rver,
// on the seeded `flaky` feed (see servers/seed.js): raw and normalized roots, an environment's storage,
// invalid and oversized manifests.
#include "cli_run.hpp"

#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

#include <regex>

using namespace ssmd::test;
using namespace ssmd::test::s3;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

using ssmd::strict_json::Json;
using ssmd::strict_json::member;

Json parse_json(const std::string &text) {
  Json root;
  auto error = ssmd::strict_json::parse(text, root);
  EXPECT_FALSE(error) << (error ? error->message : "") << "\n" << text;
  return root;
}

// A value as text: a string's own, anything else as JSON writes it ("5", "0.97").
std::string text(const Json *value) {
  if (!value) return "<absent>";
  return value->is_string() ? value->get<std::string>() : value->dump();
}

// The inventory's JSON row for `date`, or an empty node.
Json day_row(const Json &inventory, const std::string &date) {
  if (const Json *days = member(inventory, "days"))
    for (const auto &day : *days)
      if (text(member(day, "date")) == date) return day;
  ADD_FAILURE() << "no row for " << date;
  return {};
}

std::string field(const Json &node, const std::string &slot, const std::string &name) {
  const Json *s = member(node, slot);
  return text(s ? member(*s, name) : nullptr);
}

class S3DataCommands : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server_ = start_s3rver("S3RVER", "S3RVER").release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static RunOptions env() { return s3_env(server_->endpoint()); }
  static NodeServer *server_;
};
NodeServer *S3DataCommands::server_ = nullptr;

const std::string k_flaky_raw_02 = "s3://market-data/flaky/2025/03/02/manifest.json";
const std::string k_flaky_raw_03 = "s3://market-data/flaky/2025/03/03/manifest.json";

} // namespace

TEST_F(S3DataCommands, InventoryOfRawAndNormalizedRootsReportsBadManifestsAndGoesOn) {
  auto r = run_ssmd(data_command("inventory", "flaky",
                                 {"--from", "2025-03-01", "--to", "2025-03-05", "--raw", raw_root(), "--normalized",
                                  normalized_root()}),
                    env());
  EXPECT_EQ(r.exit_code, 1) << r.err; // two invalid days
  // Each bad manifest is named by its URL with the reason, once.
  EXPECT_TRUE(contains(r.err, k_flaky_raw_02 + ": invalid manifest: field 'quality_score' must be in [0, 1], not 1.5"))
      << r.err;
  EXPECT_TRUE(contains(r.err, k_flaky_raw_03 + ": invalid manifest: ")) << r.err;
  EXPECT_TRUE(contains(r.err, "larger than the limit of 1048576 bytes")) << r.err;
  // The other days are still listed.
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n2025-03-01 +[0-9.]+MB +[0-9.]+MB +partial +0\\.97 +1\\n")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n2025-03-02 +invalid +- +invalid +- +-\\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n2025-03-03 +invalid +- +invalid +- +-\\n"))) << r.out;
  // Raw missing, normalized complete: the day is not whole (raw is the source of truth), so it says so.
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n2025-03-04 +- +[0-9.]+MB +raw-missing +1\\.00 +0\\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n2025-03-05 +- +- +- +- +-\\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\nTOTAL .* 4/5 days +1\\n"))) << r.out;
}

// The registry's file for the seeded feed `flaky`: the data commands need the feed registered.
const std::string k_flaky_feed =
    "name: flaky\ndisplay_name: Flaky\ntype: websocket\nstatus: active\nversions:\n  - version: v1\n"
    "    effective_from: 2025-01-01\n    protocol: wss\n    endpoint: wss://flaky.example.com/ws\n"
    "    auth_method: none\n    rate_limit_per_second: 10\n    max_symbols_per_connection: 100\n"
    "    supports_orderbook: true\n    supports_trades: true\ncalendar:\n  timezone: UTC\n";

TEST_F(S3DataCommands, InventoryReadsTheEnvironmentsS3Storage) {
  TempDir repo;
  repo.write("exchanges/feeds/flaky.yaml", k_flaky_feed);
  repo.write("exchanges/environments/flaky-lab.yaml",
             "name: flaky-lab\nfeed: flaky\nstorage: { type: s3, raw: \"" + raw_root() + "\", normalized: \"" +
                 normalized_root() + "\" }\n");
  RunOptions options = env();
  options.cwd = repo.path();
  auto r = run_ssmd(data_command("inventory", "flaky",
                                 {"--env", "flaky-lab", "--from", "2025-03-01", "--to", "2025-03-05", "--output", "json"}),
                    options);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto out = parse_json(r.out);
  auto first = day_row(out, "2025-03-01");
  EXPECT_EQ(field(first, "raw", "url"), "s3://market-data/flaky/2025/03/01/manifest.json");
  EXPECT_EQ(field(first, "normalized", "url"), "s3://market-data/normalized/flaky/2025/03/01/manifest.json");
  EXPECT_EQ(field(first, "raw", "status"), "partial");
  EXPECT_EQ(field(first, "normalized", "quality_score"), "0.97");
  EXPECT_EQ(text(member(day_row(out, "2025-03-01"), "status")), "partial");
  auto bad = day_row(out, "2025-03-02");
  EXPECT_EQ(text(member(bad, "status")), "invalid");
  EXPECT_TRUE(contains(field(bad, "raw", "invalid"), "quality_score")) << r.out;
  EXPECT_EQ(text(member(day_row(out, "2025-03-04"), "status")), "raw-missing");
  EXPECT_EQ(field(day_row(out, "2025-03-04"), "normalized", "status"), "complete");
  EXPECT_EQ(text(member(day_row(out, "2025-03-05"), "status")), "-");
  const Json *totals = member(out, "totals");
  ASSERT_TRUE(totals);
  EXPECT_EQ(text(member(*totals, "days")), "5");
  EXPECT_EQ(text(member(*totals, "days_with_data")), "4");
  EXPECT_EQ(text(member(*totals, "invalid_days")), "2");
}

TEST_F(S3DataCommands, GapsOfAnS3DayFromBothTrees) {
  auto r = run_ssmd(data_command("gaps", "flaky",
                                 {"--date", "2025-03-01", "--raw", raw_root(), "--normalized", normalized_root()}),
                    env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("raw +2025-03-01T10:00:00Z +2025-03-01T10:05:30Z +5m 30s +disconnect +no\\n")))
      << r.out;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("normalized +2025-03-01T10:00:00Z +2025-03-01T10:05:30Z +5m 30s +disconnect +yes\\n")))
      << r.out;
}

TEST_F(S3DataCommands, QualityOfAnS3DayWithRegistryCrossChecks) {
  TempDir repo;
  repo.write("exchanges/feeds/flaky.yaml", k_flaky_feed);
  repo.write("exchanges/environments/flaky-lab.yaml",
             "name: flaky-lab\nfeed: flaky\nstorage: { type: s3, raw: \"" + raw_root() + "\" }\n");
  RunOptions options = env();
  options.cwd = repo.path();
  auto r = run_ssmd(data_command("quality", "flaky", {"--date", "2025-03-01", "--env", "flaky-lab", "--output", "json"}),
                    options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = parse_json(r.out);
  const Json *raw = member(out, "raw");
  ASSERT_TRUE(raw) << r.out;
  EXPECT_EQ(text(member(*raw, "url")), "s3://market-data/flaky/2025/03/01/manifest.json");
  EXPECT_EQ(text(member(*raw, "status")), "partial");
  EXPECT_EQ(text(member(*raw, "quality_score")), "0.9");
  EXPECT_EQ(text(member(*raw, "first_timestamp")), "2025-03-01T00:00:00.125Z");
  EXPECT_EQ(text(member(*raw, "last_timestamp")), "2025-03-01T23:59:59.875Z");
  EXPECT_EQ(text(member(*raw, "open_gaps")), "1");
  EXPECT_GT(std::stoull(text(member(*raw, "record_count"))), 100000u);
  // A feed the registry does not know fails fast, before any store is read.
  auto ghost = run_ssmd(data_command("quality", "ghost", {"--date", "2025-03-01", "--raw", raw_root()}), options);
  EXPECT_EQ(ghost.exit_code, 1) << ghost.out;
  EXPECT_TRUE(contains(ghost.err, "feed 'ghost' is not registered")) << ghost.err;
}

TEST_F(S3DataCommands, AManifestOverOneMebibyteIsRefusedWithItsUrl) {
  auto r = run_ssmd(data_command("quality", "flaky", {"--date", "2025-03-03", "--raw", raw_root()}), env());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, k_flaky_raw_03 + ": invalid manifest: ")) << r.err;
  EXPECT_TRUE(contains(r.err, "1048576")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(S3DataCommands, AnInvalidManifestStopsGapsWithItsUrlAndReason) {
  auto r = run_ssmd(data_command("gaps", "flaky", {"--date", "2025-03-02", "--raw", raw_root()}), env());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, k_flaky_raw_02 + ": invalid manifest: field 'quality_score' must be in [0, 1]")) << r.err;
}

// The seeded kalshi manifests say `"schema_version": "v1"` and `"data_type": "trades"`; the bundled
// registry has trade:v1 in force from 2025-01-01.
class BareSchemaVersion : public S3DataCommands {
protected:
  BareSchemaVersion() {
    std::filesystem::copy(source_dir() / "exchanges", repo_.path() / "exchanges",
                          std::filesystem::copy_options::recursive);
    repo_.write("exchanges/environments/kalshi-lab.yaml",
                "name: kalshi-lab\nfeed: kalshi\nschemas: [orderbook:v1, trade:v1]\nstorage: { type: s3, raw: \"" +
                    raw_root() + "\" }\n");
  }
  RunResult quality(const std::string &date, std::vector<std::string> source) {
    source.insert(source.begin(), {"--date", date, "--output", "json"});
    RunOptions options = env();
    options.cwd = repo_.path();
    return run_ssmd(data_command("quality", "kalshi", source), options);
  }
  TempDir repo_;
};

TEST_F(BareSchemaVersion, IsResolvedAgainstTheEnvironmentsSchemasByDataType) {
  auto r = quality("2025-01-15", {"--env", "kalshi-lab"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = parse_json(r.out);
  ASSERT_TRUE(member(out, "raw")) << r.out;
  EXPECT_EQ(field(out, "raw", "schema_version"), "v1");
  EXPECT_EQ(field(out, "raw", "schema"), "trade:v1") << r.out;
  EXPECT_EQ(out.at("warnings").size(), 0u) << r.out;

  // Before trade:v1 took effect, the resolved version is checked like a written one.
  auto early = quality("2024-06-01", {"--env", "kalshi-lab"});
  ASSERT_EQ(early.exit_code, 0) << early.err;
  EXPECT_TRUE(contains(early.out, "schema_version trade:v1 (from 'v1' via environment kalshi-lab)")) << early.out;
}

TEST_F(BareSchemaVersion, WithoutEnvIsResolvedAgainstTheFeedsEnvironments) {
  auto r = quality("2025-01-15", {"--raw", raw_root()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = parse_json(r.out);
  EXPECT_EQ(field(out, "raw", "schema"), "trade:v1") << r.out;
  EXPECT_EQ(out.at("warnings").size(), 0u) << r.out;
}

TEST_F(BareSchemaVersion, AnEnvironmentWithoutAMatchingSchemaIsAWarning) {
  repo_.write("exchanges/environments/kalshi-books.yaml",
              "name: kalshi-books\nfeed: kalshi\nschemas: [orderbook:v1, market_status:v1]\n");
  auto r = quality("2025-01-15", {"--env", "kalshi-books", "--raw", raw_root()});
  EXPECT_EQ(r.exit_code, 2) << r.err; // --env and --raw are alternatives
  repo_.write("exchanges/environments/kalshi-books.yaml",
              "name: kalshi-books\nfeed: kalshi\nschemas: [orderbook:v1, market_status:v1]\nstorage: { type: s3, raw: \"" +
                  raw_root() + "\" }\n");
  auto books = quality("2025-01-15", {"--env", "kalshi-books"});
  ASSERT_EQ(books.exit_code, 0) << books.err;
  EXPECT_TRUE(contains(books.out, "data_type 'trades' names none of market_status, orderbook")) << books.out;
  EXPECT_FALSE(contains(books.out, "\"schema\":")) << books.out;
}
