#include "validate/report.hpp"

#include <ssmd_json/strict_json.hpp>

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::validate;

namespace {
Report sample() {
  Report r;
  r.tool_version = "0.1.0";
  r.files = {"exchanges/feeds/polymarket.yaml", "exchanges/feeds/kalshi.yaml", "exchanges/environments/dev.yaml"};
  r.diagnostics = {
      {"exchanges/feeds/kalshi.yaml", 12, 15, Severity::Error, "kalshi/endpoint-host", "host must be <x>, \"y\" & z"},
      {"exchanges/feeds/kalshi.yaml", 3, 1, Severity::Warning, "core/unknown-key", "unknown key 'nmae'; did you mean 'name'?"},
      {"exchanges/environments/dev.yaml", 0, 0, Severity::Error, "env/cycle", "extends cycle: a, b\nand more 100%"},
  };
  RuleInfo kalshi;
  kalshi.id = "kalshi/endpoint-host";
  kalshi.purpose = "Checks the endpoint host.";
  kalshi.source = "https://docs.kalshi.com";
  r.rules = {kalshi};
  r.normalize();
  return r;
}
} // namespace

TEST(ValidateReport, TextIsSortedWithSummary) {
  std::string text = render_text(sample(), TextStyle{});
  EXPECT_EQ(text,
            "exchanges/environments/dev.yaml: error: extends cycle: a, b\\nand more 100% [env/cycle]\n"
            "exchanges/feeds/kalshi.yaml:3:1: warning: unknown key 'nmae'; did you mean 'name'? [core/unknown-key]\n"
            "exchanges/feeds/kalshi.yaml:12:15: error: host must be <x>, \"y\" & z [kalshi/endpoint-host]\n"
            "3 files checked: 2 errors, 1 warning\n");
}

TEST(ValidateReport, FriendlyTextMarksEachFile) {
  TextStyle style;
  style.friendly = true;
  style.unicode = false;
  std::string text = render_text(sample(), style);
  EXPECT_NE(text.find("Validating feeds...\n  FAIL kalshi: 1 error\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  ok polymarket: valid\n"), std::string::npos) << text;
  style.unicode = true;
  EXPECT_NE(render_text(sample(), style).find("\u2713 polymarket: valid"), std::string::npos);
}

TEST(ValidateReport, StrictPromotesWarnings) {
  Report r = sample();
  r.promote_warnings();
  EXPECT_EQ(r.count(Severity::Error), 3u);
  EXPECT_FALSE(r.valid());
}

TEST(ValidateReport, JsonHasTheDocumentedShape) {
  strict_json::Json root;
  ASSERT_FALSE(strict_json::parse(render_json(sample()), root));
  EXPECT_EQ(root.at("valid"), false);
  EXPECT_EQ(root.at("files"), 3u);
  EXPECT_EQ(root.at("errors"), 2u);
  EXPECT_EQ(root.at("warnings"), 1u);
  const auto &first = root.at("diagnostics").at(2);
  for (const char *key : {"file", "line", "column", "severity", "rule", "message"}) EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(first.at("line"), 12u);
}

TEST(ValidateReport, SarifHasRulesAndPhysicalLocations) {
  strict_json::Json root;
  ASSERT_FALSE(strict_json::parse(render_sarif(sample()), root));
  EXPECT_EQ(root.at("version"), "2.1.0");
  const auto &run = root.at("runs").at(0);
  const auto &rules = run.at("tool").at("driver").at("rules");
  ASSERT_EQ(rules.size(), 3u); // the declared rule plus the two only diagnostics name
  EXPECT_EQ(rules[0].at("id"), "kalshi/endpoint-host");
  EXPECT_EQ(rules[0].at("helpUri"), "https://docs.kalshi.com") << "a rule's own https source, failing all else";
  const auto &results = run.at("results");
  ASSERT_EQ(results.size(), 3u);
  const auto &kalshi = results[2];
  EXPECT_EQ(kalshi.at("level"), "error");
  EXPECT_EQ(rules.at(kalshi.at("ruleIndex").get<size_t>()).at("id"), kalshi.at("ruleId"));
  const auto &loc = kalshi.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(loc.at("artifactLocation").at("uri"), "exchanges/feeds/kalshi.yaml");
  EXPECT_EQ(loc.at("region").at("startLine"), 12u);
  EXPECT_EQ(loc.at("region").at("startColumn"), 15u);
  // A whole-file finding has no region (SARIF regions need startLine >= 1).
  EXPECT_FALSE(results[0].at("locations").at(0).at("physicalLocation").contains("region"));
}

// Every rule of SARIF's table has a description and a help link: its own (a host rule's page, its plugin's
// documentation), else, for a rule no table lists, a sentence saying so and the index of rules.
TEST(ValidateReport, SarifDescribesAndLinksEveryRule) {
  Report r = sample();
  RuleInfo host;
  host.id = "env/cycle";
  host.purpose = "Checks that extends: chains end.";
  host.severity = Severity::Error;
  host.category = "reference";
  host.help_uri = "https://github.com/ssmd/ssmd/blob/main/docs/rules/env/cycle.md";
  RuleInfo plugin = r.rules[0];
  plugin.severity = Severity::Warning;
  plugin.category = "endpoint";
  plugin.plugin = "feed-kalshi";
  plugin.help_uri = "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md";
  r.rules = {host, plugin};
  strict_json::Json root;
  ASSERT_FALSE(strict_json::parse(render_sarif(r), root));
  const auto &rules = root.at("runs").at(0).at("tool").at("driver").at("rules");
  ASSERT_EQ(rules.size(), 3u);
  for (const auto &rule : rules) {
    EXPECT_FALSE(rule.at("shortDescription").at("text").get<std::string>().empty()) << rule.at("id");
    EXPECT_TRUE(rule.at("helpUri").get<std::string>().starts_with("https://")) << rule.at("id");
  }
  EXPECT_EQ(rules[0].at("helpUri"), host.help_uri);
  EXPECT_EQ(rules[0].at("defaultConfiguration").at("level"), "error");
  EXPECT_EQ(rules[0].at("properties").at("category"), "reference");
  EXPECT_FALSE(rules[0].at("properties").contains("plugin"));
  EXPECT_EQ(rules[1].at("helpUri"), plugin.help_uri) << "the plugin's documentation beats the rule's source";
  EXPECT_EQ(rules[1].at("defaultConfiguration").at("level"), "warning");
  EXPECT_EQ(rules[1].at("properties").at("plugin"), "feed-kalshi");
  EXPECT_EQ(rules[2].at("id"), "core/unknown-key");
  EXPECT_EQ(rules[2].at("helpUri"), "https://github.com/ssmd/ssmd/blob/main/docs/rules/README.md");
  EXPECT_NE(rules[2].at("shortDescription").at("text").get<std::string>().find("no installed plugin lists"),
            std::string::npos);
  EXPECT_FALSE(rules[2].contains("defaultConfiguration"));
}

TEST(ValidateReport, JunitIsOneCasePerFileWithEscapedFailures) {
  std::string xml = render_junit(sample());
  EXPECT_NE(xml.find("<testsuites name=\"ssmd validate\" tests=\"3\" failures=\"2\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"exchanges/feeds\" name=\"exchanges/feeds/polymarket.yaml\">\n    </testcase>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("host must be &lt;x&gt;, &quot;y&quot; &amp; z"), std::string::npos);
  EXPECT_EQ(xml.find("<x>"), std::string::npos);
}

TEST(ValidateReport, GithubAnnotationsEscapeData) {
  std::string out = render_github(sample());
  EXPECT_NE(out.find("::error file=exchanges/feeds/kalshi.yaml,line=12,col=15,title=kalshi/endpoint-host::host must be"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("::warning file=exchanges/feeds/kalshi.yaml,line=3,col=1,"), std::string::npos);
  EXPECT_NE(out.find("extends cycle: a, b%0Aand more 100%25"), std::string::npos) << out;
}

TEST(ValidateReport, FormatNames) {
  EXPECT_EQ(parse_format("sarif"), Format::Sarif);
  EXPECT_THROW(parse_format("xml"), std::exception);
}
