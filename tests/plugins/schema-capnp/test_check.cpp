// `check`: compiler errors, the file ID, the root type, lint rules and their configuration.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

using namespace ssmd::test;

namespace {

const char *k_trade = R"(@0xdbb9ad1f14bf0b36;

struct Trade {
  price @0 :Int64;   # fixed point, 1e-8
  size @1 :UInt32;
  side @2 :Side;
}

enum Side {
  buy @0;
  sell @1;
}
)";

} // namespace

TEST(CapnpCheck, ValidFileIsClean) {
  SchemaRepo repo;
  repo.write("schemas/trade.capnp", k_trade);
  auto r = repo.check({"schemas/trade.capnp", "trade", ""});
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}

TEST(CapnpCheck, ReportsEveryCompilerErrorWithOneBasedLineAndColumn) {
  SchemaRepo repo;
  repo.write("schemas/trade.capnp", R"(@0xdbb9ad1f14bf0b36;

struct Trade {
  price @0 :Int64;
  venue @1 :Venue;
  size @2 :UInt32 = "big";
  side @3 :Side;
}
)");
  auto r = repo.check({"schemas/trade.capnp", "trade", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  auto errors = of_rule(r.findings, "capnp/compile");
  ASSERT_EQ(errors.size(), 3u) << r.findings.dump();
  // The same places `capnp compile` prints: 5:13, 6:21, 7:12.
  EXPECT_EQ(place(errors[0]), "schemas/trade.capnp:5:13");
  EXPECT_EQ(errors[0].message, "Not defined: Venue");
  EXPECT_EQ(place(errors[1]), "schemas/trade.capnp:6:21");
  EXPECT_EQ(errors[1].message, "Type mismatch; expected UInt32.");
  EXPECT_EQ(place(errors[2]), "schemas/trade.capnp:7:12");
  EXPECT_EQ(errors[2].message, "Not defined: Side");
  EXPECT_EQ(r.findings.errors(), 3u) << r.findings.dump();
}

TEST(CapnpCheck, ParseErrorsUseTheSyntaxRule) {
  SchemaRepo repo;
  repo.write("s.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  price @0 :Int64\n}\n");
  auto r = repo.check({"s.capnp", "", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  auto errors = of_rule(r.findings, "capnp/syntax");
  ASSERT_EQ(errors.size(), 1u) << r.findings.dump();
  EXPECT_EQ(place(errors[0]), "s.capnp:4:1");
  EXPECT_FALSE(r.findings.has_rule("capnp/compile")) << r.findings.dump();
}

TEST(CapnpCheck, MissingFileIdIsAnErrorWithTheSuggestedId) {
  SchemaRepo repo;
  repo.write("t.capnp", "struct Trade {\n  price @0 :Int64;\n}\n");
  auto r = repo.check({"t.capnp", "trade", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/missing-file-id");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "t.capnp:1:1");
  EXPECT_TRUE(std::regex_search(f->message, std::regex("add `@0x[0-9a-f]{16};`"))) << f->message;
  EXPECT_EQ(r.findings.errors(), 1u) << r.findings.dump();

  // With the suggested line added, the file is clean.
  std::smatch id;
  std::regex_search(f->message, id, std::regex("@0x[0-9a-f]{16};"));
  repo.write("t.capnp", id.str() + "\nstruct Trade {\n  price @0 :Int64;\n}\n");
  auto fixed = repo.check({"t.capnp", "trade", ""});
  EXPECT_EQ(fixed.status, SSMD_OK) << fixed.findings.dump();
}

TEST(CapnpCheck, DefaultRootIsTheSchemaNameInUpperCamelCase) {
  SchemaRepo repo;
  repo.write("ms.capnp", "@0xdbb9ad1f14bf0b36;\nstruct MarketStatus {\n  open @0 :Bool;\n}\n");
  auto ok = repo.check({"ms.capnp", "market_status", ""});
  EXPECT_EQ(ok.status, SSMD_OK) << ok.findings.dump();

  auto missing = repo.check({"ms.capnp", "market_state", ""});
  EXPECT_EQ(missing.status, SSMD_FAILED);
  const Finding *f = missing.findings.find("capnp/root-missing");
  ASSERT_NE(f, nullptr) << missing.findings.dump();
  EXPECT_EQ(place(*f), "ms.capnp:1:1");
  EXPECT_NE(f->message.find("`MarketState`"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("`MarketStatus`"), std::string::npos) << f->message; // lists what exists
}

TEST(CapnpCheck, DeclaredRootMustExistAndBeAStruct) {
  SchemaRepo repo;
  repo.write("trade.capnp", k_trade);
  EXPECT_EQ(repo.check({"trade.capnp", "trade", "Trade"}).status, SSMD_OK);
  EXPECT_TRUE(repo.check({"trade.capnp", "trade", "Quote"}).findings.has_rule("capnp/root-missing"));

  auto r = repo.check({"trade.capnp", "trade", "Side"});
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/root-not-struct");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "trade.capnp:9:6");
  EXPECT_NE(f->message.find("is an enum"), std::string::npos) << f->message;
}

TEST(CapnpCheck, RootMayBeANestedStruct) {
  SchemaRepo repo;
  repo.write("book.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Book {\n  struct Level {\n    px @0 :Int64;\n  }\n}\n");
  EXPECT_EQ(repo.check({"book.capnp", "book", "Book.Level"}).status, SSMD_OK);
  EXPECT_TRUE(repo.check({"book.capnp", "book", "Level"}).findings.has_rule("capnp/root-missing"));
}

TEST(CapnpCheck, FileWithoutStructsNeedsNoDefaultRoot) {
  // Annotation-only files (like /capnp/c++.capnp) provide no type: the default root is not required...
  SchemaRepo repo;
  repo.write("cxx.capnp", "@0xdbb9ad1f14bf0b36;\nannotation namespace(file) :Text;\nconst lot :UInt32 = 100;\n");
  auto r = repo.check({"cxx.capnp", "cxx", ""});
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();

  // ...but a root the version names is, and so is a default root that names a non-struct.
  auto named = repo.check({"cxx.capnp", "cxx", "Cxx"});
  EXPECT_EQ(named.status, SSMD_FAILED);
  const Finding *f = named.findings.find("capnp/root-missing");
  ASSERT_NE(f, nullptr) << named.findings.dump();
  EXPECT_NE(f->message.find("structs here: none"), std::string::npos) << f->message;

  repo.write("side.capnp", "@0xdbb9ad1f14bf0b36;\nenum Side {\n  buy @0;\n}\n");
  EXPECT_TRUE(repo.check({"side.capnp", "side", ""}).findings.has_rule("capnp/root-not-struct"));
}

TEST(CapnpCheck, NoRootCheckWithoutASchemaName) {
  SchemaRepo repo;
  repo.write("e.capnp", "@0xdbb9ad1f14bf0b36;\nenum Side {\n  buy @0;\n}\n");
  auto r = repo.check({"e.capnp", "", ""});
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}

TEST(CapnpLint, CompilerAlreadyRejectsUnderscoresAndWrongInitials) {
  // What the compiler enforces stays a compile error; lint adds only what it lets through.
  SchemaRepo repo;
  repo.write("q.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Quote {\n  bid_size @0 :UInt32;\n}\nstruct quote {\n}\n");
  auto r = repo.check({"q.capnp", "", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  auto errors = of_rule(r.findings, "capnp/compile");
  ASSERT_GE(errors.size(), 2u) << r.findings.dump();
  EXPECT_EQ(place(errors[0]), "q.capnp:3:3");
  EXPECT_FALSE(r.findings.has_rule("capnp/field-name-case")) << r.findings.dump();
}

TEST(CapnpLint, MemberNamesWriteAcronymsAsWords) {
  SchemaRepo repo;
  repo.write("q.capnp", R"(@0xdbb9ad1f14bf0b36;
struct Quote {
  bidSizeUSD @0 :UInt32;
  askSize @1 :UInt32;
  venueID :group {
    code @2 :Text;
  }
}
enum Venue {
  nyseARCA @0;
  nasdaq @1;
}
interface Feed {
  getOHLC @0 (symbolID :Text) -> ();
}
)");
  auto r = repo.check({"q.capnp", "quote", ""});
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump(); // warnings only
  auto found = of_rule(r.findings, "capnp/field-name-case");
  std::set<std::string> places;
  for (const auto &f : found) places.insert(place(f));
  EXPECT_EQ(places, (std::set<std::string>{"q.capnp:3:3", "q.capnp:5:3", "q.capnp:10:3", "q.capnp:14:3"}))
      << r.findings.dump();
  // The parameter `symbolID` is reported too, at its method (the scan indexes no parameter lists).
  EXPECT_EQ(found.size(), 5u) << r.findings.dump();
  EXPECT_NE(found.at(0).message.find("e.g. `bidSizeUsd`"), std::string::npos) << found.at(0).message;
  for (const auto &w : r.findings.findings) EXPECT_EQ(w.severity, SSMD_SEVERITY_WARNING) << w.rule;
  EXPECT_EQ(r.findings.findings.size(), 5u) << r.findings.dump();
}

TEST(CapnpLint, TypeNamesWriteAcronymsAsWords) {
  SchemaRepo repo;
  repo.write("t.capnp", "@0xdbb9ad1f14bf0b36;\nstruct OHLCBar {\n  px @0 :Int64;\n}\nenum TIF {\n  day @0;\n}\n"
                        "struct Trade {\n  px @0 :Int64;\n}\nstruct L2Book {\n}\n");
  auto r = repo.check({"t.capnp", "trade", ""});
  auto found = of_rule(r.findings, "capnp/type-name-case");
  ASSERT_EQ(found.size(), 2u) << r.findings.dump();
  std::set<std::string> places{place(found[0]), place(found[1])};
  EXPECT_EQ(places, (std::set<std::string>{"t.capnp:2:8", "t.capnp:5:6"}));
  EXPECT_EQ(r.findings.findings.size(), 2u) << r.findings.dump();
  std::string messages = found[0].message + found[1].message;
  EXPECT_NE(messages.find("e.g. `OhlcBar`"), std::string::npos) << messages;
  EXPECT_NE(messages.find("e.g. `Tif`"), std::string::npos) << messages;
}

TEST(CapnpLint, FloatingPointPricesAreFlagged) {
  SchemaRepo repo;
  repo.write("t.capnp", R"(@0xdbb9ad1f14bf0b36;
struct Trade {
  bidPrice @0 :Float64;
  notional @1 :Float32;
  lastPx @2 :Float64;
  priceE8 @3 :Int64;
  temperature @4 :Float64;
  approximate @5 :Float64;
}
)");
  auto r = repo.check({"t.capnp", "trade", ""});
  auto found = of_rule(r.findings, "capnp/float-price");
  std::set<std::string> places;
  for (const auto &f : found) places.insert(place(f));
  EXPECT_EQ(places, (std::set<std::string>{"t.capnp:3:3", "t.capnp:4:3", "t.capnp:5:3"})) << r.findings.dump();
  EXPECT_NE(found.at(0).message.find("fixed-point integer"), std::string::npos);
  EXPECT_EQ(r.status, SSMD_OK);
}

TEST(CapnpLint, RepositoryCanDisableLintRules) {
  SchemaRepo repo;
  repo.write("t.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  bidPX @0 :Float64;\n}\n");
  auto before = repo.check({"t.capnp", "trade", ""});
  EXPECT_TRUE(before.findings.has_rule("capnp/field-name-case"));
  EXPECT_TRUE(before.findings.has_rule("capnp/float-price"));

  ScopedConfig config("capnp.disabled_rules", "[capnp/float-price]");
  auto after = repo.check({"t.capnp", "trade", ""});
  EXPECT_TRUE(after.findings.has_rule("capnp/field-name-case")) << after.findings.dump();
  EXPECT_FALSE(after.findings.has_rule("capnp/float-price")) << after.findings.dump();
  EXPECT_FALSE(after.findings.has_rule("capnp/config")) << after.findings.dump();
}

TEST(CapnpLint, OnlyLintRulesCanBeDisabled) {
  SchemaRepo repo;
  repo.write("t.capnp", "struct Trade {\n  px @0 :Int64;\n}\n");
  ScopedConfig config("capnp.disabled_rules", "[capnp/missing-file-id, capnp/no-such-rule]");
  auto r = repo.check({"t.capnp", "trade", ""});
  EXPECT_TRUE(r.findings.has_rule("capnp/missing-file-id")) << r.findings.dump();
  auto config_findings = of_rule(r.findings, "capnp/config");
  ASSERT_EQ(config_findings.size(), 2u) << r.findings.dump();
  EXPECT_NE(config_findings[0].message.find("cannot be disabled"), std::string::npos);
  EXPECT_NE(config_findings[1].message.find("not a rule"), std::string::npos);
}

TEST(CapnpCheck, AbsoluteImportsSearchConfiguredRepositoryDirectoriesFirst) {
  SchemaRepo repo;
  repo.write("vendor/capnp/common/money.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n}\n");
  repo.write("t.capnp", "@0xdbb9ad1f14bf0b36;\nusing M = import \"/common/money.capnp\";\n"
                        "using Cxx = import \"/capnp/c++.capnp\";\n$Cxx.namespace(\"md\");\n"
                        "struct Trade {\n  value @0 :M.Money;\n}\n");
  auto without = repo.check({"t.capnp", "trade", ""});
  const Finding *f = without.findings.find("capnp/import");
  ASSERT_NE(f, nullptr) << without.findings.dump();
  EXPECT_EQ(place(*f), "t.capnp:2:18");
  EXPECT_NE(f->message.find("not found in the import paths (/usr/include)"), std::string::npos) << f->message;

  ScopedConfig config("capnp.import_paths", "[vendor/capnp]");
  auto with = repo.check({"t.capnp", "trade", ""});
  EXPECT_EQ(with.status, SSMD_OK) << with.findings.dump();
  EXPECT_TRUE(with.findings.findings.empty()) << with.findings.dump();
}

TEST(CapnpCheck, ImportPathClimbingOutOfTheRepositoryIsAConfigProblem) {
  SchemaRepo repo;
  repo.write("t.capnp", k_trade);
  ScopedConfig config("capnp.import_paths", "[../elsewhere]");
  auto r = repo.check({"t.capnp", "trade", ""});
  const Finding *f = r.findings.find("capnp/config");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_NE(f->message.find("climbs out of the repository"), std::string::npos);
}

TEST(CapnpCheck, RulesListEveryRuleWithPurposeAndSource) {
  const ssmd_schema_format &format = capnp_format();
  ASSERT_GT(format.rule_count, 30u);
  std::set<std::string> ids;
  for (size_t i = 0; i < format.rule_count; ++i) {
    std::string id(format.rules[i].id.data, format.rules[i].id.size);
    EXPECT_TRUE(id.starts_with("capnp/")) << id;
    EXPECT_GT(format.rules[i].purpose.size, 10u) << id;
    EXPECT_GT(format.rules[i].source.size, 5u) << id;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate rule id " << id;
  }
  for (const char *id : {"capnp/syntax", "capnp/compile", "capnp/missing-file-id", "capnp/root-missing",
                         "capnp/root-not-struct", "capnp/field-name-case", "capnp/type-name-case", "capnp/float-price",
                         "capnp/removal/field-removed", "capnp/hygiene/type-id-changed", "capnp/source/field-renamed"})
    EXPECT_TRUE(ids.contains(id)) << id;
  EXPECT_EQ(std::string(format.extension.data, format.extension.size), "capnp");
}

// The table of ABI 1.3 gives each rule the severity it reports and its category; a comparison finding's
// category is the one `ssmd schema breaking --fail-on` names, read from the second segment of its id.
TEST(CapnpCheck, RuleTableGivesSeverityAndCategory) {
  const ssmd_schema_format &format = capnp_format();
  ASSERT_NE(format.rule_table, nullptr);
  ASSERT_EQ(format.rule_table->rule_count, format.rule_count);
  const std::map<std::string, std::string> by_segment = {
      {"breaking", "wire"}, {"removal", "removal"}, {"hygiene", "hygiene"}, {"source", "source"}, {"note", "safe"}};
  for (size_t i = 0; i < format.rule_table->rule_count; ++i) {
    const ssmd_rule &rule = *format.rule_table->rules[i];
    const std::string id(rule.id.data, rule.id.size), category(rule.category.data, rule.category.size);
    SCOPED_TRACE(id);
    const std::string segment = id.substr(6, id.find('/', 6) == std::string::npos ? 0 : id.find('/', 6) - 6);
    if (by_segment.count(segment)) {
      EXPECT_EQ(category, by_segment.at(segment));
    } else {
      EXPECT_TRUE(category == "structure" || category == "lint" || category == "config") << category;
    }
    if (category == "wire" || category == "removal") {
      EXPECT_EQ(rule.severity, SSMD_SEVERITY_ERROR);
    }
    if (category == "safe") {
      EXPECT_EQ(rule.severity, SSMD_SEVERITY_INFO);
    }
  }
}

TEST(CapnpCheck, ReadmeListsEveryRule) {
  std::string readme = read_file(SCHEMA_CAPNP_README);
  const ssmd_schema_format &format = capnp_format();
  for (size_t i = 0; i < format.rule_count; ++i) {
    std::string id(format.rules[i].id.data, format.rules[i].id.size);
    EXPECT_NE(readme.find("| `" + id + "` |"), std::string::npos) << id << " is missing from the README's rule table";
  }
}

TEST(CapnpCheck, AbsoluteImportPathsAreDirectoriesOnDisk) {
  TempDir include;
  include.write("acme/money.capnp",
                "@0xdbb9ad1f14bf0b37;\nusing E = import \"../../escape.capnp\";\nstruct Money {\n  e @0 :E.X;\n}\n");
  include.write("acme/ok.capnp",
                "@0xdbb9ad1f14bf0b38;\nusing M = import \"sub/units.capnp\";\nstruct Ok {\n  u @0 :M.Units;\n}\n");
  include.write("acme/sub/units.capnp", "@0xdbb9ad1f14bf0b39;\nstruct Units {\n  n @0 :Int64;\n}\n");
  SchemaRepo repo;
  repo.write("t.capnp",
             "@0xdbb9ad1f14bf0b36;\nusing Ok = import \"/acme/ok.capnp\";\nstruct Trade {\n  ok @0 :Ok.Ok;\n}\n");
  repo.write("u.capnp",
             "@0xdbb9ad1f14bf0b3a;\nusing M = import \"/acme/money.capnp\";\nstruct U {\n  m @0 :M.Money;\n}\n");
  ScopedConfig config("capnp.import_paths", "[" + include.path().string() + "]");

  auto ok = repo.check({"t.capnp", "trade", ""});
  EXPECT_EQ(ok.status, SSMD_OK) << ok.findings.dump();

  // A system file's relative imports stay inside its import directory.
  auto escape = repo.check({"u.capnp", "", ""});
  const Finding *f = escape.findings.find("capnp/import");
  ASSERT_NE(f, nullptr) << escape.findings.dump();
  EXPECT_EQ(f->file, (include.path() / "acme/money.capnp").string());
  EXPECT_EQ(f->line, 2u);
  EXPECT_NE(f->message.find("climbs out of import directory"), std::string::npos) << f->message;
}

// A cloned repository's files (ssmd.yaml, .ssmd/config.yaml) may name repository directories only: an absolute
// directory there could point imports at any folder the user can read and have its files quoted back in
// findings. Such an entry is a capnp/config warning and is never searched; the same entry in the user's own
// configuration is.
TEST(CapnpCheck, AnAbsoluteImportPathFromTheRepositorysFilesIsNeverSearched) {
  TempDir outside;
  outside.write("acme/money.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n}\n");
  SchemaRepo repo;
  repo.write("t.capnp",
             "@0xdbb9ad1f14bf0b36;\nusing M = import \"/acme/money.capnp\";\nstruct Trade {\n  m @0 :M.Money;\n}\n");
  capnp_plugin().clear_config();
  capnp_plugin().set_repository_config("capnp.import_paths", "[" + outside.path().string() + ", vendor]");
  auto hostile = repo.check({"t.capnp", "trade", ""});
  capnp_plugin().clear_config();
  const Finding *config = hostile.findings.find("capnp/config");
  ASSERT_NE(config, nullptr) << hostile.findings.dump();
  EXPECT_NE(config->message.find("`" + outside.path().string() + "` is a directory outside the repository"),
            std::string::npos)
      << config->message;
  const Finding *import = hostile.findings.find("capnp/import");
  ASSERT_NE(import, nullptr) << "the import must not resolve\n" << hostile.findings.dump();
  EXPECT_EQ(import->message.find(outside.path().string()), std::string::npos)
      << "the directory is not among those searched\n" << import->message;
  EXPECT_NE(import->message.find("not found in the import paths (vendor, /usr/include)"), std::string::npos)
      << import->message;

  ScopedConfig trusted("capnp.import_paths", "[" + outside.path().string() + "]");
  auto user = repo.check({"t.capnp", "trade", ""});
  EXPECT_EQ(user.status, SSMD_OK) << user.findings.dump();
  EXPECT_FALSE(user.findings.has_rule("capnp/config")) << user.findings.dump();
}
