// The core rules: the fixture passes every one; each mutation below breaks exactly one thing and must be
// reported with its rule id at the right place.
#include "registry/check.hpp"
#include "registry_fixture.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;

namespace {
struct Mutation {
  std::string file;      // repository-relative
  std::string from, to;  // text replaced (first occurrence); empty `from` writes `to` as the whole file
  std::string rule;      // expected rule id
  uint32_t line = 0;     // expected line (every finding has one; a whole-file finding is at 1:1)
  uint32_t column = 0;   // expected column
  std::string reported_in = {}; // the file the finding names, when it is not the file mutated
};

Diagnostics check_with(const Mutation &m, TempDir &dir) {
  auto files = test::write_fixture(dir);
  std::string text = files.count(m.file) ? files[m.file] : "";
  if (m.from.empty()) {
    text = m.to;
  } else {
    size_t at = text.find(m.from);
    EXPECT_NE(at, std::string::npos) << m.from;
    if (at != std::string::npos) text.replace(at, m.from.size(), m.to);
  }
  dir.write(m.file, text);
  Repository repo(dir.path());
  return check_repository(repo);
}

std::string dump(const Diagnostics &diags) {
  std::string out;
  for (const auto &d : diags) out += format_diagnostic(d) + "\n";
  return out;
}

const std::string feed = "exchanges/feeds/acme.yaml";
const std::string schema = "exchanges/schemas/trade.yaml";
const std::string env = "exchanges/environments/dev.yaml";
} // namespace

TEST(RegistryRules, FixturePassesEveryRule) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  EXPECT_TRUE(diags.empty()) << dump(diags);
}

// Test names such as `feed_overlapping_versions_8`.
std::string rule_name(const ::testing::TestParamInfo<Mutation> &info) {
  std::string name = info.param.rule + "_" + std::to_string(info.index);
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class RegistryRule : public ::testing::TestWithParam<Mutation> {};

TEST_P(RegistryRule, IsReportedWhereItBreaks) {
  TempDir dir;
  const Mutation &m = GetParam();
  Diagnostics diags = check_with(m, dir);
  const std::string &file = m.reported_in.empty() ? m.file : m.reported_in;
  bool found = false;
  for (const auto &d : diags)
    if (d.rule == m.rule && d.file == file && d.line == m.line && d.column == m.column) found = true;
  EXPECT_TRUE(found) << "expected " << m.rule << " at " << file << ":" << m.line << ":" << m.column << ", got:\n"
                     << dump(diags);
}

INSTANTIATE_TEST_SUITE_P(
    Feed, RegistryRule,
    ::testing::Values(
        Mutation{feed, "display_name: Acme Exchange\n", "", "feed/required", 2, 1},
        Mutation{feed, "    auth_method: api_key\n    rate_limit_per_second: 20", "    rate_limit_per_second: 20", "feed/required", 21, 5},
        Mutation{feed, "endpoint: \"wss://ws.acme.test/v2\"", "endpoint: \"\"", "feed/required", 24, 15},
        Mutation{feed, "type: websocket", "type: socket", "feed/unknown-type", 4, 7},
        Mutation{feed, "status: active", "status: live", "feed/unknown-status", 5, 9},
        Mutation{feed, "", "name: acme\ndisplay_name: A\ntype: rest\nstatus: active\nversions: []\ncalendar: {timezone: UTC}\n", "feed/no-versions", 5, 11},
        Mutation{feed, "version: v2", "version: v1", "feed/duplicate-version", 21, 14},
        Mutation{feed, "version: v2", "version: \"v 2\"", "feed/version-name", 21, 14},
        Mutation{feed, "effective_from: 2025-04-01", "effective_from: 2025-01-01", "feed/overlapping-versions", 22, 21},
        Mutation{feed, "effective_to: 2025-03-01", "effective_to: 2025-05-01", "feed/overlapping-versions", 10, 19},
        Mutation{feed, "effective_to: 2025-03-01", "effective_to: 2025-01-01", "feed/effective-to-before-from", 10, 19},
        Mutation{feed, "protocol: wss\n    endpoint: \"", "protocol: https\n    endpoint: \"", "feed/protocol-type-mismatch", 23, 15},
        Mutation{feed, "protocol: wss\n    endpoint: \"", "protocol: gopher\n    endpoint: \"", "feed/unknown-protocol", 23, 15},
        Mutation{feed, "\"wss://ws.acme.test/v2\"", "ws://ws.acme.test/v2", "feed/endpoint-scheme", 24, 15},
        Mutation{feed, "\"wss://ws.acme.test/v2\"", "not a url", "feed/endpoint-scheme", 24, 15},
        Mutation{feed, "rate_limit_per_second: 20", "rate_limit_per_second: 0", "feed/non-positive-limit", 26, 28},
        Mutation{feed, "America/New_York", "America/Atlantis", "feed/timezone", 32, 13},
        Mutation{feed, "America/New_York", "../../../etc/passwd", "feed/timezone", 32, 13},
        Mutation{feed, "America/New_York", "zone.tab", "feed/timezone", 32, 13},
        Mutation{feed, "effective_from: 2025-04-01", "effective_from: 2024-04-01", "feed/versions-out-of-order", 8, 3},
        Mutation{feed, "status: active", "status: disabled", "env/disabled-feed", 3, 7, env},
        Mutation{feed, "display_name: Acme Exchange\n", "display_name: Acme Exchange\n[a, b]: 1\n", "yaml/complex-key", 4, 1},
        Mutation{feed, "  holiday_calendar: us_equity\n", "  holiday_calendar: us_equity\n---\nname: other\n",
                 "yaml/multiple-documents", 1, 1}),
    rule_name);

INSTANTIATE_TEST_SUITE_P(
    Schema, RegistryRule,
    ::testing::Values(
        Mutation{schema, "format: fmt\n", "", "schema/required", 1, 1},
        Mutation{schema, "status: draft", "status: beta", "schema/unknown-status", 12, 13},
        Mutation{schema, "version: v2", "version: v1", "schema/duplicate-version", 10, 14},
        Mutation{schema, "effective_from: 2025-06-01", "effective_from: 2025-01-01", "schema/duplicate-effective-from", 11, 21},
        Mutation{schema, "file: trade.v2.fmt", "file: ../../secret.fmt", "schema/file-outside", 13, 11},
        Mutation{schema, "file: trade.v2.fmt", "file: /etc/passwd", "schema/file-outside", 13, 11},
        Mutation{schema, "file: trade.v2.fmt", "file: trade.v9.fmt", "schema/file-not-found", 13, 11},
        Mutation{schema, "compatible_with: [v1]", "compatible_with: [v7]", "schema/compatible-with", 15, 23},
        Mutation{schema, "compatible_with: [v1]", "compatible_with: [v2]", "schema/compatible-with", 15, 23},
        Mutation{"exchanges/schemas/trade.v2.fmt", "size @1", "qty @1", "schema/hash-mismatch", 14, 11, schema},
        Mutation{"exchanges/schemas/orphan.fmt", "", "struct Orphan {}\n", "repo/orphan-schema-file", 1, 1},
        Mutation{schema, "hash: sha256:", "hash: sha256:ABC", "schema/hash-format", 9, 11},
        Mutation{schema, "", "name: trade\nformat: fmt\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                             "    status: active\n    hash: sha256:" + std::string(64, '0') + "\n",
                 "schema/missing-file", 4, 5},
        Mutation{schema, "", "name: trade\nformat: fmt\nschema_file: trade.v1.fmt\nversions: []\n", "schema/no-versions", 4, 11},
        Mutation{schema, "format: fmt\n", "format: fmt\nformt: fmt\n", "schema/unknown-key", 3, 1},
        Mutation{schema, "version: v2", "version: \"v 2\"", "schema/version-name", 10, 14},
        Mutation{schema, "format: fmt", "format: [fmt]", "schema/wrong-type", 2, 9},
        Mutation{schema, "", "name: trade\nformat: fmt\nschema_file: trade.v1.fmt\nversions: v1\n", "schema/wrong-type", 4, 11}),
    rule_name);

INSTANTIATE_TEST_SUITE_P(
    Environment, RegistryRule,
    ::testing::Values(
        Mutation{env, "feed: acme", "feed: acme2", "env/unknown-feed", 3, 7},
        Mutation{env, "[trade:v1]", "[quote:v1]", "env/unknown-schema", 4, 11},
        Mutation{env, "[trade:v1]", "[trade:v3]", "env/unknown-schema-version", 4, 11},
        Mutation{env, "[trade:v1]", "[trade:v2]", "env/draft-schema", 4, 11},
        Mutation{env, "[trade:v1]", "[trade:v1, trade:v1]", "env/duplicate-schema", 4, 21},
        Mutation{env, "schemas: [trade:v1]", "schema: trade:v1\nschemas: [trade:v1]", "env/schema-and-schemas", 5, 10},
        Mutation{env, "feed: acme\n", "", "env/missing-feed", 2, 1},
        Mutation{env, "schemas: [trade:v1]   # pinned\n", "", "env/missing-schema", 2, 1},
        Mutation{env, "    source: env\n", "", "env/key-incomplete", 7, 5},
        Mutation{env, "fields: [key_id, secret]", "fields: []", "env/key-incomplete", 9, 13},
        Mutation{env, "fields: [key_id, secret]", "fields: [key_id, key_id]", "env/key-incomplete", 9, 22},
        Mutation{env, "rotation_days: 90", "rotation_days: -1", "env/key-rotation", 11, 20},
        Mutation{env, "name: dev\n", "name: dev\nextends: base\n", "env/unknown-parent", 3, 10},
        Mutation{env, "name: dev", "name: Dev", "repo/invalid-name", 2, 7},
        Mutation{env, "name: dev", "name: prod", "repo/name-mismatch", 2, 7},
        Mutation{env, "name: dev\n", "", "env/required", 2, 1},
        Mutation{env, "transport:", "transprt:", "env/unknown-key", 12, 1}),
    rule_name);

TEST(RegistryRules, ExtendsCycleIsReportedAsAPath) {
  TempDir dir;
  test::write_fixture(dir);
  dir.write("exchanges/environments/a.yaml", "name: a\nextends: b\n");
  dir.write("exchanges/environments/b.yaml", "name: b\nextends: a\n");
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  std::vector<std::string> messages;
  for (const auto &d : diags)
    if (d.rule == "env/extends-cycle") messages.push_back(d.file + ":" + std::to_string(d.line) + " " + d.message);
  EXPECT_EQ(messages, (std::vector<std::string>{"exchanges/environments/a.yaml:2 extends forms a cycle: a → b → a",
                                                "exchanges/environments/b.yaml:2 extends forms a cycle: b → a → b"}));
}

TEST(RegistryRules, InheritedFeedAndSchemasSatisfyAChild) {
  TempDir dir;
  test::write_fixture(dir);
  dir.write("exchanges/environments/child.yaml", "name: child\nextends: dev\nkeys:\n  acme: {type: api_key, fields: [key_id, secret], source: vault/secret/x}\n");
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  EXPECT_TRUE(diags.empty()) << dump(diags);
}

TEST(RegistryRules, DeprecatedSchemaIsAWarning) {
  TempDir dir;
  test::write_fixture(dir);
  dir.write(schema, test::read_file(dir.path() / schema).replace(test::read_file(dir.path() / schema).find("status: active"), 14, "status: deprecated"));
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  ASSERT_EQ(diags.size(), 1u) << dump(diags);
  EXPECT_EQ(diags[0].rule, "env/deprecated-schema");
  EXPECT_EQ(diags[0].severity, Severity::Warning);
}

TEST(RegistryRules, DuplicateNameAcrossFiles) {
  TempDir dir;
  test::write_fixture(dir);
  dir.write("exchanges/feeds/zeta.yaml", test::k_feed_yaml);
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  bool duplicate = false;
  for (const auto &d : diags) duplicate = duplicate || (d.rule == "repo/duplicate-name" && d.file == "exchanges/feeds/zeta.yaml");
  EXPECT_TRUE(duplicate) << dump(diags);
}

TEST(RegistryRules, SymlinkLeavingTheRepositoryIsRefused) {
  TempDir dir, outside;
  test::write_fixture(dir);
  outside.write("secret.fmt", test::k_trade_v2);
  std::filesystem::remove(dir.path() / "exchanges/schemas/trade.v2.fmt");
  std::filesystem::create_symlink(outside.path() / "secret.fmt", dir.path() / "exchanges/schemas/trade.v2.fmt");
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  bool outside_found = false;
  for (const auto &d : diags) outside_found = outside_found || (d.rule == "schema/file-outside" && d.line == 13);
  EXPECT_TRUE(outside_found) << dump(diags);
}

// The findings of `rule`, each as "file:line:col".
std::vector<std::string> where(const Diagnostics &diags, const std::string &rule) {
  std::vector<std::string> out;
  for (const auto &d : diags)
    if (d.rule == rule) out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column));
  return out;
}

// Tests run as root, so permissions cannot make a file unreadable; a symbolic link to itself fails for anyone.
TEST(RegistryRules, AnUnreadableFileIsReportedAtItsStart) {
  TempDir dir;
  test::write_fixture(dir);
  std::filesystem::create_symlink("loop.yaml", dir.path() / "exchanges/feeds/loop.yaml");
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  EXPECT_EQ(where(diags, "io/read"), std::vector<std::string>{"exchanges/feeds/loop.yaml:1:1"}) << dump(diags);
}

// A sparse file: 16 MiB and one byte on paper, no disk space, and refused before a byte is read.
void write_oversized(const std::filesystem::path &path) {
  std::filesystem::resize_file(path, 16u * 1024 * 1024 + 1);
}

TEST(RegistryRules, AnOversizedSchemaFileIsRefusedWhereTheVersionNamesIt) {
  TempDir dir;
  test::write_fixture(dir);
  write_oversized(dir.path() / "exchanges/schemas/trade.v2.fmt");
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  EXPECT_EQ(where(diags, "io/too-large"), std::vector<std::string>{schema + ":13:11"}) << dump(diags);
}

TEST(RegistryRules, AnOversizedYamlFileIsRefusedAtItsStart) {
  TempDir dir;
  test::write_fixture(dir);
  write_oversized(dir.path() / feed);
  Repository repo(dir.path());
  Diagnostics diags = check_repository(repo);
  EXPECT_EQ(where(diags, "yaml/too-large"), std::vector<std::string>{feed + ":1:1"}) << dump(diags);
}

TEST(RegistryRules, TimezoneIsARealTzifFile) {
  EXPECT_TRUE(is_iana_timezone("America/New_York"));
  EXPECT_TRUE(is_iana_timezone("UTC"));
  EXPECT_FALSE(is_iana_timezone("Mars/Olympus"));
  EXPECT_FALSE(is_iana_timezone("../zoneinfo/UTC"));
  EXPECT_FALSE(is_iana_timezone("/UTC"));
  EXPECT_FALSE(is_iana_timezone("zone1970.tab"));
  EXPECT_FALSE(is_iana_timezone(""));
}

TEST(RegistryRules, CatalogueIsSortedAndCoversEveryReportedRule) {
  const auto &rules = core_rules();
  for (size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1].id, rules[i].id);
}

// docs/file-formats.md lists every core rule in its rule reference, so the page cannot fall behind the code.
TEST(RegistryRules, EveryCoreRuleIsInTheRuleReference) {
  const std::string doc = test::read_file(test::source_dir() / "docs/file-formats.md");
  for (const auto &rule : core_rules())
    EXPECT_NE(doc.find("| `" + std::string(rule.id) + "` |"), std::string::npos) << rule.id << " is not documented";
}
