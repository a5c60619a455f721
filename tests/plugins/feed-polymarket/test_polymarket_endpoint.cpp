// Polymarket endpoint rules: feed type, scheme, host, path and authentication method.
#include "polymarket_test_support.hpp"

using namespace ssmd::test;

// ---- polymarket/feed-type ------------------------------------------------------------------------------
TEST_F(PolymarketTest, FeedTypeRejectsMulticast) {
  check(feed_yaml("polymarket", "multicast", {market_version()}));
  expect_only(c, "polymarket/feed-type", "type");
  EXPECT_EQ(status, SSMD_FAILED);
}

TEST_F(PolymarketTest, FeedTypeAcceptsWebsocketAndRest) {
  EXPECT_EQ(check(ws_feed(market_version())), SSMD_OK);
  EXPECT_EQ(check(rest_feed(clob_version())), SSMD_OK);
  expect_clean(c);
}

// ---- polymarket/endpoint-scheme ------------------------------------------------------------------------
TEST_F(PolymarketTest, EndpointSchemeRejectsPlainWebSocket) {
  check(ws_feed(market_version().set("endpoint", "ws://ws-subscriptions-clob.polymarket.com/ws/market")));
  expect_only(c, "polymarket/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointSchemeRejectsPlainHttp) {
  check(rest_feed(clob_version().set("endpoint", "http://clob.polymarket.com")));
  expect_only(c, "polymarket/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointSchemeRejectsRestEndpointInWebsocketFeed) {
  check(ws_feed(clob_version()));
  expect_only(c, "polymarket/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointSchemeRejectsSomethingThatIsNotAUrl) {
  check(ws_feed(market_version().set("endpoint", "ws-subscriptions-clob.polymarket.com/ws/market")));
  expect_only(c, "polymarket/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointSchemeRejectsProtocolThatDisagreesWithTheEndpoint) {
  check(ws_feed(market_version().set("protocol", "https")));
  expect_only(c, "polymarket/endpoint-scheme", "versions[0].protocol");
}

TEST_F(PolymarketTest, EndpointSchemeAcceptsMatchingOrAbsentProtocol) {
  check(ws_feed(market_version().set("protocol", "WSS")));
  check(ws_feed(market_version().drop("protocol")));
  expect_clean(c);
}

// ---- polymarket/endpoint-host --------------------------------------------------------------------------
// docs/plugins.md, "Rule severity": another host under polymarket.com may be one Polymarket added (the
// documentation lists ws-live-data and sports-api, which this plugin does not check): a warning naming the
// known host. A host outside polymarket.com is an error.
TEST_F(PolymarketTest, EndpointHostWarnsAboutAnUnlistedWebSocketHostUnderPolymarketCom) {
  check(ws_feed(market_version().set("endpoint", "wss://ws-live-data.polymarket.com/ws/market")));
  expect_only(c, "polymarket/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("the known host is `ws-subscriptions-clob.polymarket.com`"), std::string::npos)
      << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(PolymarketTest, EndpointHostRejectsAHostOutsidePolymarketCom) {
  check(ws_feed(market_version().set("endpoint", "wss://evil.example.com/ws/market")));
  check(rest_feed(clob_version().set("endpoint", "https://polymarket.com.evil.example.com")));
  ASSERT_EQ(c.findings.size(), 2u) << c.dump();
  for (const auto &f : c.findings) {
    EXPECT_EQ(f.rule, "polymarket/endpoint-host") << c.dump();
    EXPECT_EQ(f.severity, SSMD_SEVERITY_ERROR) << c.dump();
  }
}

TEST_F(PolymarketTest, EndpointHostRejectsRestHostForWebSocket) {
  check(ws_feed(market_version().set("endpoint", "wss://clob.polymarket.com/ws/market")));
  expect_only(c, "polymarket/endpoint-host", "versions[0].endpoint");
  EXPECT_NE(c.findings[0].message.find("serves Polymarket's REST API"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, EndpointHostWarnsAboutAnUnlistedRestHostUnderPolymarketCom) {
  check(rest_feed(clob_version().set("endpoint", "https://relayer-v2.polymarket.com")));
  expect_only(c, "polymarket/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("`gamma-api.polymarket.com`"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, EndpointHostRejectsWebSocketHostForRest) {
  check(rest_feed(clob_version().set("endpoint", "https://ws-subscriptions-clob.polymarket.com")));
  expect_only(c, "polymarket/endpoint-host", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointHostRejectsOtherPortsAndCredentials) {
  check(ws_feed(market_version().set("endpoint", "wss://ws-subscriptions-clob.polymarket.com:8080/ws/market")));
  expect_only(c, "polymarket/endpoint-host", "versions[0].endpoint");
  Collector creds;
  harness().check_feed(rest_feed(clob_version().set("endpoint", "https://key:hunter2@clob.polymarket.com")), creds);
  expect_only(creds, "polymarket/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(creds.findings[0].message.find("hunter2"), std::string::npos) << creds.dump();
}

TEST_F(PolymarketTest, EndpointHostAcceptsEveryPublishedHost) {
  for (const char *host : {"clob.polymarket.com", "gamma-api.polymarket.com", "data-api.polymarket.com"})
    check(rest_feed(clob_version().set("endpoint", std::string("https://") + host)));
  check(ws_feed(market_version()));
  check(ws_feed(user_version()));
  expect_clean(c);
}

// ---- polymarket/endpoint-path --------------------------------------------------------------------------
// A /ws/NAME the plugin does not know may be a channel added since: a warning naming the known ones.
TEST_F(PolymarketTest, EndpointPathWarnsAboutAnUnlistedChannelPath) {
  check(ws_feed(market_version().set("endpoint", "wss://ws-subscriptions-clob.polymarket.com/ws/markets")));
  expect_only(c, "polymarket/endpoint-path", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("/ws/user"), std::string::npos) << c.dump();
}

TEST_F(PolymarketTest, EndpointPathRejectsAWebSocketPathOfAnotherShape) {
  for (const char *path : {"/market", "/ws/", "/ws/market/extra", ""}) {
    c.findings.clear();
    check(ws_feed(market_version().set("endpoint", std::string("wss://ws-subscriptions-clob.polymarket.com") + path)));
    expect_only(c, "polymarket/endpoint-path", "versions[0].endpoint");
    EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << path << "\n" << c.dump();
  }
}

TEST_F(PolymarketTest, EndpointPathRejectsRestPathBelowTheBaseUrl) {
  check(rest_feed(clob_version().set("endpoint", "https://clob.polymarket.com/book")));
  expect_only(c, "polymarket/endpoint-path", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointPathRejectsQuery) {
  check(ws_feed(market_version().set("endpoint", "wss://ws-subscriptions-clob.polymarket.com/ws/market?x=1")));
  expect_only(c, "polymarket/endpoint-path", "versions[0].endpoint");
}

TEST_F(PolymarketTest, EndpointPathAcceptsBothChannelsAndBaseUrls) {
  check(ws_feed(market_version()));
  check(ws_feed(user_version()));
  check(rest_feed(clob_version().set("endpoint", "https://gamma-api.polymarket.com/")));
  expect_clean(c);
}

// ---- polymarket/auth-method ----------------------------------------------------------------------------
TEST_F(PolymarketTest, AuthMethodRejectsApiKeyOnTheMarketChannel) {
  check(ws_feed(market_version().set("auth_method", "api_key")));
  expect_only(c, "polymarket/auth-method", "versions[0].auth_method");
}

TEST_F(PolymarketTest, AuthMethodRequiresApiKeyOnTheUserChannel) {
  check(ws_feed(user_version().set("auth_method", "none")));
  expect_only(c, "polymarket/auth-method", "versions[0].auth_method");
  Collector absent;
  harness().check_feed(ws_feed(user_version().drop("auth_method")), absent);
  expect_only(absent, "polymarket/auth-method", "versions[0].auth_method");
}

TEST_F(PolymarketTest, AuthMethodRejectsKeysOnThePublicGammaApi) {
  check(rest_feed(clob_version().set("endpoint", "https://gamma-api.polymarket.com").set("auth_method", "api_key")));
  expect_only(c, "polymarket/auth-method", "versions[0].auth_method");
}

TEST_F(PolymarketTest, AuthMethodRejectsUnknownClobMethod) {
  check(rest_feed(clob_version().set("auth_method", "oauth2")));
  expect_only(c, "polymarket/auth-method", "versions[0].auth_method");
}

TEST_F(PolymarketTest, AuthMethodAcceptsWhatEachInterfaceUses) {
  check(ws_feed(market_version().drop("auth_method")));
  check(ws_feed(user_version()));
  check(rest_feed(clob_version().set("auth_method", "api_key")));
  check(rest_feed(clob_version().set("endpoint", "https://data-api.polymarket.com").set("auth_method", "none")));
  expect_clean(c);
}
