// Time travel: the version in force on a date.
#include "registry/as_of.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;

namespace {
Date d(const char *text) { return *Date::parse(text); }

Feed feed_with(std::vector<std::tuple<const char *, const char *, const char *>> spans) {
  Feed feed;
  feed.name = "acme";
  for (auto [version, from, to] : spans) {
    FeedVersion v;
    v.index = feed.versions.size();
    v.version = version;
    v.effective_from = d(from);
    if (to) v.effective_to = d(to);
    feed.versions.push_back(v);
  }
  return feed;
}

std::string in_force(const Feed &feed, const char *date) {
  AsOf found = feed_version_as_of(feed, d(date));
  return found ? feed.versions[*found.index].version : found.why_none;
}
} // namespace

TEST(RegistryAsOf, BeforeTheFirstVersion) {
  Feed feed = feed_with({{"v2", "2025-01-01", nullptr}});
  EXPECT_EQ(in_force(feed, "2024-12-31"), "no version of acme in force on 2024-12-31; first is v2 from 2025-01-01");
}

TEST(RegistryAsOf, ExactDayOfEffectiveFromIsInForce) {
  Feed feed = feed_with({{"v1", "2025-01-01", nullptr}, {"v2", "2025-06-01", nullptr}});
  EXPECT_EQ(in_force(feed, "2025-01-01"), "v1");
  EXPECT_EQ(in_force(feed, "2025-05-31"), "v1");
  EXPECT_EQ(in_force(feed, "2025-06-01"), "v2");
  EXPECT_EQ(in_force(feed, "2030-01-01"), "v2");
}

TEST(RegistryAsOf, EffectiveToIsExclusive) {
  Feed feed = feed_with({{"v1", "2025-01-01", "2025-03-01"}, {"v2", "2025-03-01", nullptr}});
  EXPECT_EQ(in_force(feed, "2025-02-28"), "v1");
  EXPECT_EQ(in_force(feed, "2025-03-01"), "v2");
}

TEST(RegistryAsOf, GapBetweenVersions) {
  Feed feed = feed_with({{"v1", "2025-01-01", "2025-03-01"}, {"v2", "2025-04-01", nullptr}});
  EXPECT_EQ(in_force(feed, "2025-03-15"),
            "no version of acme in force on 2025-03-15; v1 ended on 2025-03-01 (effective_to is exclusive) and v2 "
            "starts on 2025-04-01");
  EXPECT_EQ(in_force(feed, "2025-03-01").substr(0, 44), "no version of acme in force on 2025-03-01; v");
  EXPECT_EQ(in_force(feed, "2025-04-01"), "v2");
}

TEST(RegistryAsOf, AfterTheLastVersionEnded) {
  Feed feed = feed_with({{"v1", "2025-01-01", "2026-01-01"}});
  EXPECT_EQ(in_force(feed, "2026-01-01"),
            "no version of acme in force on 2026-01-01; v1 ended on 2026-01-01 (effective_to is exclusive) and no "
            "later version exists");
}

TEST(RegistryAsOf, ListOrderDoesNotMatter) {
  Feed feed = feed_with({{"v2", "2025-06-01", nullptr}, {"v1", "2025-01-01", nullptr}});
  EXPECT_EQ(in_force(feed, "2025-07-01"), "v2");
  EXPECT_EQ(in_force(feed, "2025-02-01"), "v1");
}

TEST(RegistryAsOf, SchemaDraftsAreNeverInForce) {
  Schema schema;
  schema.name = "trade";
  for (auto [version, from, status] : {std::tuple{"v1", "2025-01-01", "deprecated"}, std::tuple{"v2", "2025-06-01", "draft"}}) {
    SchemaVersion v;
    v.index = schema.versions.size();
    v.version = version;
    v.effective_from = d(from);
    v.status = status;
    schema.versions.push_back(v);
  }
  AsOf july = schema_version_as_of(schema, d("2025-07-01"));
  ASSERT_TRUE(july);
  EXPECT_EQ(schema.versions[*july.index].version, "v1"); // deprecated now, but in force then
  schema.versions[0].status = "draft";
  AsOf none = schema_version_as_of(schema, d("2025-07-01"));
  EXPECT_FALSE(none);
  EXPECT_NE(none.why_none.find("is a draft"), std::string::npos) << none.why_none;
}
