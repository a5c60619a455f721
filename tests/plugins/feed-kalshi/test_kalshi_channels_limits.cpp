// Kalshi channel and rate-limit rules.
#include "kalshi_test_support.hpp"

using namespace ssmd::test;

// ---- kalshi/channel-unknown ----------------------------------------------------------------------------
// Kalshi adds channels: one the plugin does not know is a warning naming the known ones.
TEST_F(KalshiTest, ChannelUnknownWarnsAboutAnUnpublishedChannel) {
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "[orderbook_delta, orderbook]")));
  expect_only(c, "kalshi/channel-unknown", "versions[0].channels[1]");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("the known channels are `orderbook_delta`"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(KalshiTest, ChannelUnknownRejectsChannelsThatAreNotAList) {
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "orderbook_delta")));
  expect_only(c, "kalshi/channel-unknown", "versions[0].channels");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << c.dump();
}

TEST_F(KalshiTest, ChannelUnknownAcceptsEveryPublishedChannel) {
  check(kalshi_ws_feed(kalshi_ws_version().set(
      "channels", "[orderbook_delta, ticker, trade, fill, market_positions, market_lifecycle_v2, "
                  "multivariate_market_lifecycle, communications, order_group_updates, user_orders, "
                  "cfbenchmarks_value, cfbenchmarks_value_5hz]")));
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "[]")));
  expect_clean(c);
}

// ---- kalshi/channel-legacy -----------------------------------------------------------------------------
TEST_F(KalshiTest, ChannelLegacyNamesTickerAsTheReplacementOfTickerV2) {
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "[orderbook_delta, trade, ticker_v2]")));
  expect_only(c, "kalshi/channel-legacy", "versions[0].channels[2]");
  EXPECT_NE(c.findings[0].message.find("subscribe to `ticker`"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, ChannelLegacyNamesMarketLifecycleV2AsTheReplacementOfMarketLifecycle) {
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "[market_lifecycle]")));
  expect_only(c, "kalshi/channel-legacy", "versions[0].channels[0]");
  EXPECT_NE(c.findings[0].message.find("`market_lifecycle_v2`"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, ChannelLegacyNamesTheReplacementOfMultivariate) {
  check(kalshi_ws_feed(kalshi_ws_version().set("channels", "[trade, multivariate]")));
  expect_only(c, "kalshi/channel-legacy", "versions[0].channels[1]");
  EXPECT_NE(c.findings[0].message.find("`multivariate_market_lifecycle`"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, ChannelLegacyAcceptsTheCurrentNames) {
  check(kalshi_ws_feed(
      kalshi_ws_version().set("channels", "[ticker, market_lifecycle_v2, multivariate_market_lifecycle]")));
  expect_clean(c);
}

// ---- kalshi/channels-websocket-only --------------------------------------------------------------------
TEST_F(KalshiTest, ChannelsWebsocketOnlyRejectsChannelsOnRest) {
  check(kalshi_rest_feed(kalshi_rest_version().set("channels", "[trade]")));
  expect_only(c, "kalshi/channels-websocket-only", "versions[0].channels");
}

TEST_F(KalshiTest, ChannelsWebsocketOnlyAcceptsRestWithoutChannels) {
  check(kalshi_rest_feed(kalshi_rest_version()));
  expect_clean(c);
}

// ---- kalshi/rate-limit ---------------------------------------------------------------------------------
TEST_F(KalshiTest, RateLimitRejectsWhatIsNotAPositiveWholeNumber) {
  for (const char *bad : {"0", "ten", "10.5", "-1", "1e2", "\"\""}) {
    Collector one;
    harness().check_feed(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_per_second", bad)), one);
    SCOPED_TRACE(bad);
    expect_only(one, "kalshi/rate-limit", "versions[0].rate_limit_per_second");
  }
}

TEST_F(KalshiTest, RateLimitRejectsMoreThanTheDeclaredTierAllows) {
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_tier", "basic").set("rate_limit_per_second", "21")));
  expect_only(c, "kalshi/rate-limit", "versions[0].rate_limit_per_second");
  EXPECT_NE(c.findings[0].message.find("Basic tier allows 20"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, RateLimitRejectsMoreThanTheHighestTierAllows) {
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_per_second", "401")));
  expect_only(c, "kalshi/rate-limit", "versions[0].rate_limit_per_second");
  EXPECT_NE(c.findings[0].message.find("Prime tier allows 400"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, RateLimitAcceptsEachTiersReadBudget) {
  const std::pair<const char *, const char *> budgets[] = {
      {"basic", "20"}, {"advanced", "30"}, {"premier", "100"}, {"paragon", "200"}, {"prime", "400"}};
  for (auto [tier, rate] : budgets)
    check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_tier", tier).set("rate_limit_per_second", rate)));
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_per_second", "400")));
  check(kalshi_ws_feed(kalshi_ws_version().drop("rate_limit_per_second")));
  expect_clean(c);
}

// ---- kalshi/rate-limit-tier ----------------------------------------------------------------------------
// Kalshi has added tiers before: an unknown one is a warning, and the rate is held to the highest known tier.
TEST_F(KalshiTest, RateLimitTierWarnsAboutAnUnpublishedTier) {
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_tier", "gold")));
  expect_only(c, "kalshi/rate-limit-tier", "versions[0].rate_limit_tier");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("the known tiers are `basic`"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
  c.findings.clear();
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_tier", "gold").set("rate_limit_per_second", "401")));
  ASSERT_EQ(c.findings.size(), 2u) << c.dump();
  EXPECT_TRUE(c.has_rule("kalshi/rate-limit")) << "above every tier stays an error\n" << c.dump();
  EXPECT_EQ(status, SSMD_FAILED);
}

TEST_F(KalshiTest, RateLimitTierAcceptsPublishedTier) {
  check(kalshi_ws_feed(kalshi_ws_version().set("rate_limit_tier", "premier").set("rate_limit_per_second", "100")));
  expect_clean(c);
}
