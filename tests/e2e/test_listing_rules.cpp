// `feed list`, `feed show` and `env list` leave out files that fail the core rules, print their findings
// and exit 1 (docs/cli.md), so a planted or broken file is never shown as if it were sound. A symbolic link
// `alias.yaml -> acme.yaml` is a name-mismatch finding, not a second `acme`; with the feed cache warm the
// answer is the same.
#include "../unit/registry_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

size_t count(const std::string &text, const std::string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class ListingRules : public ::testing::Test {
protected:
  void SetUp() override { write_fixture(repo_); }
  RunResult ssmd(const std::vector<std::string> &args) const {
    std::vector<std::string> all{"--repo", repo_.path().string()};
    all.insert(all.end(), args.begin(), args.end());
    RunOptions options;
    options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
    return run_ssmd(all, options);
  }
  TempDir repo_;
};

TEST_F(ListingRules, ASymlinkedDuplicateIsAFindingNotASecondListing) {
  fs::create_symlink("acme.yaml", repo_.path() / "exchanges/feeds/alias.yaml");
  for (int run = 0; run < 2; ++run) { // the second run answers from the feed cache
    RunResult list = ssmd({"feed", "list"});
    EXPECT_EQ(list.exit_code, 1) << list.out << list.err;
    EXPECT_EQ(count(list.out, "\nacme "), 1u) << list.out;
    EXPECT_TRUE(contains(list.err, "exchanges/feeds/alias.yaml:2:7: error: name 'acme' must equal the file stem 'alias'"))
        << list.err;
    EXPECT_TRUE(contains(list.err, "[repo/name-mismatch]")) << list.err;
    RunResult json = ssmd({"feed", "list", "--output", "json"});
    EXPECT_EQ(json.exit_code, 1);
    EXPECT_EQ(count(json.out, "\"name\": \"acme\""), 1u) << json.out;
  }
  RunResult show = ssmd({"feed", "show", "alias"});
  EXPECT_EQ(show.exit_code, 1) << show.out;
  EXPECT_TRUE(show.out.empty()) << show.out;
  EXPECT_TRUE(contains(show.err, "[repo/name-mismatch]")) << show.err;
  EXPECT_EQ(ssmd({"feed", "show", "acme"}).exit_code, 0);
}

TEST_F(ListingRules, FeedsFailingACoreRuleAreLeftOutAndNotShown) {
  // Two versions in force on the same days: a core rule's error, not the loader's.
  std::string overlapping = k_feed_yaml;
  overlapping.replace(overlapping.find("name: acme"), 10, "name: lapse");
  overlapping.replace(overlapping.find("effective_from: 2025-04-01"), 26, "effective_from: 2025-02-01");
  repo_.write("exchanges/feeds/lapse.yaml", overlapping);
  for (int run = 0; run < 2; ++run) {
    RunResult list = ssmd({"feed", "list"});
    EXPECT_EQ(list.exit_code, 1) << list.err;
    EXPECT_FALSE(contains(list.out, "lapse")) << list.out;
    EXPECT_TRUE(contains(list.out, "acme")) << list.out;
    EXPECT_TRUE(contains(list.err, "exchanges/feeds/lapse.yaml:")) << list.err;
    EXPECT_TRUE(contains(list.err, "[feed/overlapping-versions]")) << list.err;
    RunResult show = ssmd({"feed", "show", "lapse"});
    EXPECT_EQ(show.exit_code, 1);
    EXPECT_TRUE(show.out.empty()) << show.out;
    EXPECT_TRUE(contains(show.err, "[feed/overlapping-versions]")) << show.err;
  }
  // validate agrees.
  RunResult validate = ssmd({"validate"});
  EXPECT_TRUE(contains(validate.out + validate.err, "[feed/overlapping-versions]")) << validate.out;
}

TEST_F(ListingRules, EnvironmentsFailingACoreRuleAreLeftOut) {
  repo_.write("exchanges/environments/ghost.yaml", "name: ghost\nfeed: nosuchfeed\nschemas: [trade:v1]\n");
  repo_.write("exchanges/environments/renamed.yaml", "name: other\nfeed: acme\nschemas: [trade:v1]\n");
  RunResult list = ssmd({"env", "list"});
  EXPECT_EQ(list.exit_code, 1) << list.err;
  EXPECT_TRUE(contains(list.out, "dev")) << list.out;
  EXPECT_FALSE(contains(list.out, "ghost")) << list.out;
  EXPECT_FALSE(contains(list.out, "other")) << list.out;
  EXPECT_TRUE(contains(list.err, "exchanges/environments/ghost.yaml:2:7: error: feed 'nosuchfeed' does not exist")) << list.err;
  EXPECT_TRUE(contains(list.err, "[repo/name-mismatch]")) << list.err;
}

} // namespace
