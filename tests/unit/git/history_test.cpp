// The history walk behind `ssmd log`, checked against `git log -- <path>`.
#include "git/history.hpp"

#include "../../e2e/git_fixture.hpp"
#include "git/log_filter.hpp"
#include "git/workspace.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::test;

namespace {
std::string short_ids(const std::vector<git::HistoryEntry> &entries) {
  std::string out;
  for (const auto &e : entries) out += e.short_id + "\n";
  return out;
}
} // namespace

TEST(GitHistory, FollowsOneFileThroughMergesLikeGitLog) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", "v: 1\n");
  repo.write("exchanges/feeds/other.yaml", "v: 1\n");
  repo.commit_all("one");
  repo.git_ok("checkout -q -b side");
  repo.write("exchanges/feeds/kalshi.yaml", "v: 2\n");
  repo.commit_all("side change");
  repo.git_ok("checkout -q main");
  repo.write("exchanges/feeds/other.yaml", "v: 2\n");
  repo.commit_all("main change");
  repo.git_ok("merge -q --no-ff -m merge side");
  repo.write("README.md", "x\n");
  repo.commit_all("unrelated");
  repo.remove("exchanges/feeds/kalshi.yaml");
  repo.commit_all("delete");

  auto ws = git::Workspace::open(repo.root());
  auto kalshi = git::path_history(ws.repo(), git::definition_filter(ws, git::DefinitionKind::Feed, "kalshi"));
  EXPECT_EQ(short_ids(kalshi), repo.git_ok("log --format=%h -- exchanges/feeds/kalshi.yaml"));
  ASSERT_EQ(kalshi.size(), 3u);
  EXPECT_EQ(kalshi[0].subject, "delete");
  ASSERT_EQ(kalshi[0].files.size(), 1u);
  EXPECT_TRUE(kalshi[0].files[0].before.has_value());
  EXPECT_FALSE(kalshi[0].files[0].after.has_value());
  EXPECT_EQ(kalshi[2].subject, "one");
  EXPECT_FALSE(kalshi[2].files[0].before.has_value()); // the root commit

  auto all = git::path_history(ws.repo(), git::metadata_filter(ws));
  EXPECT_EQ(short_ids(all), repo.git_ok("log --format=%h -- exchanges ssmd-plugins.lock"));

  auto limited = git::path_history(ws.repo(), git::metadata_filter(ws), 2);
  EXPECT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[0].author, "Jane Doe");
  EXPECT_EQ(limited[0].email, "jane@example.com");
}

TEST(GitHistory, SchemaFollowsItsDefinitionFiles) {
  GitRepo repo;
  repo.write("exchanges/schemas/trade.yaml", "name: trade\nschema_file: custom-name.x\nversions:\n  - version: v1\n    file: trade.v1.x\n");
  repo.write("exchanges/schemas/custom-name.x", "a\n");
  repo.commit_all("one");
  repo.write("exchanges/schemas/trade.v1.x", "b\n");
  repo.commit_all("by convention");
  repo.write("exchanges/schemas/custom-name.x", "c\n");
  repo.commit_all("named in yaml");
  repo.write("exchanges/schemas/book.yaml", "name: book\n");
  repo.write("exchanges/schemas/book.v1.x", "d\n");
  repo.commit_all("another schema");

  auto ws = git::Workspace::open(repo.root());
  auto trade = git::path_history(ws.repo(), git::definition_filter(ws, git::DefinitionKind::Schema, "trade"));
  ASSERT_EQ(trade.size(), 3u);
  EXPECT_EQ(trade[0].subject, "named in yaml");
  EXPECT_EQ(trade[1].subject, "by convention");
  EXPECT_EQ(trade[2].files.size(), 2u);
  auto book = git::path_history(ws.repo(), git::definition_filter(ws, git::DefinitionKind::Schema, "book"));
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book[0].files.size(), 2u);
}

TEST(GitHistory, UnbornHeadHasNoHistory) {
  GitRepo repo;
  repo.write("exchanges/feeds/kalshi.yaml", "v: 1\n");
  auto ws = git::Workspace::open(repo.root());
  EXPECT_TRUE(git::path_history(ws.repo(), git::metadata_filter(ws)).empty());
}

TEST(GitHistory, DatesInTheAuthorsZone) {
  EXPECT_EQ(git::format_date(1751328000, 0, false), "2025-07-01");
  EXPECT_EQ(git::format_date(1751328000, 120, true), "2025-07-01T02:00:00+02:00");
  EXPECT_EQ(git::format_date(1751328000, -300, true), "2025-06-30T19:00:00-05:00");
}
