#include "core/timestamp.hpp"
#include "data/day_manifest.hpp"
#include "data/inventory.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::data;

namespace {
std::string manifest(const std::string &override_key = "", const std::string &override_value = "") {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"feed", "\"kalshi\""},
      {"date", "\"2025-12-14\""},
      {"data_type", "\"raw\""},
      {"schema_version", "\"trade:v1\""},
      {"status", "\"complete\""},
      {"record_count", "1200"},
      {"byte_size", "523000000"},
      {"first_timestamp", "\"2025-12-14T00:00:01Z\""},
      {"last_timestamp", "\"2025-12-14T23:59:59.500Z\""},
      {"gaps", "[{\"start\": \"2025-12-14T10:00:00Z\", \"end\": \"2025-12-14T10:05:00Z\", \"type\": \"disconnect\", "
               "\"resolved\": true}]"},
      {"quality_score", "0.98"},
      {"connector_version", "\"1.4.2\""},
      {"created_at", "\"2025-12-15T00:10:00Z\""}};
  std::string out = "{";
  for (auto &[k, v] : fields) {
    if (k == override_key) {
      if (override_value.empty()) continue;
      v = override_value;
    }
    out += (out.size() > 1 ? ", \"" : "\"") + k + "\": " + v;
  }
  return out + "}";
}

std::string problem_of(const std::string &text) {
  auto m = parse_day_manifest(text, "kalshi", *Date::parse("2025-12-14"));
  EXPECT_FALSE(m);
  return m ? "" : m.error();
}

// The failure of a parse, or "" when it succeeded.
template <typename R> std::string error_of(const R &result) { return result ? "" : result.error(); }
} // namespace

TEST(DayManifest, ParsesAValidManifest) {
  auto m = parse_day_manifest(manifest(), "kalshi", *Date::parse("2025-12-14"));
  ASSERT_TRUE(m) << error_of(m);
  EXPECT_EQ(m->byte_size, 523000000u);
  EXPECT_EQ(m->gaps.size(), 1u);
  EXPECT_TRUE(m->gaps[0].resolved);
  EXPECT_EQ(m->gaps[0].end.millis - m->gaps[0].start.millis, 300000);
  EXPECT_EQ(human_size(m->byte_size), "523MB");
}

TEST(DayManifest, RefusesEachKindOfBadManifest) {
  EXPECT_NE(problem_of(manifest("status", "\"done\"")).find("complete, partial, failed or processing"), std::string::npos);
  EXPECT_NE(problem_of(manifest("quality_score", "1.5")).find("[0, 1]"), std::string::npos);
  EXPECT_NE(problem_of(manifest("feed", "\"polymarket\"")).find("path says 'kalshi'"), std::string::npos);
  EXPECT_NE(problem_of(manifest("date", "\"2025-12-13\"")).find("path says 2025-12-14"), std::string::npos);
  EXPECT_NE(problem_of(manifest("record_count", "\"many\"")).find("record_count"), std::string::npos);
  EXPECT_NE(problem_of(manifest("record_count", "-4")).find("non-negative"), std::string::npos);
  EXPECT_NE(problem_of(manifest("byte_size")).find("'byte_size' is missing"), std::string::npos);
  EXPECT_NE(problem_of(manifest("first_timestamp", "\"2025-12-13T23:00:00Z\"")).find("outside"), std::string::npos);
  EXPECT_NE(problem_of(manifest("gaps", "[{\"start\": \"2025-12-14T10:05:00Z\", \"end\": \"2025-12-14T10:00:00Z\"}]"))
                .find("start before end"),
            std::string::npos);
  EXPECT_NE(problem_of("{\"feed\": ").find("malformed JSON at 1:10"), std::string::npos);
  EXPECT_NE(problem_of(std::string(2 << 20, ' ')).find("1 MiB"), std::string::npos);
}

// Issue 15, example 4: raw data has no schema, and data_type raw/normalized names the tree.
TEST(DayManifest, ARawDayMayHaveNoSchemaVersion) {
  const Date day = *Date::parse("2025-12-14");
  for (const char *schema : {"null", ""}) {
    auto text = manifest("schema_version", schema);
    if (std::string(schema).empty()) text = manifest("schema_version"); // absent
    auto m = parse_day_manifest(text, "kalshi", day, "raw");
    ASSERT_TRUE(m) << error_of(m);
    EXPECT_EQ(m->schema_version, "");
  }
  // In the raw tree, whatever the data_type says of the records.
  std::string trades = manifest("data_type", "\"trades\"");
  trades.replace(trades.find("\"trade:v1\""), 10, "null");
  auto m = parse_day_manifest(trades, "kalshi", day, "raw");
  EXPECT_TRUE(m) << error_of(m);
}

TEST(DayManifest, OnlyRawDataMayLackASchemaVersion) {
  const Date day = *Date::parse("2025-12-14");
  auto normalized = manifest("data_type", "\"normalized\"");
  normalized.replace(normalized.find("\"trade:v1\""), 10, "null");
  auto m = parse_day_manifest(normalized, "kalshi", day, "normalized");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().find("'schema_version' is required except for raw data"), std::string::npos) << m.error();
  auto number = parse_day_manifest(manifest("schema_version", "7"), "kalshi", day, "raw");
  ASSERT_FALSE(number);
  EXPECT_NE(number.error().find("must be a string"), std::string::npos) << number.error();
}

TEST(DayManifest, ADataTypeNamingTheOtherTreeIsRefused) {
  const Date day = *Date::parse("2025-12-14");
  auto other = parse_day_manifest(manifest(), "kalshi", day, "normalized");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().find("field 'data_type' is 'raw' but the manifest is in the normalized tree"), std::string::npos)
      << other.error();
  auto own = parse_day_manifest(manifest(), "kalshi", day, "raw");
  EXPECT_TRUE(own) << error_of(own);
  // Another data_type names the records, not a tree: it may be in either.
  auto records = parse_day_manifest(manifest("data_type", "\"trades\""), "kalshi", day, "normalized");
  EXPECT_TRUE(records) << error_of(records);
}

TEST(DayManifest, CreatedAtMayFallAfterTheDay) {
  auto m = parse_day_manifest(manifest("created_at", "\"2025-12-20T00:00:00Z\""), "kalshi", *Date::parse("2025-12-14"), "raw");
  EXPECT_TRUE(m) << error_of(m);
}

TEST(Timestamp, ParsesOffsetsAndFractions) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:01.5Z")->millis, 1500);
  EXPECT_EQ(parse_timestamp("1970-01-01T01:00:00+01:00")->millis, 0);
  EXPECT_FALSE(parse_timestamp("2025-12-14 10:00"));
  EXPECT_FALSE(parse_timestamp("2025-12-14T25:00:00Z"));
  EXPECT_EQ(format_timestamp(*parse_timestamp("2025-12-14T10:00:00.250Z")), "2025-12-14T10:00:00.250Z");
  EXPECT_EQ(format_duration(300000), "5m 00s");
}

TEST(ManifestKey, FollowsTheDesignedLayout) {
  EXPECT_EQ(manifest_key("kalshi", *Date::parse("2025-01-05")), "kalshi/2025/01/05/manifest.json");
}
