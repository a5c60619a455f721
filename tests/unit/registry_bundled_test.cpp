// The metadata shipped in exchanges/ must pass every core rule without a warning.
#include "registry/as_of.hpp"
#include "registry/check.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;

TEST(RegistryBundled, ExchangesPassCoreRules) {
  Repository repo(test::source_dir());
  Diagnostics diags = check_repository(repo);
  for (const auto &d : diags) ADD_FAILURE() << format_diagnostic(d);
  EXPECT_EQ(repo.names(Kind::Feed), (std::vector<std::string>{"kalshi", "kalshi-demo", "polymarket"}));
  EXPECT_EQ(repo.names(Kind::Schema), (std::vector<std::string>{"market_status", "orderbook", "trade"}));
  EXPECT_EQ(repo.names(Kind::Environment), (std::vector<std::string>{"kalshi-dev", "kalshi-prod", "polymarket-dev"}));
}

TEST(RegistryBundled, KalshiIsInForceFrom2025) {
  Repository repo(test::source_dir());
  const LoadedFeed *kalshi = repo.feed("kalshi");
  ASSERT_TRUE(kalshi && kalshi->model);
  EXPECT_EQ(kalshi->model->versions[0].endpoint, "wss://api.elections.kalshi.com/trade-api/ws/v2");
  AsOf before = feed_version_as_of(*kalshi->model, *Date::parse("2024-12-31"));
  EXPECT_FALSE(before);
  EXPECT_EQ(before.why_none, "no version of kalshi in force on 2024-12-31; first is v2 from 2025-01-01");
  EXPECT_TRUE(feed_version_as_of(*kalshi->model, *Date::parse("2025-06-01")));
}
