// The rule tables of a loaded plugin (host/plugins/plugin_rules.cpp): what the host accepts, what makes it
// refuse the plugin, and how a table of ABI 1.2 and earlier is still read. The plugin tables are built here
// by hand, as a plugin written in C would build them.
#include "plugins/manifest.hpp"
#include "plugins/plugin_rules.hpp"
#include "plugins/plugin_verify.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace ssmd;

namespace {

ssmd_str str(const char *s) { return ssmd_str{s, std::char_traits<char>::length(s)}; }

ssmd_status check_feed(const ssmd_feed_context *, const ssmd_node *) { return SSMD_OK; }

ssmd_rule rule(const char *id, ssmd_severity severity = SSMD_SEVERITY_ERROR, const char *category = "endpoint",
               const char *purpose = "Checks something.") {
  ssmd_rule r{};
  r.struct_size = sizeof(ssmd_rule);
  r.id = str(id);
  r.severity = severity;
  r.category = str(category);
  r.purpose = str(purpose);
  r.source = str("https://acme.example/docs");
  return r;
}

// One feed plugin `test-acme` providing `acme`, whose feed validator lists `rules` (ABI 1.3) or, when
// `legacy` is given, the older array. Members keep every pointer the tables hold valid.
struct FeedPlugin {
  std::vector<ssmd_rule> rules;
  std::vector<const ssmd_rule *> pointers;
  std::vector<ssmd_rule_info> legacy;
  ssmd_rule_table table{};
  ssmd_feed_validator feed{};
  const ssmd_feed_validator *feeds[1] = {&feed};
  ssmd_plugin plugin{};

  explicit FeedPlugin(std::vector<ssmd_rule> r, uint16_t abi_minor = SSMD_ABI_VERSION_MINOR) : rules(std::move(r)) {
    for (const auto &x : rules) pointers.push_back(&x);
    table.struct_size = sizeof(table);
    table.rules = pointers.data();
    table.rule_count = pointers.size();
    feed.struct_size = sizeof(feed);
    feed.exchange = str("acme");
    feed.check_feed = check_feed;
    feed.rule_table = &table;
    plugin.struct_size = sizeof(plugin);
    plugin.abi_major = SSMD_ABI_VERSION_MAJOR;
    plugin.abi_minor = abi_minor;
    plugin.name = str("test-acme");
    plugin.version = str("1.0.0");
    plugin.feed_validators = feeds;
    plugin.feed_validator_count = 1;
  }
  FeedPlugin(const FeedPlugin &) = delete;
  FeedPlugin &operator=(const FeedPlugin &) = delete;
};

Manifest manifest() {
  Manifest m;
  m.name = "test-acme";
  m.version = "1.0.0";
  m.abi_major = SSMD_ABI_VERSION_MAJOR;
  m.abi_minor = SSMD_ABI_VERSION_MINOR;
  m.provides.push_back(Provided{"feed", "acme"});
  return m;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const auto &l : lines) out += l + "\n";
  return out;
}

bool mentions(const std::vector<std::string> &lines, const std::string &part) {
  return joined(lines).find(part) != std::string::npos;
}

} // namespace

TEST(PluginRules, AWellFormedTableIsReadSortedWithSeverityAndCategory) {
  FeedPlugin p({rule("acme/endpoint-host"), rule("acme/channel", SSMD_SEVERITY_WARNING, "channel")});
  RuleTableReview review = review_rule_tables(p.plugin);
  EXPECT_TRUE(review.errors.empty()) << joined(review.errors);
  EXPECT_TRUE(review.warnings.empty()) << joined(review.warnings);
  EXPECT_FALSE(verify_plugin_table(&p.plugin, manifest()));
  auto rules = plugin_rules(p.plugin);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "acme/channel");
  EXPECT_EQ(rules[0].severity, SSMD_SEVERITY_WARNING);
  EXPECT_EQ(rules[0].category, "channel");
  EXPECT_EQ(rules[1].id, "acme/endpoint-host");
  EXPECT_EQ(rules[1].purpose, "Checks something.");
  EXPECT_EQ(rules[1].source, "https://acme.example/docs");
}

// Each malformation the host refuses, one at a time, and the words that name it.
TEST(PluginRules, AMalformedRuleMakesTheHostRefuseThePlugin) {
  struct Case {
    const char *what;
    ssmd_rule bad;
    const char *expected;
  };
  ssmd_rule small = rule("acme/small");
  small.struct_size = 8;
  ssmd_rule huge = rule("acme/huge");
  huge.struct_size = 1u << 20;
  ssmd_rule severity = rule("acme/severity");
  const int seven = 7;
  std::memcpy(&severity.severity, &seven, sizeof seven);
  ssmd_rule no_data = rule("acme/no-data");
  static const std::string long_id = "acme/" + std::string(130, 'a');
  no_data.purpose = ssmd_str{nullptr, 5};
  const std::vector<Case> cases = {
      {"an id of one segment", rule("endpoint"), "has no valid id"},
      {"an id in capitals", rule("Acme/Endpoint"), "has no valid id"},
      {"an id with an empty segment", rule("acme//endpoint"), "has no valid id"},
      {"an id with a space", rule("acme/end point"), "has no valid id"},
      {"an id too long", rule(long_id.c_str()), "has an id longer than 128 bytes"},
      {"a severity out of range", severity, "has severity 7"},
      {"a category of two words", rule("acme/category", SSMD_SEVERITY_ERROR, "two words"), "has category 'two words'"},
      {"no purpose", rule("acme/purpose", SSMD_SEVERITY_ERROR, "endpoint", ""), "has no purpose"},
      {"an escape sequence", rule("acme/escape", SSMD_SEVERITY_ERROR, "endpoint", "Clears \x1b[2J it."),
       "has a purpose holding a control character"},
      {"invalid UTF-8", rule("acme/utf8", SSMD_SEVERITY_ERROR, "endpoint", "B\xf6rse."), "has a purpose that is not UTF-8"},
      {"a length without text", no_data, "has a purpose with a length but no text"},
      {"a struct too small", small, "has struct_size 8"},
      {"a struct too large", huge, "has struct_size 1048576"},
  };
  for (const auto &c : cases) {
    SCOPED_TRACE(c.what);
    FeedPlugin p({rule("acme/fine"), c.bad});
    RuleTableReview review = review_rule_tables(p.plugin);
    EXPECT_TRUE(mentions(review.errors, c.expected)) << joined(review.errors);
    EXPECT_TRUE(mentions(review.errors, "the feed validator 'acme' rule 1")) << joined(review.errors);
    auto refused = verify_plugin_table(&p.plugin, manifest());
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find(c.expected), std::string::npos) << *refused;
  }
}

TEST(PluginRules, AnIdListedTwiceOrANullRuleIsRefused) {
  FeedPlugin twice({rule("acme/endpoint-host"), rule("acme/endpoint-host")});
  EXPECT_TRUE(mentions(review_rule_tables(twice.plugin).errors, "lists rule 'acme/endpoint-host' twice"));
  FeedPlugin null_rule({rule("acme/endpoint-host")});
  null_rule.pointers[0] = nullptr;
  EXPECT_TRUE(mentions(review_rule_tables(null_rule.plugin).errors, "rule 0 is NULL"));
  FeedPlugin no_array({rule("acme/endpoint-host")});
  no_array.table.rules = nullptr;
  EXPECT_TRUE(mentions(review_rule_tables(no_array.plugin).errors, "lists 1 rules but no table"));
  FeedPlugin too_many({rule("acme/endpoint-host")});
  too_many.table.rule_count = 100000;
  EXPECT_TRUE(mentions(review_rule_tables(too_many.plugin).errors, "lists 100000 rules (at most 4096)"));
  FeedPlugin small_table({rule("acme/endpoint-host")});
  small_table.table.struct_size = 4;
  EXPECT_TRUE(mentions(review_rule_tables(small_table.plugin).errors, "has a rule table with struct_size 4"));
}

// A table of ABI 1.3 whose struct_size says it was built by a later minor version (larger) still loads: the
// host reads the fields it knows.
TEST(PluginRules, ALargerRuleOfALaterMinorVersionIsRead) {
  FeedPlugin p({rule("acme/endpoint-host")});
  p.rules[0].struct_size = sizeof(ssmd_rule) + 16;
  p.table.struct_size = sizeof(ssmd_rule_table) + 16;
  EXPECT_TRUE(review_rule_tables(p.plugin).errors.empty());
  EXPECT_EQ(plugin_rules(p.plugin).size(), 1u);
}

// A plugin built against ABI 1.2 lists its rules in the plain array, which has no severity and no category.
// The slot ABI 1.3 gave the table was reserved then and is never read from such a plugin, whatever it holds.
TEST(PluginRules, AnOlderPluginsArrayIsListedAndItsReservedSlotNeverRead) {
  FeedPlugin p({}, 2);
  p.legacy = {{str("acme/endpoint-host"), str("Checks the host."), str("https://acme.example/docs")},
              {str("acme/channel"), str("Checks channels."), str("")}};
  p.feed.rules = p.legacy.data();
  p.feed.rule_count = p.legacy.size();
  p.feed.rule_table = reinterpret_cast<const ssmd_rule_table *>(uintptr_t{0x10}); // dereferencing it would crash
  Manifest m = manifest();
  m.abi_minor = 2;
  EXPECT_FALSE(verify_plugin_table(&p.plugin, m));
  RuleTableReview review = review_rule_tables(p.plugin);
  EXPECT_TRUE(review.errors.empty()) << joined(review.errors);
  EXPECT_TRUE(mentions(review.warnings, "the table of ABI 1.2 and earlier")) << joined(review.warnings);
  auto rules = plugin_rules(p.plugin);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "acme/channel");
  EXPECT_FALSE(rules[0].severity);
  EXPECT_EQ(rules[0].category, "");
  EXPECT_EQ(rules[1].source, "https://acme.example/docs");
  // The same older array with a malformed id is refused as well.
  p.legacy[1].id = str("Channel");
  EXPECT_TRUE(mentions(review_rule_tables(p.plugin).errors, "rule 1 ('Channel') has no valid id"));
}

// A plugin of ABI 1.3 may have a table and the older array (the C++ layer fills both): the table wins.
TEST(PluginRules, TheTableWinsOverTheOlderArray) {
  FeedPlugin p({rule("acme/endpoint-host")});
  p.legacy = {{str("acme/other"), str("Checks other things."), str("")}};
  p.feed.rules = p.legacy.data();
  p.feed.rule_count = 1;
  auto rules = plugin_rules(p.plugin);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].id, "acme/endpoint-host");
}

// Secret and storage backends list rules too (ABI 1.3); an id two extension points list must be described
// the same way by both, and is listed once.
TEST(PluginRules, SecretAndStorageBackendsListRulesAndSharedIdsMustAgree) {
  FeedPlugin p({rule("acme/endpoint-host")});
  ssmd_rule shared = rule("secrets/missing-field", SSMD_SEVERITY_ERROR, "value", "Reports a missing field.");
  const ssmd_rule *secret_rules[] = {&shared};
  ssmd_rule_table secret_table{sizeof(ssmd_rule_table), secret_rules, 1, {}};
  ssmd_secret_backend secret{};
  secret.struct_size = sizeof(secret);
  secret.prefix = str("acme");
  secret.rule_table = &secret_table;
  const ssmd_secret_backend *secrets[] = {&secret};
  ssmd_rule same = shared;
  ssmd_rule storage_rule = rule("acme/url", SSMD_SEVERITY_ERROR, "reference");
  const ssmd_rule *storage_rules[] = {&same, &storage_rule};
  ssmd_rule_table storage_table{sizeof(ssmd_rule_table), storage_rules, 2, {}};
  ssmd_storage_backend storage{};
  storage.struct_size = sizeof(storage);
  storage.scheme = str("acme");
  storage.rule_table = &storage_table;
  const ssmd_storage_backend *storages[] = {&storage};
  p.plugin.secret_backends = secrets;
  p.plugin.secret_backend_count = 1;
  p.plugin.storage_backends = storages;
  p.plugin.storage_backend_count = 1;

  EXPECT_TRUE(review_rule_tables(p.plugin).errors.empty());
  auto rules = plugin_rules(p.plugin);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].id, "acme/endpoint-host");
  EXPECT_EQ(rules[1].id, "acme/url");
  EXPECT_EQ(rules[2].id, "secrets/missing-field");

  same.purpose = str("Reports something else.");
  EXPECT_TRUE(mentions(review_rule_tables(p.plugin).errors,
                       "rule 'secrets/missing-field' is described differently by the secret backend 'acme' and the "
                       "storage backend 'acme'"));
}

TEST(PluginRules, AnExtensionPointWithoutRulesOrCategoriesIsOnlyAWarning) {
  FeedPlugin p({rule("acme/endpoint-host", SSMD_SEVERITY_ERROR, "")});
  RuleTableReview review = review_rule_tables(p.plugin);
  EXPECT_TRUE(review.errors.empty());
  EXPECT_TRUE(mentions(review.warnings, "rule 'acme/endpoint-host' of the feed validator 'acme' has no category"));
  FeedPlugin empty({});
  EXPECT_TRUE(mentions(review_rule_tables(empty.plugin).warnings, "the feed validator 'acme' lists no rules"));
}

// `ssmd plugin check` sees every problem at once, not only the first.
TEST(PluginRules, TheReviewOfATableListsEveryDisagreementWithTheManifest) {
  FeedPlugin p({rule("acme/endpoint-host")});
  Manifest m = manifest();
  m.provides = {Provided{"feed", "other"}, Provided{"secret", "acme"}};
  PluginTableReview review = review_plugin_table(&p.plugin, m);
  EXPECT_TRUE(mentions(review.errors, "it registers feed 'acme', which its manifest does not declare"));
  EXPECT_TRUE(mentions(review.errors, "its manifest declares feed 'other', which its code does not register"));
  EXPECT_TRUE(mentions(review.errors, "its manifest declares secret 'acme', which its code does not register"));
  EXPECT_EQ(review.errors.size(), 3u) << joined(review.errors);
}

TEST(PluginRules, RuleIdShape) {
  for (const char *good : {"a/b", "kalshi/endpoint-host", "capnp/breaking/field-type-changed", "s3/bad-url", "x_1/y-2"})
    EXPECT_TRUE(is_valid_rule_id(good)) << good;
  for (const char *bad : {"", "a", "a/", "/a", "a//b", "A/b", "a/B", "a/-b", "a/b c", "a/b*", "a.b/c"})
    EXPECT_FALSE(is_valid_rule_id(bad)) << bad;
}
