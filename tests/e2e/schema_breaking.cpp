// `ssmd schema breaking`: the real binary, the bundled capnp plugin, real git repositories.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

using namespace ssmd::test;

namespace {

// v1 is the bundled definition, v2 `newer`.
void two_versions(const GitRepo &repo, const std::string &newer) {
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}, {"v2", "trade.v2.capnp", newer}});
}

size_t count_lines(const std::string &text, const std::string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

} // namespace

TEST(SchemaBreakingE2E, WireBreakingPairExits1WithCategoriesRuleIdsAndTheNewerFilesPositions) {
  GitRepo repo;
  two_versions(repo, trade_wire_breaking());
  auto r = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // quantityMicros is on line 13 of the newer file, in the same place as in the bundled one.
  EXPECT_TRUE(has(r.out, "exchanges/schemas/trade.v2.capnp:13:3: error: wire: field `quantityMicros` @6")) << r.out;
  EXPECT_TRUE(has(line_containing(r.out, "trade.v2.capnp:13:3"), "[capnp/breaking/field-type-changed]")) << r.out;
  // The removed field is located at the struct that held it (`Trade`, line 6) in the newer file.
  EXPECT_TRUE(has(line_starting(r.out, "exchanges/schemas/trade.v2.capnp:6:8: error: removal: field `outcome` @7"),
                  "[capnp/removal/field-removed]"))
      << r.out;
  EXPECT_FALSE(has(r.out, "trade.v1.capnp:")) << "findings point into the newer file\n" << r.out;
  EXPECT_TRUE(has(r.out, "trade v1 \u2192 v2: 1 wire, 1 removal, 0 hygiene, 0 source, 0 safe (failing on wire, "
                         "removal)\n"))
      << r.out;
}

TEST(SchemaBreakingE2E, AnAddedFieldIsASafeInfoFindingAndExits0) {
  GitRepo repo;
  two_versions(repo, trade_with_added_field());
  auto r = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // venue is the line after outcome, the bundled file's last field (line 14).
  EXPECT_TRUE(has(line_starting(r.out, "exchanges/schemas/trade.v2.capnp:15:3: info: safe: field `venue` @8 of `Trade` was added"),
                  "[capnp/note/field-added]"))
      << r.out;
  EXPECT_TRUE(has(r.out, "trade v1 \u2192 v2: 0 wire, 0 removal, 0 hygiene, 0 source, 1 safe (failing on wire, removal)\n"))
      << r.out;

  auto json = repo.ssmd({"schema", "breaking", "trade", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  ssmd::strict_json::Json doc;
  ASSERT_FALSE(ssmd::strict_json::parse(json.out, doc)) << json.out;
  EXPECT_EQ(doc.at("notes"), 1u);
  EXPECT_EQ(doc.at("wire_breaking"), 0u);
  const auto &findings = doc.at("findings");
  ASSERT_EQ(findings.size(), 1u) << json.out;
  const auto &f = findings[0];
  EXPECT_EQ(f.at("category"), "safe");
  EXPECT_TRUE(f.at("fails").is_boolean());
  EXPECT_EQ(f.at("severity"), "info");
  EXPECT_EQ(f.at("rule"), "capnp/note/field-added");
  EXPECT_EQ(f.at("line"), 15u);
}

TEST(SchemaBreakingE2E, AReformattedVersionHasNoFindingsAndExits0) {
  GitRepo repo;
  two_versions(repo, trade_reformatted());
  auto r = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "trade v1 \u2192 v2: 0 wire, 0 removal, 0 hygiene, 0 source, 0 safe (failing on wire, removal)\n");
}

TEST(SchemaBreakingE2E, SourceBreakingAloneIsAWarningAndExits0) {
  GitRepo repo;
  two_versions(repo, trade_source_breaking());
  auto r = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "exchanges/schemas/trade.v2.capnp:9:3: warning: source: ")) << r.out;
  EXPECT_TRUE(has(r.out, "[capnp/source/field-renamed]")) << r.out;
  EXPECT_TRUE(has(r.out, ": 0 wire, 0 removal, 0 hygiene, 1 source, 0 safe (failing on wire, removal)\n")) << r.out;
}

TEST(SchemaBreakingE2E, AgainstAnOlderCommitReadsTheOlderSideFromGit) {
  GitRepo repo;
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}});
  repo.commit_all("trade v1");
  // A breaking edit of the same version, committed: the working tree equals HEAD.
  repo.write("exchanges/schemas/trade.v1.capnp", trade_wire_breaking());
  repo.commit_all("trade v1: drop outcome");

  auto r = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD~1"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "exchanges/schemas/trade.v1.capnp:13:3: error: ")) << r.out;
  EXPECT_TRUE(has(r.out, "[capnp/breaking/field-type-changed]")) << r.out;
  EXPECT_TRUE(has(r.out, "trade v1 in commit ")) << r.out;
  EXPECT_TRUE(has(r.out, " (HEAD~1) \u2192 v1 in the working tree: 1 wire, 1 removal,")) << r.out;

  auto same = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_TRUE(has(same.out, ": 0 wire, 0 removal,")) << same.out;

  // An uncommitted fix in the working tree: HEAD~1 still comes from git, and now matches.
  repo.write("exchanges/schemas/trade.v1.capnp", bundled_trade());
  auto fixed = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD~1"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  auto against_head = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"});
  EXPECT_EQ(against_head.exit_code, 1) << "the older side is HEAD's committed file\n" << against_head.out;

  auto unknown = repo.ssmd({"schema", "breaking", "trade", "--against", "no-such-branch"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "ssmd: unknown revision 'no-such-branch': name a commit, branch or tag\n");
}

TEST(SchemaBreakingE2E, AgainstACommitWithoutTheSchemaExits1) {
  GitRepo repo;
  repo.write("exchanges/feeds/.keep", "");
  repo.commit_all("empty");
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}});
  auto r = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.err, "exchanges/schemas/trade.yaml does not exist in commit ")) << r.err;
}

TEST(SchemaBreakingE2E, FromAndToChooseTheVersions) {
  GitRepo repo;
  std::string v2 = trade_with_added_field();
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()},
                     {"v2", "trade.v2.capnp", v2},
                     {"v3", "trade.v3.capnp", replaced(v2, "venue @8 :Text", "venue @8 :Int32")}});
  auto newest = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(newest.exit_code, 1) << newest.out;
  EXPECT_TRUE(has(newest.out, "trade v2 \u2192 v3: 1 wire,")) << newest.out;
  EXPECT_TRUE(has(newest.out, "exchanges/schemas/trade.v3.capnp:15:3: error: ")) << newest.out;

  auto to_v2 = repo.ssmd({"schema", "breaking", "trade", "--to", "v2"});
  EXPECT_EQ(to_v2.exit_code, 0) << to_v2.out;
  EXPECT_TRUE(has(to_v2.out, "trade v1 \u2192 v2: 0 wire,")) << to_v2.out;

  // v3 only adds a field to v1: the type change happened between v2 and v3.
  auto from_v1 = repo.ssmd({"schema", "breaking", "trade", "--from", "v1"});
  EXPECT_EQ(from_v1.exit_code, 0) << from_v1.out;
  EXPECT_TRUE(has(from_v1.out, "trade v1 \u2192 v3: 0 wire,")) << from_v1.out;

  auto both = repo.ssmd({"schema", "breaking", "trade", "--from", "v1", "--to", "v2"});
  EXPECT_EQ(both.exit_code, 0) << both.out;

  auto same = repo.ssmd({"schema", "breaking", "trade", "--from", "v2", "--to", "v2"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_TRUE(has(same.err, "--from and --to both name v2")) << same.err;

  auto unknown = repo.ssmd({"schema", "breaking", "trade", "--to", "v9"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(has(unknown.err, "schema 'trade' has no version 'v9' in the working tree (it has v1, v2, v3)")) << unknown.err;

  auto first = repo.ssmd({"schema", "breaking", "trade", "--to", "v1"});
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_TRUE(has(first.err, "has no version before v1")) << first.err;

  auto bad_format = repo.ssmd({"schema", "breaking", "trade", "--format", "xml"});
  EXPECT_EQ(bad_format.exit_code, 2);
}

TEST(SchemaBreakingE2E, JsonHasTheFindingsCategoriesAndTheWireCount) {
  GitRepo repo;
  two_versions(repo, replaced(trade_wire_breaking(), "tradeId @2", "executionId @2"));
  auto r = repo.ssmd({"schema", "breaking", "trade", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ssmd::strict_json::Json doc;
  ASSERT_FALSE(ssmd::strict_json::parse(r.out, doc)) << r.out;
  EXPECT_EQ(doc.at("schema"), "trade");
  EXPECT_EQ(doc.at("from"), "v1");
  EXPECT_EQ(doc.at("to"), "v2");
  EXPECT_TRUE(doc.at("against").is_null());
  EXPECT_EQ(doc.at("wire_breaking"), 1u);
  EXPECT_EQ(doc.at("removals"), 1u);
  EXPECT_EQ(doc.at("hygiene"), 0u);
  EXPECT_EQ(doc.at("source_breaking"), 1u);
  EXPECT_EQ(doc.at("failing"), 2u);
  ASSERT_EQ(doc.at("fail_on").size(), 2u) << r.out;
  EXPECT_EQ(doc.at("fail_on")[0], "wire");
  EXPECT_EQ(doc.at("fail_on")[1], "removal");
  const auto &findings = doc.at("findings");
  ASSERT_TRUE(findings.is_array());
  ASSERT_EQ(findings.size(), 3u) << r.out;
  std::map<std::string, std::string> prefix = {{"wire", "capnp/breaking/"}, {"removal", "capnp/removal/"},
                                               {"source", "capnp/source/"}};
  std::map<std::string, size_t> seen;
  for (const auto &f : findings) {
    for (const char *key : {"file", "line", "column", "severity", "category", "fails", "rule", "message"})
      EXPECT_TRUE(f.contains(key)) << key << " missing in " << r.out;
    EXPECT_EQ(f.at("file"), "exchanges/schemas/trade.v2.capnp");
    EXPECT_GT(f.at("line").get<uint64_t>(), 0u);
    const std::string category = f.at("category").get<std::string>(), rule = f.at("rule").get<std::string>();
    ++seen[category];
    ASSERT_TRUE(prefix.contains(category)) << category;
    EXPECT_TRUE(rule.starts_with(prefix[category])) << rule;
    bool fails = category != "source";
    EXPECT_EQ(f.at("fails"), fails) << rule;
    EXPECT_EQ(f.at("severity"), fails ? "error" : "warning") << rule;
  }
  EXPECT_EQ(seen, (std::map<std::string, size_t>{{"removal", 1}, {"source", 1}, {"wire", 1}}));
}

TEST(SchemaBreakingE2E, AVersionThatDoesNotCompileIsNotSafe) {
  GitRepo repo;
  two_versions(repo, replaced(bundled_trade(), "feed @0 :Text;", "feed @0 :NoSuchType;"));
  auto r = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "exchanges/schemas/trade.v2.capnp:7:")) << r.out;
  EXPECT_TRUE(has(r.out, "not fully compared: 1 error in the schema files")) << r.out;
}

TEST(SchemaBreakingE2E, APluginThatIsNotAllowedIsExit3NamingTheKindNeeded) {
  GitRepo repo;
  two_versions(repo, trade_with_added_field());
  auto r = repo.ssmd({"--plugins", "feed-kalshi", "schema", "breaking", "trade"});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "format 'capnp' needs a schema-format plugin")) << r.err;
  EXPECT_TRUE(has(r.err, "not allowed by --plugins")) << r.err;
}

TEST(SchemaBreakingE2E, NoPluginAnywhereIsExit3AndShowStillWorks) {
  GitRepo repo;
  two_versions(repo, trade_with_added_field());
  // A copy of ssmd outside the build tree finds no bundled plugins; the plugin path is an empty directory.
  std::filesystem::create_directories(repo.base() / "bin");
  std::filesystem::create_directories(repo.base() / "no-plugins");
  std::filesystem::copy_file(std::getenv("SSMD_BINARY"), repo.base() / "bin/ssmd");
  std::string ssmd = (repo.base() / "bin/ssmd").string() + " --plugin-path " + (repo.base() / "no-plugins").string();
  RunOptions options = repo.options();
  options.unset_env.push_back("SSMD_PLUGIN_PATH");
  auto breaking = run_shell(ssmd + " schema breaking trade", options);
  EXPECT_EQ(breaking.exit_code, 3) << breaking.out;
  EXPECT_EQ(breaking.err, "ssmd: cannot compare versions of schema 'trade': format 'capnp' needs a schema-format "
                          "plugin: no plugin provides schema format 'capnp'\n");
  auto show = run_shell(ssmd + " schema show trade:v1", options);
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(has(show.out, "fingerprint:      unavailable (format 'capnp' needs a schema-format plugin: no plugin "
                            "provides schema format 'capnp')\n"))
      << show.out;
  EXPECT_TRUE(has(show.out, "struct Trade {")) << "the definition is still shown\n" << show.out;
}

TEST(SchemaBreakingE2E, ImportPathSetsTheFormatsImportPaths) {
  GitRepo repo;
  repo.write("vendor/market/side.capnp", "@0xc3b9c0e9e3a6a0f1;\nenum Side {\n  buy @0;\n  sell @1;\n}\n");
  std::string newer = replaced(trade_with_added_field(), "  venue @8 :Text;", "  side @8 :import \"/market/side.capnp\".Side;");
  two_versions(repo, newer);
  auto without = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(without.exit_code, 1) << without.out;
  EXPECT_TRUE(has(without.out, "[capnp/import]")) << without.out;

  auto with = repo.ssmd({"schema", "breaking", "trade", "--import-path", "vendor"});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;
  EXPECT_TRUE(has(with.out, ": 0 wire, 0 removal,")) << with.out;

  // The flag comes before the configured directories; a configured directory alone works too.
  repo.write(".ssmd/config.yaml", "capnp:\n  import_paths: [vendor]\n");
  auto configured = repo.ssmd({"schema", "breaking", "trade", "--import-path", "elsewhere"});
  EXPECT_EQ(configured.exit_code, 0) << configured.out << configured.err;

  auto show = repo.ssmd({"schema", "show", "trade:v2", "--import-path", "/nonexistent", "--output", "json"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(has(show.out, "\"fingerprint\": \"capnp-schema:sha256:")) << show.out;
  EXPECT_EQ(count_lines(show.out, "fingerprint_unavailable"), 0u) << show.out;
}

TEST(SchemaBreakingE2E, FingerprintIgnoresFormattingAndFollowsStructure) {
  GitRepo repo;
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()},
                     {"v2", "trade.v2.capnp", trade_reformatted()},
                     {"v3", "trade.v3.capnp", trade_with_added_field()}});
  auto fingerprint_of = [&](const std::string &version) {
    auto r = repo.ssmd({"schema", "show", "trade:" + version});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string line = line_starting(r.out, "fingerprint:");
    EXPECT_TRUE(has(line, "capnp-schema:sha256:")) << r.out;
    return line;
  };
  EXPECT_NE(bundled_trade(), trade_reformatted());
  EXPECT_EQ(fingerprint_of("v1"), fingerprint_of("v2"));
  EXPECT_NE(fingerprint_of("v1"), fingerprint_of("v3"));
  auto json = repo.ssmd({"schema", "show", "trade:v1", "--output", "json"});
  EXPECT_TRUE(has(json.out, "\"fingerprint\": \"capnp-schema:sha256:")) << json.out;
  // Text: the fingerprint stands beside the recorded file hash.
  auto text = repo.ssmd({"schema", "show", "trade:v1"});
  EXPECT_TRUE(has(text.out, "hash:             sha256:" + std::string(64, '0') + "\nfingerprint:      capnp-schema:"))
      << text.out;
}

TEST(SchemaBreakingE2E, TheBreakingCommandIsInTheHelp) {
  GitRepo repo;
  auto r = repo.ssmd({"schema", "breaking", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.out, "--against")) << r.out;
  EXPECT_TRUE(has(r.out, "--import-path")) << r.out;
}
