// The parts of `schema breaking` that need no plugin: rule-id categories, version order, the report.
#include "schema/breaking_report.hpp"
#include "schema/finding_category.hpp"
#include "schema/version_order.hpp"

#include "core/errors.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::schema;

TEST(SchemaFindingCategory, TheSecondSegmentOfTheRuleIdDecides) {
  EXPECT_EQ(category_of("fmt/breaking/field-removed"), Category::WireBreaking);
  EXPECT_EQ(category_of("other/source/field-renamed"), Category::SourceBreaking);
  EXPECT_EQ(category_of("x/note/list-upgraded"), Category::Note);
  EXPECT_EQ(category_of("x/breaking/a/b"), Category::WireBreaking);
  EXPECT_EQ(category_of("fmt/compile"), Category::Other);
  EXPECT_EQ(category_of("fmt/breaking"), Category::Other) << "a category needs a rule after it";
  EXPECT_EQ(category_of("fmt/breaking/"), Category::Other);
  EXPECT_EQ(category_of("/breaking/x"), Category::Other) << "a format comes first";
  EXPECT_EQ(category_of("fmt/Breaking/x"), Category::Other);
  EXPECT_EQ(category_of("breaking/field/x"), Category::Other);
  EXPECT_EQ(category_of(""), Category::Other);
  EXPECT_EQ(category_name(Category::WireBreaking), "wire-breaking");
  EXPECT_EQ(category_name(Category::Note), "safe");
  EXPECT_EQ(category_name(Category::Other), "other");
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
  EXPECT_EQ(r.exit_code(), 0) << "source-breaking and notes alone pass";
  normalize(r);
  EXPECT_EQ(render_breaking_text(r), "b.fmt:2:1: info: wrapped [fmt/note/wrapped]\n"
                                     "b.fmt:3:1: warning: renamed [fmt/source/renamed]\n"
                                     "trade v1 \u2192 v2: 0 wire-breaking changes, 1 source-breaking change, 1 safe note\n");
  r.findings.push_back({"b.fmt", 4, 1, Severity::Warning, "fmt/breaking/removed", "removed"});
  EXPECT_EQ(r.exit_code(), 1) << "the rule id decides, whatever the severity";
  r.findings.pop_back();
  r.findings.push_back({"a.fmt", 1, 1, Severity::Error, "fmt/compile", "does not compile"});
  EXPECT_EQ(r.exit_code(), 1) << "a version that does not compile was not compared";
  EXPECT_EQ(breaking_json(r).dump(-1).find("\"wire_breaking\":0") != std::string::npos, true) << breaking_json(r).dump(-1);
  r.to.where = "commit 1a2b3c4 (HEAD)";
  std::string text = render_breaking_text(r);
  EXPECT_NE(text.find("trade v1 in the working tree \u2192 v2 in commit 1a2b3c4 (HEAD): "), std::string::npos) << text;
  EXPECT_NE(text.find("; not fully compared: 1 error in the schema files\n"), std::string::npos) << text;
}
