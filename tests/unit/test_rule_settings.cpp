// Rule severities (`rules:` and `validate.disabled_rules`) and the checks of the team settings file.
#include "config/config.hpp"
#include "registry/check.hpp"
#include "run_ssmd.hpp"
#include "validate/rule_severities.hpp"
#include "validate/team_settings_check.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::validate;

namespace {

Diagnostic finding(const std::string &rule, Severity severity) { return Diagnostic{"f.yaml", 1, 1, severity, rule, "m"}; }

std::set<std::string, std::less<>> core_ids() {
  std::set<std::string, std::less<>> out;
  for (const auto &r : registry::core_rules()) out.emplace(r.id);
  return out;
}

Diagnostics check(const std::string &text, const std::set<std::string> &plugins = {"capnp", "schema-capnp"}) {
  return check_team_settings("ssmd.yaml", text, plugins, core_ids());
}

} // namespace

TEST(RuleSeverities, AnExactIdBeatsAFamilyAndALongerFamilyAShorterOne) {
  RuleSeverities s;
  s.set("acme/*", Severity::Error);
  s.set("acme/deep/*", std::nullopt);
  s.set("acme/endpoint", Severity::Warning);
  EXPECT_EQ(s.judge("acme/endpoint", Severity::Error), Severity::Warning);
  EXPECT_EQ(s.judge("acme/channel", Severity::Warning), Severity::Error);
  EXPECT_EQ(s.judge("acme/deep/rule", Severity::Error), std::nullopt);
  EXPECT_EQ(s.judge("other/rule", Severity::Warning), Severity::Warning);
  EXPECT_EQ(s.judge("acmex/rule", Severity::Warning), Severity::Warning) << "a family is a prefix up to the slash";
}

TEST(RuleSeverities, PluginAndIoFindingsAreNeverLowered) {
  RuleSeverities s;
  s.set("plugin/*", std::nullopt);
  s.set("io/read", Severity::Warning);
  EXPECT_EQ(s.judge("plugin/failed", Severity::Error), Severity::Error);
  EXPECT_EQ(s.judge("io/read", Severity::Error), Severity::Error);
  s.set("plugin/missing", Severity::Error);
  EXPECT_EQ(s.judge("plugin/missing", Severity::Warning), Severity::Error) << "raising is allowed";
}

TEST(RuleSeverities, ApplyDropsWhatIsOffAndRejudgesTheRest) {
  RuleSeverities s;
  s.set("a/x", std::nullopt);
  s.set("a/y", Severity::Error);
  Diagnostics d = {finding("a/x", Severity::Error), finding("a/y", Severity::Warning), finding("b/z", Severity::Info)};
  s.apply(d);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].rule, "a/y");
  EXPECT_EQ(d[0].severity, Severity::Error);
  EXPECT_EQ(d[1].severity, Severity::Info);
}

TEST(RuleLevel, ParsesTheThreeLevelsOnly) {
  ASSERT_TRUE(parse_rule_level("off"));
  EXPECT_FALSE(*parse_rule_level("off")) << "off is a level: no severity";
  ASSERT_TRUE(parse_rule_level("error"));
  EXPECT_EQ(*parse_rule_level("error"), std::optional<Severity>(Severity::Error));
  EXPECT_FALSE(parse_rule_level("Error"));
  EXPECT_FALSE(parse_rule_level("info"));
}

TEST(TeamSettingsCheck, AValidFileHasNoFindings) {
  auto d = check("version: 1\nrules:\n  kalshi/endpoint-host: error\n  acme/*: off\n  feed/unknown-key: warning\n"
                 "data:\n  raw: s3://ssmd-raw\n  normalized: s3://ssmd-normalized\nbreaking:\n  fail_on: [wire, removal]\n"
                 "validate:\n  plugin_timeout: 5\n  disabled_rules: [a/b]\ncapnp:\n  import_paths: [vendor]\n"
                 "secrets:\n  sealed_dir: k8s/sealed\noutput: json\n");
  EXPECT_TRUE(d.empty()) << (d.empty() ? "" : format_diagnostic(d[0]));
  EXPECT_TRUE(check("").empty());
  EXPECT_TRUE(check("# only comments\n").empty());
  EXPECT_TRUE(check("version: 1\nrules:\n  # commented out\n").empty());
}

TEST(TeamSettingsCheck, AnUnknownSectionIsAnErrorWhenItLooksLikeATypoElseAWarning) {
  auto typo = check("version: 1\nrulez:\n  a/b: off\n");
  ASSERT_EQ(typo.size(), 1u);
  EXPECT_EQ(typo[0].severity, Severity::Error);
  EXPECT_NE(typo[0].message.find("did you mean `rules`?"), std::string::npos) << typo[0].message;
  auto other = check("version: 1\nacme:\n  region: eu\n");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].severity, Severity::Warning) << "it may be the section of a plugin installed elsewhere";
  EXPECT_TRUE(check("version: 1\nacme:\n  region: eu\n", {"acme"}).empty());
}

TEST(TeamSettingsCheck, ARuleIdMustHaveTheShapeOfOne) {
  for (const char *id : {"Kalshi/Endpoint", "kalshi.endpoint/host", "/x", "a//b", "a/*/b"}) {
    auto d = check(std::string("version: 1\nrules:\n  \"") + id + "\": off\n");
    ASSERT_EQ(d.size(), 1u) << id;
    EXPECT_EQ(d[0].rule, "settings/rule-level") << id;
  }
}

TEST(RuleSeverities, FromConfigReadsRulesAndTheDisabledList) {
  test::TempDir dir;
  dir.write("exchanges/.keep", "");
  dir.write("ssmd.yaml", "version: 1\nrules:\n  a/x: error\n  a/y: bogus\n  plugin/failed: off\n");
  dir.write(".ssmd/config.yaml", "validate:\n  disabled_rules: [a/x, io/read]\n");
  Config config = Config::load(dir.path());
  RuleSeverities s = RuleSeverities::from_config(config);
  EXPECT_EQ(s.judge("a/x", Severity::Warning), std::nullopt) << "disabled_rules is applied after rules:";
  EXPECT_EQ(s.judge("a/y", Severity::Warning), Severity::Warning);
  EXPECT_EQ(s.judge("plugin/failed", Severity::Error), Severity::Error);
  EXPECT_EQ(s.problems().size(), 3u); // a/y's level, plugin/failed, io/read
  // The team file's own problems are its checker's findings; they are not repeated.
  RuleSeverities quiet = RuleSeverities::from_config(config, (dir.path() / "ssmd.yaml").string() + ":");
  EXPECT_EQ(quiet.problems().size(), 1u);
}
