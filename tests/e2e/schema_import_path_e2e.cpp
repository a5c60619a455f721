// `--import-path DIR` (repeatable) and the `<format>.import_paths` configuration key, through the real
// binary and the bundled capnp plugin: a schema that imports a file from an extra directory validates,
// compares and fingerprints only when that directory is given, by flag or by configuration, and a cached
// validate run never outlives a change of the directories.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

// trade v1 is the bundled file; v2 adds a field whose type comes from `/market/side.capnp`, which only
// vendor/market/ holds. The recorded hashes are refreshed, so only the import can fail.
void trade_importing_from_vendor(const GitRepo &repo) {
  repo.write("vendor/market/side.capnp", "@0xc3b9c0e9e3a6a0f1;\nenum Side {\n  buy @0;\n  sell @1;\n}\n");
  std::string newer = replaced(trade_with_added_field(), "  venue @8 :Text;", "  side @8 :import \"/market/side.capnp\".Side;");
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}, {"v2", "trade.v2.capnp", newer}});
  for (const char *version : {"trade:v1", "trade:v2"}) {
    auto hashed = repo.ssmd({"schema", "hash", version, "--update"});
    ASSERT_EQ(hashed.exit_code, 0) << hashed.out << hashed.err;
  }
}

} // namespace

TEST(SchemaImportPathE2E, ValidateFindsImportsOnlyInTheGivenDirectories) {
  GitRepo repo;
  trade_importing_from_vendor(repo);

  auto without = repo.ssmd({"validate"});
  EXPECT_EQ(without.exit_code, 1) << without.out << without.err;
  EXPECT_TRUE(has(line_containing(without.out, "[capnp/import]"), "exchanges/schemas/trade.v2.capnp:")) << without.out;

  // Repeatable: the first directory holds nothing, the second the import.
  auto with = repo.ssmd({"validate", "--import-path", "vendor/empty", "--import-path", "vendor"});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;
  EXPECT_FALSE(has(with.out, "capnp/import")) << with.out;

  // The cache is keyed by the directories: the same tree without the flag fails again, and an absolute
  // directory on disk works like the repository one.
  auto again = repo.ssmd({"validate"});
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  auto absolute = repo.ssmd({"validate", "--import-path", (repo.root() / "vendor").string()});
  EXPECT_EQ(absolute.exit_code, 0) << absolute.out << absolute.err;

  auto usage = repo.ssmd({"validate", "--import-path", ""});
  EXPECT_EQ(usage.exit_code, 2) << usage.out << usage.err;
}

TEST(SchemaImportPathE2E, TheConfigurationKeyWorksLikeTheFlag) {
  GitRepo repo;
  trade_importing_from_vendor(repo);
  repo.write(".ssmd/config.yaml", "capnp:\n  import_paths: [vendor]\n");
  auto configured = repo.ssmd({"validate"});
  EXPECT_EQ(configured.exit_code, 0) << configured.out << configured.err;
  auto breaking = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(breaking.exit_code, 0) << breaking.out << breaking.err;
  EXPECT_TRUE(has(breaking.out, "[capnp/note/field-added]")) << breaking.out;

  // The same key with another directory at the same place in the file: the cached result must not stay.
  repo.write(".ssmd/config.yaml", "capnp:\n  import_paths: [vendor/market]\n");
  auto edited = repo.ssmd({"validate"});
  EXPECT_EQ(edited.exit_code, 1) << edited.out << edited.err;
  EXPECT_TRUE(has(edited.out, "[capnp/import]")) << edited.out;
}

TEST(SchemaImportPathE2E, BreakingAndShowTakeTheFlag) {
  GitRepo repo;
  trade_importing_from_vendor(repo);
  auto without = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(without.exit_code, 1) << without.out;
  EXPECT_TRUE(has(without.out, "[capnp/import]")) << without.out;
  auto with = repo.ssmd({"schema", "breaking", "trade", "--import-path", "vendor/empty", "--import-path", "vendor"});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;

  auto show_without = repo.ssmd({"schema", "show", "trade:v2", "--output", "json"});
  EXPECT_EQ(show_without.exit_code, 0) << show_without.err;
  EXPECT_TRUE(has(show_without.out, "fingerprint_unavailable")) << show_without.out;
  auto show_with = repo.ssmd({"schema", "show", "trade:v2", "--import-path", "vendor", "--output", "json"});
  EXPECT_EQ(show_with.exit_code, 0) << show_with.err;
  EXPECT_TRUE(has(show_with.out, "\"fingerprint\": \"capnp-schema:sha256:")) << show_with.out;
}
