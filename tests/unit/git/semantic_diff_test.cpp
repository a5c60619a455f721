// The semantic summary of metadata changes, rule by rule.
#include "git/semantic_diff.hpp"

#include <gtest/gtest.h>

using ssmd::git::summarize_change;
using Lines = std::vector<std::string>;

namespace {
const std::string kFeed = "exchanges/feeds/kalshi.yaml";
const std::string kSchema = "exchanges/schemas/trade.yaml";
const std::string kEnv = "exchanges/environments/kalshi-dev.yaml";

std::string feed(const std::string &versions, const std::string &status = "active") {
  return "name: kalshi\ntype: websocket\nstatus: " + status + "\nversions:\n" + versions;
}
const std::string kV1 = "  - version: v1\n    effective_from: 2025-01-01\n    endpoint: wss://a/v1\n";
const std::string kV2 = "  - version: v2\n    effective_from: 2025-03-01\n    endpoint: wss://a/v2\n";
const std::string kV3 = "  - version: v3\n    effective_from: 2025-07-01\n    endpoint: wss://a/v3\n";
} // namespace

TEST(GitSemanticDiff, IdenticalBytesAreNoChange) {
  EXPECT_TRUE(summarize_change(kFeed, feed(kV1), feed(kV1)).empty());
  EXPECT_TRUE(summarize_change(kFeed, std::nullopt, std::nullopt).empty());
}

TEST(GitSemanticDiff, DefinitionsCreatedAndDeleted) {
  EXPECT_EQ(summarize_change("exchanges/feeds/polymarket.yaml", std::nullopt, "name: polymarket\n"),
            Lines{"feed polymarket: created"});
  EXPECT_EQ(summarize_change("exchanges/environments/x.yaml", "name: x\n", std::nullopt),
            Lines{"environment x: deleted"});
  EXPECT_EQ(summarize_change(kSchema, std::nullopt, "name: trade\n"), Lines{"schema trade: created"});
}

TEST(GitSemanticDiff, FeedVersionsAddedRemovedAndChanged) {
  EXPECT_EQ(summarize_change(kFeed, feed(kV1 + kV2), feed(kV1 + kV2 + kV3)),
            Lines{"feed kalshi: + version v3 (effective 2025-07-01)"});
  EXPECT_EQ(summarize_change(kFeed, feed(kV1 + kV2), feed(kV2)), Lines{"feed kalshi: - version v1"});
  std::string v2_moved = "  - version: v2\n    effective_from: 2025-03-01\n    endpoint: wss://b/v2\n";
  EXPECT_EQ(summarize_change(kFeed, feed(kV1 + kV2), feed(kV1 + v2_moved)), Lines{"feed kalshi: v2 endpoint changed"});
  std::string v2_both = "  - version: v2\n    effective_from: 2025-04-01\n    endpoint: wss://b/v2\n";
  EXPECT_EQ(summarize_change(kFeed, feed(kV2), feed(v2_both)), Lines{"feed kalshi: v2 effective_from, endpoint changed"});
  // A version without a date still reads as added.
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), feed(kV1 + "  - version: v9\n")), Lines{"feed kalshi: + version v9"});
}

TEST(GitSemanticDiff, FeedStatus) {
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), feed(kV1, "deprecated")), Lines{"feed kalshi: status active → deprecated"});
}

TEST(GitSemanticDiff, MeaningNotLayout) {
  // Key order, quoting, flow style and comments do not change meaning.
  std::string rewritten = "# moved around\nstatus: \"active\"\nname: kalshi\ntype: websocket\nversions:\n"
                          "  - {endpoint: 'wss://a/v1', version: v1, effective_from: 2025-01-01}\n";
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), rewritten), Lines{"feed kalshi: modified (comments or formatting only)"});
  // Reordering versions is not a version change.
  EXPECT_EQ(summarize_change(kFeed, feed(kV1 + kV2), feed(kV2 + kV1)), Lines{"feed kalshi: modified (comments or formatting only)"});
}

TEST(GitSemanticDiff, GenericFallbackNamesTheKeys) {
  std::string renamed = feed(kV1) + "display_name: Kalshi\ncalendar:\n  timezone: UTC\n";
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), renamed), Lines{"feed kalshi: modified (display_name, calendar)"});
  // Alongside a described change, the rest still shows.
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), feed(kV1 + kV2) + "display_name: K\n"),
            (Lines{"feed kalshi: + version v2 (effective 2025-03-01)", "feed kalshi: modified (display_name)"}));
  // Versions that are not a list of `version:` maps fall back too.
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), "name: kalshi\ntype: websocket\nstatus: active\nversions: v1\n"),
            Lines{"feed kalshi: modified (versions)"});
}

TEST(GitSemanticDiff, UnparsableSides) {
  EXPECT_EQ(summarize_change(kFeed, feed(kV1), "versions: [\n"), Lines{"feed kalshi: modified (not a valid YAML mapping)"});
  EXPECT_EQ(summarize_change(kFeed, "- a list\n", feed(kV1)), Lines{"feed kalshi: modified"});
}

TEST(GitSemanticDiff, SchemaVersionsAndLifecycle) {
  std::string v1 = "  - version: v1\n    status: active\n    file: trade.v1.x\n";
  std::string v2 = "  - version: v2\n    status: draft\n    file: trade.v2.x\n    hash: sha256:aa\n";
  std::string v2_active = "  - version: v2\n    status: active\n    file: trade.v2.x\n    hash: sha256:aa\n";
  std::string v2_rehashed = "  - version: v2\n    status: draft\n    file: trade.v2.x\n    hash: sha256:bb\n";
  std::string v3 = "  - version: v3\n    status: draft\n";
  auto schema = [](const std::string &versions) { return "name: trade\nformat: x\nversions:\n" + versions; };
  EXPECT_EQ(summarize_change(kSchema, schema(v1 + v2), schema(v1 + v2_active)), Lines{"schema trade: v2 draft → active"});
  EXPECT_EQ(summarize_change(kSchema, schema(v1 + v2), schema(v1 + v2 + v3)), Lines{"schema trade: + version v3 (draft)"});
  EXPECT_EQ(summarize_change(kSchema, schema(v1 + v2), schema(v2)), Lines{"schema trade: - version v1"});
  EXPECT_EQ(summarize_change(kSchema, schema(v1 + v2), schema(v1 + v2_rehashed)), Lines{"schema trade: v2 hash changed"});
}

TEST(GitSemanticDiff, SchemaFilesAndOtherFiles) {
  EXPECT_EQ(summarize_change("exchanges/schemas/trade.v2.x", std::nullopt, "s"), Lines{"schema file trade.v2.x: added"});
  EXPECT_EQ(summarize_change("exchanges/schemas/trade.v2.x", "s", "t"), Lines{"schema file trade.v2.x: modified"});
  EXPECT_EQ(summarize_change("exchanges/schemas/trade.v2.x", "s", std::nullopt), Lines{"schema file trade.v2.x: deleted"});
  EXPECT_EQ(summarize_change("ssmd-plugins.lock", "a", "b"), Lines{"ssmd-plugins.lock: modified"});
  EXPECT_EQ(summarize_change("exchanges/README.md", std::nullopt, "x"), Lines{"exchanges/README.md: added"});
  // Only .yaml files directly in feeds/ are feeds.
  EXPECT_EQ(summarize_change("exchanges/feeds/old/kalshi.yaml", "a: 1\n", "a: 2\n"),
            Lines{"exchanges/feeds/old/kalshi.yaml: modified"});
}

TEST(GitSemanticDiff, EnvironmentFeedAndSchema) {
  std::string base = "name: kalshi-dev\nfeed: kalshi\nschema: trade:v1\n";
  EXPECT_EQ(summarize_change(kEnv, base, "name: kalshi-dev\nfeed: kalshi\nschema: trade:v2\n"),
            Lines{"environment kalshi-dev: schema trade:v1 → trade:v2"});
  EXPECT_EQ(summarize_change(kEnv, base, "name: kalshi-dev\nfeed: polymarket\nschema: trade:v1\n"),
            Lines{"environment kalshi-dev: feed kalshi → polymarket"});
  EXPECT_EQ(summarize_change(kEnv, base, base + "extends: base\n"), Lines{"environment kalshi-dev: extends set to base"});
  // Lists pair references by schema name; what is left is added or removed.
  std::string many = "name: kalshi-dev\nfeed: kalshi\nschemas: [trade:v1, book:v1, status:v1]\n";
  EXPECT_EQ(summarize_change(kEnv, many, "name: kalshi-dev\nfeed: kalshi\nschemas: [trade:v2, book:v1, fills:v1]\n"),
            (Lines{"environment kalshi-dev: schema trade:v1 → trade:v2", "environment kalshi-dev: + schema fills:v1",
                   "environment kalshi-dev: - schema status:v1"}));
}

TEST(GitSemanticDiff, EnvironmentKeysNeverQuoteValues) {
  std::string before = "name: e\nkeys:\n  a:\n    source: env\n  b:\n    source: env\n";
  std::string after = "name: e\nkeys:\n  a:\n    source: vault/secret/path/a\n    rotation_days: 30\n  c:\n    source: env\n";
  Lines lines = summarize_change("exchanges/environments/e.yaml", before, after);
  EXPECT_EQ(lines, (Lines{"environment e: + key c", "environment e: - key b", "environment e: key a changed (source, rotation_days)"}));
  for (const auto &line : lines) EXPECT_EQ(line.find("vault/secret"), std::string::npos) << line;
}

TEST(GitSemanticDiff, EnvironmentOtherKeysFallBack) {
  EXPECT_EQ(summarize_change(kEnv, "name: kalshi-dev\ntransport: {type: nats}\n", "name: kalshi-dev\ntransport: {type: kafka}\n"),
            Lines{"environment kalshi-dev: modified (transport)"});
}
