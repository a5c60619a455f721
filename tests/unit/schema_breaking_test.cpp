// The parts of `schema breaking` that need no plugin: rule-id categories, the categories that fail,
// version order, the report.
#include "schema/breaking_report.hpp"
#include "schema/fail_on.hpp"
#include "schema/finding_category.hpp"
#include "schema/version_order.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::schema;

TEST(SchemaFindingCategory, TheSecondSegmentOfTheRuleIdDecides) {
  EXPECT_EQ(category_of("fmt/breaking/field-type-changed"), Category::Wire);
  EXPECT_EQ(category_of("fmt/removal/field-removed"), Category::Removal);
  EXPECT_EQ(category_of("fmt/hygiene/type-id-changed"), Category::Hygiene);
  EXPECT_EQ(category_of("other/source/field-renamed"), Category::Source);
  EXPECT_EQ(category_of("x/note/list-upgraded"), Category::Safe);
  EXPECT_EQ(category_of("x/breaking/a/b"), Category::Wire);
  EXPECT_EQ(category_of("fmt/compile"), Category::Other);
  EXPECT_EQ(category_of("fmt/breaking"), Category::Other) << "a category needs a rule after it";
  EXPECT_EQ(category_of("fmt/removal/"), Category::Other);
  EXPECT_EQ(category_of("/breaking/x"), Category::Other) << "a format comes first";
  EXPECT_EQ(category_of("fmt/Breaking/x"), Category::Other);
  EXPECT_EQ(category_of("fmt/wire/x"), Category::Other) << "the wire's segment is `breaking`";
  EXPECT_EQ(category_of("breaking/field/x"), Category::Other);
  EXPECT_EQ(category_of(""), Category::Other);
  EXPECT_EQ(category_name(Category::Wire), "wire");
  EXPECT_EQ(category_name(Category::Removal), "removal");
  EXPECT_EQ(category_name(Category::Safe), "safe");
  EXPECT_EQ(category_name(Category::Other), "other");
  EXPECT_EQ(category_named("hygiene"), Category::Hygiene);
  EXPECT_EQ(category_named("other"), std::nullopt) << "errors about one version always fail";
  EXPECT_EQ(category_named("Wire"), std::nullopt);
}

TEST(SchemaFailOn, FlagElseSettingElseWireAndRemoval) {
  Config none = Config::load(std::nullopt);
  EXPECT_EQ(fail_on_categories(none, std::nullopt), (std::vector<Category>{Category::Wire, Category::Removal}));
  EXPECT_EQ(fail_on_categories(none, std::string("wire, hygiene,wire")),
            (std::vector<Category>{Category::Wire, Category::Hygiene}));
  EXPECT_TRUE(fail_on_categories(none, std::string("none")).empty());

  ssmd::test::TempDir repo;
  repo.write("ssmd.yaml", "breaking:\n  fail_on: [wire, removal, hygiene, source]\n");
  Config team = Config::load(repo.path());
  EXPECT_EQ(fail_on_categories(team, std::nullopt),
            (std::vector<Category>{Category::Wire, Category::Removal, Category::Hygiene, Category::Source}));
  EXPECT_EQ(fail_on_categories(team, std::string("source")), (std::vector<Category>{Category::Source}))
      << "the flag wins";
  repo.write("ssmd.yaml", "breaking:\n  fail_on: []\n");
  EXPECT_TRUE(fail_on_categories(Config::load(repo.path()), std::nullopt).empty()) << "an empty list fails on nothing";
}

TEST(SchemaFailOn, AnUnknownCategoryIsAUsageErrorNamingWhereItWasSet) {
  Config none = Config::load(std::nullopt);
  try {
    fail_on_categories(none, std::string("wire,wires"));
    FAIL() << "wires is no category";
  } catch (const UsageError &e) {
    EXPECT_STREQ(e.what(), "--fail-on: unknown category 'wires'; use wire, removal, hygiene, source, safe, or none");
  }
  ssmd::test::TempDir repo;
  repo.write("ssmd.yaml", "output: text\nbreaking:\n  fail_on: [wire, other]\n");
  try {
    fail_on_categories(Config::load(repo.path()), std::nullopt);
    FAIL() << "other is not a category one can fail on";
  } catch (const UsageError &e) {
    std::string message = e.what();
    EXPECT_NE(message.find("ssmd.yaml:3:12: breaking.fail_on: unknown category 'other'"), std::string::npos) << message;
  }
  repo.write("ssmd.yaml", "breaking:\n  fail_on: {wire: true}\n");
  EXPECT_THROW(fail_on_categories(Config::load(repo.path()), std::nullopt), UsageError);
  repo.write("ssmd.yaml", "breaking:\n  fail_on: wire\n");
  EXPECT_THROW(fail_on_categories(Config::load(repo.path()), std::nullopt), UsageError)
      << "a list, as ssmd validate checks it (settings/wrong-type)";
}

namespace {
registry::Schema schema_with(std::vector<std::pair<std::string, std::optional<std::string>>> versions) {
  registry::Schema s;
  s.name = "trade";
  for (size_t i = 0; i < versions.size(); ++i) {
    registry::SchemaVersion v;
    v.index = i;
    v.version = versions[i].first;
    if (versions[i].second) v.effective_from = Date::parse(*versions[i].second);
    s.versions.push_back(v);
  }
  return s;
}

std::vector<std::string> order(const registry::Schema &s) {
  std::vector<std::string> out;
  for (const auto *v : versions_oldest_first(s)) out.push_back(v->version);
  return out;
}
} // namespace

TEST(SchemaVersionOrder, ByEffectiveDateThenFileOrderUndatedLast) {
  auto s = schema_with({{"v3", "2026-01-01"}, {"draft", std::nullopt}, {"v1", "2025-01-01"}, {"v2", "2025-06-01"}});
  EXPECT_EQ(order(s), (std::vector<std::string>{"v1", "v2", "v3", "draft"}));
  EXPECT_EQ(version_before(s, s.versions[0])->version, "v2");
  EXPECT_EQ(version_before(s, s.versions[1])->version, "v3");
  EXPECT_EQ(version_before(s, s.versions[2]), nullptr);
  EXPECT_EQ(require_version(s, "v2", "here").version, "v2");
  try {
    require_version(s, "v9", "the working tree");
    FAIL() << "no v9";
  } catch (const DomainError &e) {
    EXPECT_STREQ(e.what(), "schema 'trade' has no version 'v9' in the working tree (it has v1, v2, v3, draft)");
  }
}

TEST(SchemaBreakingReport, ExitCodeAndSummaryFollowTheCategories) {
  BreakingReport r;
  r.schema = "trade";
  r.from = {"v1", "a.fmt", "the working tree"};
  r.to = {"v2", "b.fmt", "the working tree"};
  EXPECT_EQ(r.exit_code(), 0);
  r.findings.push_back({"b.fmt", 3, 1, Severity::Warning, "fmt/source/renamed", "renamed"});
  r.findings.push_back({"b.fmt", 2, 1, Severity::Info, "fmt/note/wrapped", "wrapped"});
  r.findings.push_back({"b.fmt", 4, 1, Severity::Error, "fmt/hygiene/id", "new id"});
  EXPECT_EQ(r.exit_code(), 0) << "source, hygiene and safe findings pass by default";
  normalize(r);
  EXPECT_EQ(render_breaking_text(r), "b.fmt:2:1: info: safe: wrapped [fmt/note/wrapped]\n"
                                     "b.fmt:3:1: warning: source: renamed [fmt/source/renamed]\n"
                                     "b.fmt:4:1: warning: hygiene: new id [fmt/hygiene/id]\n"
                                     "trade v1 \u2192 v2: 0 wire, 0 removal, 1 hygiene, 1 source, 1 safe "
                                     "(failing on wire, removal)\n")
      << "the severity says what the finding does to the command, whatever the plugin chose";
  r.findings.push_back({"b.fmt", 5, 1, Severity::Warning, "fmt/removal/removed", "removed"});
  EXPECT_EQ(r.exit_code(), 1) << "the rule id decides, whatever the severity";
  r.fail_on = {Category::Wire};
  EXPECT_EQ(r.exit_code(), 0) << "a team that accepts removals";
  r.fail_on = {Category::Wire, Category::Hygiene};
  EXPECT_EQ(r.exit_code(), 1);
  normalize(r);
  EXPECT_EQ(r.findings[2].severity, Severity::Error) << format_diagnostic(r.findings[2]);
  EXPECT_EQ(r.failing(), 1u);
  r.fail_on = {};
  r.findings.push_back({"a.fmt", 1, 1, Severity::Error, "fmt/compile", "does not compile"});
  EXPECT_EQ(r.exit_code(), 1) << "a version that does not compile was not compared, whatever fails";
  std::string json = breaking_json(r).dump(-1);
  EXPECT_NE(json.find("\"wire_breaking\":0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"hygiene\":1"), std::string::npos) << json;
  EXPECT_NE(json.find("\"removals\":1"), std::string::npos) << json;
  EXPECT_NE(json.find("\"fail_on\":[]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"category\":\"hygiene\",\"fails\":false"), std::string::npos) << json;
  r.to.where = "commit 1a2b3c4 (HEAD)";
  std::string text = render_breaking_text(r);
  EXPECT_NE(text.find("trade v1 in the working tree \u2192 v2 in commit 1a2b3c4 (HEAD): "), std::string::npos) << text;
  EXPECT_NE(text.find("(failing on nothing); not fully compared: 1 error in the schema files\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("a.fmt:1:1: error: does not compile [fmt/compile]\n"), std::string::npos) << text;
}
