// `ssmd rules list`: the host's rules and those of every usable plugin, read from the plugins' rule tables in
// worker processes. The output with the bundled plugins is fixed in tests/e2e/golden/rules_list.txt, as Buf
// fixes `buf ls-lint-rules`: a rule whose id, severity, category or purpose changes by accident fails here.
// After a deliberate change, regenerate the file and review the diff:
//
//   SSMD_UPDATE_GOLDEN=1 ctest --preset dev -R RulesList
#include "plugin_env.hpp"


#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

const fs::path kGolden = "tests/e2e/golden/rules_list.txt";

// Runs ssmd outside any repository with only the plugins of the build tree (and none of the caller's settings).
RunResult run_plain(const std::vector<std::string> &args, const TempDir &dir) {
  RunOptions options;
  options.cwd = dir.path();
  options.env["XDG_CONFIG_HOME"] = (dir.path() / "config").string();
  options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO", "SSMD_OUTPUT"};
  return run_ssmd(args, options);
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The rows of the rule table (before the blank line that ends it), without the header.
std::vector<std::string> rule_rows(const std::string &out) {
  std::vector<std::string> rows;
  for (const auto &line : lines_of(out)) {
    if (line.empty()) break;
    rows.push_back(line);
  }
  if (!rows.empty()) rows.erase(rows.begin());
  return rows;
}

// The row of `id` listed by `plugin` ("-" for the host), split on runs of two or more spaces.
std::vector<std::string> row(const std::string &out, const std::string &id, const std::string &plugin) {
  for (const auto &line : rule_rows(out)) {
    std::vector<std::string> cells;
    size_t pos = 0;
    while (pos < line.size()) {
      size_t gap = line.find("  ", pos);
      cells.push_back(line.substr(pos, gap == std::string::npos ? std::string::npos : gap - pos));
      if (gap == std::string::npos) break;
      pos = line.find_first_not_of(' ', gap);
    }
    if (cells.size() == 5 && cells[0] == id && cells[3] == plugin) return cells;
  }
  return {};
}

} // namespace

TEST(RulesList, MatchesTheGoldenFileForTheBundledPlugins) {
  TempDir dir;
  auto list = run_plain({"rules", "list"}, dir);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.err, "");
  const fs::path golden = source_dir() / kGolden;
  if (const char *update = std::getenv("SSMD_UPDATE_GOLDEN"); update && *update) {
    std::ofstream(golden, std::ios::binary) << list.out;
    GTEST_SKIP() << "wrote " << golden << "; review the diff";
  }
  const std::string expected = read_file(golden);
  EXPECT_EQ(list.out, expected) << "`ssmd rules list` differs from " << kGolden
                                << "; after a deliberate change run SSMD_UPDATE_GOLDEN=1 ctest --preset dev -R RulesList";
}

TEST(RulesList, ListsHostAndPluginRulesWithWhereEachIsDocumented) {
  TempDir dir;
  auto list = run_plain({"rules", "list"}, dir);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(row(list.out, "feed/overlapping-versions", "-"),
            (std::vector<std::string>{"feed/overlapping-versions", "error", "time", "-",
                                      "Checks that no two versions of a feed are in force on the same day."}));
  EXPECT_EQ(row(list.out, "plugin/missing", "-").at(1), "error");
  auto tier = row(list.out, "kalshi/rate-limit-tier", "feed-kalshi");
  ASSERT_EQ(tier.size(), 5u) << list.out;
  EXPECT_EQ(tier[1], "warning");
  EXPECT_EQ(tier[2], "rate-limit");
  // A comparison rule's category is the one `ssmd schema breaking --fail-on` names.
  EXPECT_EQ(row(list.out, "capnp/note/field-added", "schema-capnp").at(2), "safe");
  // Secret and storage backends list rules too (ABI 1.3), and a rule every secret backend shares has a row each.
  EXPECT_EQ(row(list.out, "s3/credentials", "storage-s3").at(2), "access");
  EXPECT_EQ(row(list.out, "vault/warning", "secrets-vault").at(1), "warning");
  for (const std::string plugin : {"secrets-env", "secrets-sealed", "secrets-vault"})
    EXPECT_EQ(row(list.out, "secrets/missing-field", plugin).size(), 5u) << plugin;
  // Sorted by id, then plugin.
  auto rows = rule_rows(list.out);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end())) << list.out;
  EXPECT_TRUE(has(list.out, "\nDOCUMENTATION  ")) << list.out;
  EXPECT_TRUE(has(list.out, "\nhost rules       https://github.com/ssmd/ssmd/blob/main/docs/rules/<rule>.md\n"))
      << list.out;
  EXPECT_TRUE(has(list.out, "\nfeed-kalshi      https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md\n"))
      << list.out;
}

TEST(RulesList, JsonHasOneObjectPerRowWithTheDocumentedFields) {
  TempDir dir;
  auto text = run_plain({"rules", "list"}, dir);
  auto out = run_plain({"rules", "list", "--output", "json"}, dir);
  ASSERT_EQ(out.exit_code, 0) << out.err;
  ssmd::strict_json::Json root;
  ASSERT_FALSE(ssmd::strict_json::parse(out.out, root));
  ASSERT_TRUE(root.is_array());
  EXPECT_EQ(root.size(), rule_rows(text.out).size());
  std::set<std::string> severities;
  bool saw_host = false, saw_kalshi = false;
  for (const auto &rule : root) {
    for (const char *key : {"id", "severity", "category", "purpose", "plugin", "source", "url"})
      ASSERT_TRUE(rule.contains(key)) << key;
    EXPECT_FALSE(rule.at("purpose").get<std::string>().empty());
    severities.insert(rule.at("severity").get<std::string>());
    const std::string id = rule.at("id").get<std::string>();
    if (id == "schema/hash-mismatch") {
      saw_host = true;
      EXPECT_TRUE(rule.at("plugin").is_null());
      EXPECT_EQ(rule.at("url"), "https://github.com/ssmd/ssmd/blob/main/docs/rules/schema/hash-mismatch.md");
      EXPECT_EQ(rule.at("category"), "integrity");
    }
    if (id == "kalshi/endpoint-host") {
      saw_kalshi = true;
      EXPECT_EQ(rule.at("plugin"), "feed-kalshi");
      EXPECT_EQ(rule.at("severity"), "error");
      EXPECT_EQ(rule.at("url"), "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md");
      EXPECT_EQ(rule.at("source"), "https://docs.kalshi.com/getting_started/api_environments");
    }
  }
  EXPECT_TRUE(saw_host && saw_kalshi);
  EXPECT_EQ(severities, (std::set<std::string>{"error", "warning", "info"}));
}

// CI sees exactly the rules it will run: --plugins and --locked choose the plugins as in every command.
TEST(RulesList, HonoursThePluginSelection) {
  TempDir dir;
  auto only = run_plain({"--plugins", "feed-kalshi", "rules", "list"}, dir);
  ASSERT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(row(only.out, "kalshi/endpoint-host", "feed-kalshi").size(), 5u) << only.out;
  EXPECT_FALSE(has(only.out, "capnp/")) << only.out;
  EXPECT_FALSE(has(only.out, "schema-capnp")) << only.out;
  EXPECT_EQ(row(only.out, "feed/required", "-").size(), 5u) << "host rules are always listed";
  EXPECT_TRUE(has(only.err, "plugins cannot be used and are not listed; run 'ssmd plugin list' to see why"))
      << only.err;

  // Under --locked, a repository whose lock pins feed-polymarket alone lists its rules and no others.
  fs::create_directories(dir.path() / "repo" / "exchanges");
  RunOptions options;
  options.cwd = dir.path() / "repo";
  options.env["XDG_CONFIG_HOME"] = (dir.path() / "config").string();
  options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO", "SSMD_OUTPUT"};
  auto lock = run_ssmd({"--plugins", "feed-polymarket", "plugin", "lock"}, options);
  ASSERT_EQ(lock.exit_code, 0) << lock.err;
  auto locked = run_ssmd({"--locked", "rules", "list"}, options);
  ASSERT_EQ(locked.exit_code, 0) << locked.err;
  EXPECT_EQ(row(locked.out, "polymarket/asset-id", "feed-polymarket").size(), 5u) << locked.out;
  EXPECT_FALSE(has(locked.out, "feed-kalshi")) << locked.out;
  EXPECT_FALSE(has(locked.out, "secrets-env")) << locked.out;
}

// A plugin built against ABI 1.2 keeps loading: its rules, from the older array, are listed without severity
// or category. It also leaves garbage in the slot ABI 1.3 gave the rule table, which the host must not read.
TEST(RulesList, AnOlderPluginsRulesAreListedWithoutSeverityOrCategory) {
  PluginEnv env;
  env.add("old-rules", "test-old-rules");
  auto list = env.run({"rules", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(row(list.out, "t-old-rules/endpoint-host", "test-old-rules"),
            (std::vector<std::string>{"t-old-rules/endpoint-host", "-", "-", "test-old-rules",
                                      "Checks that endpoints are on old.example."}))
      << list.out;
  EXPECT_EQ(row(list.out, "t-old-rules/channel", "test-old-rules").size(), 5u) << list.out;
  EXPECT_TRUE(has(list.out, "\ntest-old-rules   -\n")) << "its format-1 manifest names no url:\n" << list.out;
  // And it still validates feeds.
  env.run({"feed", "create", "old", "--type", "websocket", "--endpoint", "wss://old.example/v1", "--effective-from",
           "2025-01-01"});
  const fs::path feed = env.repo() / "exchanges" / "feeds" / "old.yaml";
  std::string text = read_file(feed);
  ASSERT_NE(text.find("exchange: old\n"), std::string::npos) << text;
  text.replace(text.find("exchange: old\n"), 14, "exchange: t-old-rules\n");
  std::ofstream(feed, std::ios::binary) << text;
  auto valid = env.run({"validate", "--no-cache"});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  EXPECT_FALSE(has(valid.out, "plugin/")) << valid.out;
}

// A plugin whose rule table is malformed is refused as it loads, so the list lacks its rules: the command
// names it and fails rather than print an incomplete list as if it were whole.
TEST(RulesList, APluginWithAMalformedRuleTableFailsTheList) {
  PluginEnv env;
  env.add("bad-rules", "test-bad-rules");
  auto list = env.run({"rules", "list"});
  EXPECT_EQ(list.exit_code, 3) << list.out << list.err;
  EXPECT_TRUE(has(list.err, "refused plugin 'test-bad-rules'")) << list.err;
  EXPECT_TRUE(has(list.err, "the list lacks the rules of 1 plugin that could not be read")) << list.err;
  EXPECT_FALSE(has(list.out, "t-bad-rules/")) << list.out;
  EXPECT_EQ(row(list.out, "kalshi/endpoint-host", "feed-kalshi").size(), 5u) << "the other plugins are listed";
}
