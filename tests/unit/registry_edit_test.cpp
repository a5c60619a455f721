// Minimal edits: the bytes outside the change stay exactly as written, comments and all.
#include "core/errors.hpp"
#include "registry/env_edit.hpp"
#include "registry/feed_edit.hpp"
#include "registry/repository.hpp"
#include "registry/schema_edit.hpp"
#include "registry/text_edit.hpp"
#include "registry/yaml_text.hpp"
#include "registry_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;

namespace {
FeedVersion version(const char *name, const char *from) {
  FeedVersion v;
  v.version = name;
  v.effective_from = Date::parse(from);
  v.protocol = "wss";
  v.endpoint = "wss://ws.acme.test/" + std::string(name);
  v.auth_method = "api_key";
  v.rate_limit_per_second = 5;
  v.max_symbols_per_connection = 50;
  v.supports_orderbook = true;
  v.supports_trades = false;
  return v;
}

const std::string k_block_v3 = "  - version: v3\n"
                               "    effective_from: DATE\n"
                               "    protocol: wss\n"
                               "    endpoint: wss://ws.acme.test/v3\n"
                               "    auth_method: api_key\n"
                               "    rate_limit_per_second: 5\n"
                               "    max_symbols_per_connection: 50\n"
                               "    supports_orderbook: true\n"
                               "    supports_trades: false\n";

std::string block(const char *date) {
  std::string out = k_block_v3;
  return out.replace(out.find("DATE"), 4, date);
}

std::string insert_before(const std::string &text, const std::string &anchor, const std::string &what) {
  std::string out = text;
  size_t at = out.find(anchor);
  EXPECT_NE(at, std::string::npos) << anchor;
  return out.insert(at, what);
}
} // namespace

TEST(RegistryEdit, AddVersionAtTheEndKeepsEveryOtherByte) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  std::string out = insert_feed_version(*repo.feed("acme"), version("v3", "2026-01-01"), {});
  // After v2's last line, before the comment that belongs to `calendar:`.
  EXPECT_EQ(out, insert_before(test::k_feed_yaml, "# The calendar decides", block("2026-01-01")));
}

TEST(RegistryEdit, AddVersionInTheMiddleGoesBeforeTheLaterOne) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  std::string out = insert_feed_version(*repo.feed("acme"), version("v3", "2025-03-15"), {});
  EXPECT_EQ(out, insert_before(test::k_feed_yaml, "  - version: v2", block("2025-03-15")));
}

TEST(RegistryEdit, AddVersionFirstGoesAboveTheCommentOnTheFirstItem) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  std::string out = insert_feed_version(*repo.feed("acme"), version("v3", "2024-01-01"), {});
  EXPECT_EQ(out, insert_before(test::k_feed_yaml, "  # The first version.", block("2024-01-01")));
}

TEST(RegistryEdit, AddVersionFollowsTheFileIndentation) {
  TempDir dir;
  std::string text = "name: x\nversions:\n- version: v1\n  effective_from: 2025-01-01\nstatus: active";
  dir.write("exchanges/feeds/x.yaml", text);
  Repository repo(dir.path());
  FeedVersion v;
  v.version = "v2";
  v.effective_from = Date::parse("2025-02-01");
  std::string out = insert_feed_version(*repo.feed("x"), v, {{"acme_region", "eu"}});
  EXPECT_EQ(out, "name: x\nversions:\n- version: v1\n  effective_from: 2025-01-01\n- version: v2\n  effective_from: "
                 "2025-02-01\n  acme_region: eu\nstatus: active");
}

TEST(RegistryEdit, CarriedPluginFieldsKeepTheirSpelling) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  const LoadedFeed &feed = *repo.feed("acme");
  auto extras = carried_extras(feed.model->versions[0]);
  ASSERT_EQ(extras.size(), 1u);
  EXPECT_EQ(extras[0].key, "acme_region");
  EXPECT_EQ(extras[0].value, "us-east");
}

TEST(RegistryEdit, ReplaceScalarKeepsTheCommentAfterIt) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  const LoadedFeed &feed = *repo.feed("acme");
  std::string out = replace_scalar(feed.text, *feed.doc, "type", "rest");
  std::string expected = test::k_feed_yaml;
  expected.replace(expected.find("type: websocket"), 15, "type: rest");
  EXPECT_EQ(out, expected);
  // A quoted value is replaced with its quotes.
  out = replace_scalar(feed.text, *feed.doc, "versions[1].endpoint", "wss://new.acme.test/v2");
  expected = test::k_feed_yaml;
  expected.replace(expected.find("\"wss://ws.acme.test/v2\""), 23, "wss://new.acme.test/v2");
  EXPECT_EQ(out, expected);
  // A flow-sequence item stops at the comma.
  out = replace_scalar(feed.text, *feed.doc, "versions[0].channels[0]", "depth");
  expected = test::k_feed_yaml;
  expected.replace(expected.find("[book, trades]"), 14, "[depth, trades]");
  EXPECT_EQ(out, expected);
}

TEST(RegistryEdit, BlockScalarsAndMultiLineValuesAreRefused) {
  TempDir dir;
  dir.write("exchanges/feeds/x.yaml", "name: x\ndisplay_name: |\n  two\n  lines\ntype: rest\n");
  Repository repo(dir.path());
  const LoadedFeed &feed = *repo.feed("x");
  EXPECT_THROW(replace_scalar(feed.text, *feed.doc, "display_name", "one"), CommandError);
  EXPECT_EQ(replace_scalar(feed.text, *feed.doc, "type", "websocket"),
            "name: x\ndisplay_name: |\n  two\n  lines\ntype: websocket\n");
}

TEST(RegistryEdit, EnvSchemaReplaceAppendAndFeed) {
  TempDir dir;
  test::write_fixture(dir);
  Repository repo(dir.path());
  const LoadedEnvironment &env = *repo.environment("dev");
  std::vector<TextEdit> edits = env_schema_edits(repo, env, {SchemaRef{"trade", "v2", ""}, SchemaRef{"book", "v1", ""}});
  edits.push_back(env_feed_edit(env, "other"));
  std::string expected = test::k_env_yaml;
  expected.replace(expected.find("feed: acme"), 10, "feed: other");
  expected.replace(expected.find("[trade:v1]"), 10, "[trade:v2, book:v1]");
  EXPECT_EQ(apply_edits(env.text, edits), expected);
}

TEST(RegistryEdit, EnvSingleSchemaBecomesAList) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", "name: e  # x\nschema: trade:v1 # pinned\nkeys: {}\n");
  Repository repo(dir.path());
  const LoadedEnvironment &env = *repo.environment("e");
  EXPECT_EQ(apply_edits(env.text, env_schema_edits(repo, env, {SchemaRef{"trade", "v2", ""}})),
            "name: e  # x\nschema: trade:v2 # pinned\nkeys: {}\n");
  EXPECT_EQ(apply_edits(env.text, env_schema_edits(repo, env, {SchemaRef{"book", "v1", ""}})),
            "name: e  # x\nschemas: [trade:v1, book:v1] # pinned\nkeys: {}\n");
  EXPECT_EQ(apply_edits(env.text, {env_feed_edit(env, "acme")}), "name: e  # x\nfeed: acme\nschema: trade:v1 # pinned\nkeys: {}\n");
}

// Found by tests/fuzz/fuzz_registry_edit: a line inserted right after `name:` landed inside a value written
// on the next line, so `feed: acme` swallowed it (`feed: acme e`) and the name became empty.
TEST(RegistryEdit, EnvNewLinesGoAfterValuesSpanningLines) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", "name:\n  e\n# the keys\nkeys: {}\n");
  dir.write("exchanges/environments/f.yaml", "name: f\nextends:\n  e\n");
  dir.write("exchanges/environments/g.yaml", "  name: g\n  keys: {}\n");
  Repository repo(dir.path());
  const LoadedEnvironment &e = *repo.environment("e");
  EXPECT_EQ(apply_edits(e.text, {env_feed_edit(e, "acme")}), "name:\n  e\nfeed: acme\n# the keys\nkeys: {}\n");
  const LoadedEnvironment &f = *repo.environment("f");
  EXPECT_EQ(apply_edits(f.text, {env_feed_edit(f, "acme")}), "name: f\nextends:\n  e\nfeed: acme\n");
  EXPECT_EQ(apply_edits(f.text, env_schema_edits(repo, f, {SchemaRef{"trade", "v2", ""}})),
            "name: f\nextends:\n  e\nschema: trade:v2\n");
  const LoadedEnvironment &g = *repo.environment("g");
  EXPECT_EQ(apply_edits(g.text, {env_feed_edit(g, "acme")}), "  name: g\n  feed: acme\n  keys: {}\n");
}

// Found by tests/fuzz/fuzz_registry_edit: a quoted value continued on a less indented line (which yaml-cpp
// accepts) ends below the place a new item goes, so the inserted block became part of the value and the
// command reported a version it had not added. Every in-place edit now checks its result and refuses instead.
TEST(RegistryEdit, AnEditTheLayoutWouldSwallowIsRefused) {
  TempDir dir;
  std::string schema = "name: s\nformat: fmt\nschema_file: s.v1.fmt\nversions:\n  - version: v1\n"
                       "    effective_from: 2025-01-01\n    status: active\n    hash: sha256:x\n"
                       "    breaking_changes: \"long\n  text\"\n";
  dir.write("exchanges/schemas/s.yaml", schema);
  std::string feed = test::k_feed_yaml;
  const std::string last_line = "    supports_trades: true\n# The calendar";
  feed.replace(feed.rfind(last_line), last_line.size(), "    supports_trades: true\n    x_note: \"one\n  two\"\n# The calendar");
  dir.write("exchanges/feeds/acme.yaml", feed);
  Repository repo(dir.path());
  const LoadedSchema &s = *repo.schema("s");
  ASSERT_TRUE(s.model && !has_errors(s.diagnostics)) << (s.diagnostics.empty() ? "" : s.diagnostics[0].message);
  SchemaVersion v;
  v.version = "v2";
  v.effective_from = Date::parse("2026-01-01");
  v.status = "draft";
  v.file = "s.v2.fmt";
  v.hash = "sha256:y";
  EXPECT_THROW(insert_schema_version(s, v), DomainError);
  const LoadedFeed &f = *repo.feed("acme");
  ASSERT_TRUE(f.model && !has_errors(f.diagnostics));
  FeedVersion fv;
  fv.version = "v9";
  fv.effective_from = Date::parse("2030-01-01");
  EXPECT_THROW(insert_feed_version(f, fv, {}), DomainError);
  // An environment edit whose result lost the name is refused the same way.
  dir.write("exchanges/environments/e.yaml", "name: e\nfeed: acme\n");
  const LoadedEnvironment &e = *repo.environment("e");
  EXPECT_THROW(verify_environment_edit(e, "name: other\nfeed: acme\n", "acme", {}), DomainError);
  EXPECT_THROW(verify_environment_edit(e, "name: e\nfeed: acme beta\n", "acme", {}), DomainError);
  EXPECT_NO_THROW(verify_environment_edit(e, "name: e\nfeed: beta\n", "beta", {}));
}

TEST(RegistryEdit, EnvBlockListAppend) {
  TempDir dir;
  dir.write("exchanges/environments/e.yaml", "name: e\nschemas:\n  - trade:v1   # one\n# tail\nfeed: f\n");
  Repository repo(dir.path());
  const LoadedEnvironment &env = *repo.environment("e");
  EXPECT_EQ(apply_edits(env.text, env_schema_edits(repo, env, {SchemaRef{"book", "v1", ""}, SchemaRef{"trade", "v3", ""}})),
            "name: e\nschemas:\n  - trade:v3   # one\n  - book:v1\n# tail\nfeed: f\n");
}

TEST(RegistryEdit, YamlStringQuotesOnlyWhenNeeded) {
  EXPECT_EQ(yaml_string("wss://api.example.com/ws/v2?x=1"), "wss://api.example.com/ws/v2?x=1");
  EXPECT_EQ(yaml_string("America/New_York"), "America/New_York");
  EXPECT_EQ(yaml_string("true"), "\"true\"");
  EXPECT_EQ(yaml_string("10"), "\"10\"");
  EXPECT_EQ(yaml_string("2025-01-01"), "\"2025-01-01\"");
  EXPECT_EQ(yaml_string("a: b"), "\"a: b\"");
  EXPECT_EQ(yaml_string("x # y"), "\"x # y\"");
  EXPECT_EQ(yaml_string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(yaml_string(""), "\"\"");
  EXPECT_EQ(yaml_string("trade:v1"), "trade:v1");
}
