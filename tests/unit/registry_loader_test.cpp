// The loader: every kind of bad input becomes a diagnostic at its exact line and column, never a crash.
#include "registry/check.hpp"
#include "registry_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;

namespace {
// Loads one feed file written with `text` and returns the loader's findings.
Diagnostics load_feed_text(const std::string &text) {
  TempDir dir;
  dir.write("exchanges/feeds/acme.yaml", text);
  Repository repo(dir.path());
  return repo.feed("acme")->diagnostics;
}

const Diagnostic *find_rule(const Diagnostics &diags, const std::string &rule) {
  for (const auto &d : diags)
    if (d.rule == rule) return &d;
  return nullptr;
}

std::string replaced(std::string text, const std::string &from, const std::string &to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}
} // namespace

TEST(RegistryLoader, FixtureLoadsCleanWithExtraPluginFieldKept) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  const LoadedFeed *feed = repo.feed("acme");
  ASSERT_TRUE(feed && feed->model);
  EXPECT_TRUE(feed->diagnostics.empty()) << format_diagnostic(feed->diagnostics[0]);
  ASSERT_EQ(feed->model->versions.size(), 2u);
  EXPECT_EQ(feed->model->exchange, "acme"); // defaults to the name
  EXPECT_EQ(feed->model->versions[0].extra_fields, std::vector<std::string>{"acme_region"});
  EXPECT_EQ(feed->doc->find("versions[0].acme_region")->scalar(), "us-east");
  EXPECT_EQ(feed->model->versions[1].endpoint, "wss://ws.acme.test/v2");
  EXPECT_EQ(feed->model->versions[0].effective_to->str(), "2025-03-01");
}

TEST(RegistryLoader, StringWhereADateBelongsIsAnErrorAtThatNode) {
  auto diags = load_feed_text(replaced(test::k_feed_yaml, "effective_from: 2025-04-01", "effective_from: soon"));
  const Diagnostic *d = find_rule(diags, "feed/wrong-type");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 22u);
  EXPECT_EQ(d->column, 21u);
  EXPECT_NE(d->message.find("versions[1].effective_from must be a calendar date"), std::string::npos) << d->message;
}

TEST(RegistryLoader, QuotedDateAndQuotedIntegerAreStrings) {
  auto diags = load_feed_text(replaced(test::k_feed_yaml, "rate_limit_per_second: 20", "rate_limit_per_second: \"20\""));
  const Diagnostic *d = find_rule(diags, "feed/wrong-type");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 26u);
  EXPECT_EQ(d->column, 28u);
  auto dates = load_feed_text(replaced(test::k_feed_yaml, "effective_from: 2025-01-01", "effective_from: '2025-01-01'"));
  EXPECT_NE(find_rule(dates, "feed/wrong-type"), nullptr);
}

TEST(RegistryLoader, BooleanMustBeTrueOrFalse) {
  auto diags = load_feed_text(replaced(test::k_feed_yaml, "supports_trades: true\n    channels", "supports_trades: yes\n    channels"));
  const Diagnostic *d = find_rule(diags, "feed/wrong-type");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 17u);
  EXPECT_EQ(d->column, 22u);
}

TEST(RegistryLoader, UnknownTopLevelKeySuggestsClosest) {
  auto diags = load_feed_text(replaced(test::k_feed_yaml, "display_name:", "dispaly_name:"));
  const Diagnostic *d = find_rule(diags, "feed/unknown-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::Warning);
  EXPECT_EQ(d->line, 3u);
  EXPECT_EQ(d->column, 1u);
  EXPECT_NE(d->message.find("did you mean 'display_name'?"), std::string::npos) << d->message;
}

TEST(RegistryLoader, VersionTypoWarnsButPluginFieldDoesNot) {
  auto diags = load_feed_text(replaced(test::k_feed_yaml, "    endpoint: \"wss", "    endppoint: \"wss"));
  const Diagnostic *d = find_rule(diags, "feed/unknown-key");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 24u);
  EXPECT_EQ(d->column, 5u);
  EXPECT_NE(d->message.find("did you mean 'endpoint'?"), std::string::npos);
  // acme_region is far from every known key: it is the plugin's, and silent.
  EXPECT_TRUE(load_feed_text(test::k_feed_yaml).empty());
}

TEST(RegistryLoader, MalformedYamlIsOneSyntaxError) {
  auto diags = load_feed_text("name: acme\nversions: [v1, v2\n");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule, "yaml/syntax");
  EXPECT_EQ(diags[0].file, "exchanges/feeds/acme.yaml");
  EXPECT_GE(diags[0].line, 2u);
}

TEST(RegistryLoader, DuplicateKeyIsRefusedByTheYamlLayer) {
  auto diags = load_feed_text("name: acme\ntype: rest\nname: other\n");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule, "yaml/duplicate-key");
  EXPECT_EQ(diags[0].line, 3u);
  EXPECT_EQ(diags[0].column, 1u);
}

TEST(RegistryLoader, EmptyFileNonUtf8AndNonMappingRoot) {
  EXPECT_EQ(load_feed_text("")[0].rule, "yaml/empty");
  auto bad = load_feed_text("name: acme\ndisplay_name: Acme \xC3\x28\n");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].rule, "yaml/encoding");
  EXPECT_EQ(bad[0].line, 2u);
  EXPECT_EQ(bad[0].column, 20u);
  auto list = load_feed_text("- a\n- b\n");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].rule, "feed/wrong-type");
  EXPECT_EQ(list[0].line, 1u);
  EXPECT_EQ(list[0].column, 1u);
}

TEST(RegistryLoader, FileOver16MiBIsRefusedUnread) {
  TempDir dir;
  dir.write("exchanges/feeds/big.yaml", "name: big\n# " + std::string(16u << 20, 'x') + "\n");
  Repository repo(dir.path());
  auto diags = repo.feed("big")->diagnostics;
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule, "yaml/too-large");
  EXPECT_EQ(diags[0].line, 1u) << "a whole-file finding points at the file's start";
  EXPECT_EQ(diags[0].column, 1u);
  EXPECT_FALSE(repo.feed("big")->model);
}

TEST(RegistryLoader, EnvironmentSchemaRefsAndKeys) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", "name: e\nschemas: [trade:v1, nocolon, \"a:b:c\"]\nkeys:\n  k: [x]\n");
  Repository repo(dir.path());
  const auto *env = repo.environment("e");
  ASSERT_TRUE(env && env->model);
  ASSERT_EQ(env->model->schemas->size(), 1u);
  EXPECT_EQ((*env->model->schemas)[0].text(), "trade:v1");
  std::vector<std::pair<std::string, uint32_t>> found;
  for (const auto &d : env->diagnostics) found.emplace_back(d.rule, d.column);
  EXPECT_EQ(found, (std::vector<std::pair<std::string, uint32_t>>{{"env/schema-ref", 21}, {"env/schema-ref", 30}, {"env/wrong-type", 6}}));
}

TEST(RegistryLoader, ListingIsSortedAndOnlyYaml) {
  TempDir dir;
  dir.write("exchanges/feeds/zeta.yaml", "name: zeta\n");
  dir.write("exchanges/feeds/alpha.yaml", "name: alpha\n");
  dir.write("exchanges/feeds/notes.txt", "not a feed\n");
  Repository repo(dir.path());
  EXPECT_EQ(repo.names(Kind::Feed), (std::vector<std::string>{"alpha", "zeta"}));
  EXPECT_EQ(repo.feed("notes"), nullptr);
}
