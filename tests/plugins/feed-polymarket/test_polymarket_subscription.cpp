// Polymarket subscription rules: event names, custom features, subscription fields, asset and condition ids.
#include "polymarket_test_support.hpp"

#include <algorithm>

using namespace ssmd::test;

namespace {

// 2^256 - 1 in decimal, computed here by doubling so the test does not share the plugin's constant.
std::string uint256_max() {
  std::string n = "1"; // little-endian decimal digits
  for (int i = 0; i < 256; ++i) {
    int carry = 0;
    for (char &d : n) {
      int v = (d - '0') * 2 + carry;
      d = static_cast<char>('0' + v % 10);
      carry = v / 10;
    }
    if (carry) n += static_cast<char>('0' + carry);
  }
  n[0] = static_cast<char>(n[0] - 1); // 2^256 ends in 6, so no borrow
  std::reverse(n.begin(), n.end());
  return n;
}

std::string plus_one(std::string n) {
  for (auto it = n.rbegin(); it != n.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return n;
    }
    *it = '0';
  }
  return "1" + n;
}

std::string assets(const std::string &id) { return "[\"" + id + "\"]"; }

} // namespace

// ---- polymarket/channel-unknown ------------------------------------------------------------------------
// Polymarket adds events: one the plugin does not know is a warning; the other channel's event an error.
TEST_F(PolymarketTest, ChannelUnknownWarnsAboutAnUnpublishedEvent) {
  check(ws_feed(market_version().set("channels", "[book, trades]")));
  expect_only(c, "polymarket/channel-unknown", "versions[0].channels[1]");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("`last_trade_price`"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, ChannelUnknownRejectsUserEventOnTheMarketChannel) {
  check(ws_feed(market_version().set("channels", "[book, order]")));
  expect_only(c, "polymarket/channel-unknown", "versions[0].channels[1]");
  EXPECT_NE(c.findings[0].message.find("user-channel event"), std::string::npos) << c.dump();
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << c.dump();
}

TEST_F(PolymarketTest, ChannelUnknownRejectsMarketEventOnTheUserChannel) {
  check(ws_feed(user_version().set("channels", "[trade, book]")));
  expect_only(c, "polymarket/channel-unknown", "versions[0].channels[1]");
  EXPECT_NE(c.findings[0].message.find("market-channel event"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, ChannelUnknownRejectsChannelsThatAreNotAList) {
  check(ws_feed(market_version().set("channels", "book")));
  expect_only(c, "polymarket/channel-unknown", "versions[0].channels");
}

TEST_F(PolymarketTest, ChannelUnknownAcceptsEveryPublishedEvent) {
  check(ws_feed(market_version().set("custom_feature_enabled", "true").set(
      "channels", "[book, price_change, tick_size_change, last_trade_price, best_bid_ask, new_market, "
                  "market_resolved]")));
  check(ws_feed(user_version().set("channels", "[trade, order]")));
  expect_clean(c);
}

// ---- polymarket/channels-websocket-only ----------------------------------------------------------------
TEST_F(PolymarketTest, ChannelsWebsocketOnlyRejectsChannelsOnRest) {
  check(rest_feed(clob_version().set("channels", "[book]")));
  expect_only(c, "polymarket/channels-websocket-only", "versions[0].channels");
}

TEST_F(PolymarketTest, ChannelsWebsocketOnlyAcceptsRestWithoutChannels) {
  check(rest_feed(clob_version()));
  expect_clean(c);
}

// ---- polymarket/custom-feature -------------------------------------------------------------------------
TEST_F(PolymarketTest, CustomFeatureRequiresTheSwitchForBestBidAsk) {
  check(ws_feed(market_version().set("channels", "[book, best_bid_ask]")));
  expect_only(c, "polymarket/custom-feature", "versions[0].channels[1]");
  EXPECT_NE(c.findings[0].message.find("custom_feature_enabled: true"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, CustomFeatureRequiresTheSwitchOnForMarketResolved) {
  check(ws_feed(market_version().set("custom_feature_enabled", "false").set("channels", "[market_resolved]")));
  expect_only(c, "polymarket/custom-feature", "versions[0].channels[0]");
}

TEST_F(PolymarketTest, CustomFeatureRejectsASwitchThatIsNotABoolean) {
  check(ws_feed(market_version().set("custom_feature_enabled", "sometimes")));
  expect_only(c, "polymarket/custom-feature", "versions[0].custom_feature_enabled");
}

TEST_F(PolymarketTest, CustomFeatureRejectsTheSwitchOffTheMarketChannel) {
  check(ws_feed(user_version().set("custom_feature_enabled", "true")));
  expect_only(c, "polymarket/custom-feature", "versions[0].custom_feature_enabled");
}

TEST_F(PolymarketTest, CustomFeatureAcceptsCustomEventsWithTheSwitchOn) {
  check(ws_feed(market_version().set("custom_feature_enabled", "true").set("channels", "[best_bid_ask, new_market]")));
  check(ws_feed(market_version().set("custom_feature_enabled", "false")));
  expect_clean(c);
}

// ---- polymarket/subscription-field ---------------------------------------------------------------------
TEST_F(PolymarketTest, SubscriptionFieldRejectsMarketsOnTheMarketChannel) {
  check(ws_feed(market_version().set("markets", "[\"" + k_condition + "\"]")));
  expect_only(c, "polymarket/subscription-field", "versions[0].markets");
}

TEST_F(PolymarketTest, SubscriptionFieldRejectsAssetsOnTheUserChannel) {
  check(ws_feed(user_version().set("assets", assets(k_yes_token))));
  expect_only(c, "polymarket/subscription-field", "versions[0].assets");
}

TEST_F(PolymarketTest, SubscriptionFieldAcceptsEachChannelsOwnFieldAndBothOnRest) {
  check(ws_feed(market_version()));
  check(ws_feed(user_version()));
  check(rest_feed(clob_version().set("assets", assets(k_yes_token)).set("markets", "[\"" + k_condition + "\"]")));
  expect_clean(c);
}

// ---- polymarket/asset-id -------------------------------------------------------------------------------
TEST_F(PolymarketTest, AssetIdRejectsWhatIsNotDecimal) {
  for (const char *bad : {"0x9e6f", "12a4", "-5", "1.5", "1e77", "\"\"", "[1, 2]"}) {
    Collector one;
    harness().check_feed(ws_feed(market_version().set("assets", std::string("[") + bad + "]")), one);
    SCOPED_TRACE(bad);
    expect_only(one, "polymarket/asset-id", "versions[0].assets[0]");
  }
}

TEST_F(PolymarketTest, AssetIdRejectsLeadingZero) {
  check(ws_feed(market_version().set("assets", assets("0" + k_yes_token))));
  expect_only(c, "polymarket/asset-id", "versions[0].assets[0]");
  EXPECT_NE(c.findings[0].message.find("leading zero"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, AssetIdRejectsOneMoreThanTheLargestUint256) {
  std::string too_large = plus_one(uint256_max());
  ASSERT_EQ(too_large.size(), 78u); // 2^256 has 78 digits, like 2^256-1: only the value check can catch it
  check(ws_feed(market_version().set("assets", "[\"" + k_yes_token + "\", \"" + too_large + "\"]")));
  expect_only(c, "polymarket/asset-id", "versions[0].assets[1]");
  EXPECT_NE(c.findings[0].message.find("2^256-1"), std::string::npos) << c.dump();
  Collector longer;
  harness().check_feed(ws_feed(market_version().set("assets", assets(uint256_max() + "0"))), longer);
  expect_only(longer, "polymarket/asset-id", "versions[0].assets[0]");
}

TEST_F(PolymarketTest, AssetIdRejectsAListThatIsNotAList) {
  check(ws_feed(market_version().set("assets", "\"" + k_yes_token + "\"")));
  expect_only(c, "polymarket/asset-id", "versions[0].assets");
}

TEST_F(PolymarketTest, AssetIdAcceptsTheLargestUint256AndRealTokenIdsQuotedOrNot) {
  check(ws_feed(market_version().set("assets", assets(uint256_max()))));
  check(ws_feed(market_version().set("assets", "[" + k_yes_token + ", 0, 1]")));
  check(ws_feed(market_version()));
  expect_clean(c);
}

// ---- polymarket/condition-id ---------------------------------------------------------------------------
TEST_F(PolymarketTest, ConditionIdRejectsMalformedIds) {
  const std::string bad[] = {
      k_condition.substr(0, 65),                 // 63 hex digits
      k_condition + "0",                         // 65 hex digits
      k_condition.substr(2),                     // no 0x
      "0X" + k_condition.substr(2),              // upper-case prefix
      "0x" + std::string(63, 'a') + "g",         // not hex
      "0x" + std::string(32, 'a'),               // a bytes16
  };
  for (const std::string &id : bad) {
    Collector one;
    harness().check_feed(ws_feed(user_version().set("markets", "[\"" + id + "\"]")), one);
    SCOPED_TRACE(id);
    expect_only(one, "polymarket/condition-id", "versions[0].markets[0]");
  }
}

TEST_F(PolymarketTest, ConditionIdRejectsAListThatIsNotAList) {
  check(ws_feed(user_version().set("markets", "\"" + k_condition + "\"")));
  expect_only(c, "polymarket/condition-id", "versions[0].markets");
}

TEST_F(PolymarketTest, ConditionIdAcceptsBytes32InEitherCase) {
  std::string upper = "0x" + std::string(64, 'F');
  check(ws_feed(user_version().set("markets", "[\"" + k_condition + "\", \"" + upper + "\"]")));
  expect_clean(c);
}
