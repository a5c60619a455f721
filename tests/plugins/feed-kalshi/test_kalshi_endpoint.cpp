// Kalshi endpoint rules: feed type, scheme, host, path and authentication method.
#include "kalshi_test_support.hpp"

using namespace ssmd::test;

namespace {

const char *const k_ws_hosts[] = {"external-api-ws.kalshi.com", "api.elections.kalshi.com",
                                  "external-api-ws.demo.kalshi.co", "demo-api.kalshi.co"};
const char *const k_rest_hosts[] = {"external-api.kalshi.com", "api.elections.kalshi.com",
                                    "external-api.demo.kalshi.co", "demo-api.kalshi.co"};

} // namespace

// ---- kalshi/feed-type -------------------------------------------------------------------------------
TEST_F(KalshiTest, FeedTypeRejectsMulticast) {
  check(feed_yaml("kalshi", "multicast", {kalshi_ws_version()}));
  expect_only(c, "kalshi/feed-type", "type");
  EXPECT_EQ(status, SSMD_FAILED);
}

TEST_F(KalshiTest, FeedTypeAcceptsWebsocketAndRest) {
  EXPECT_EQ(check(kalshi_ws_feed(kalshi_ws_version())), SSMD_OK);
  EXPECT_EQ(check(kalshi_rest_feed(kalshi_rest_version())), SSMD_OK);
  expect_clean(c);
}

// ---- kalshi/endpoint-scheme ----------------------------------------------------------------------------
TEST_F(KalshiTest, EndpointSchemeRejectsPlainWebSocket) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "ws://api.elections.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointSchemeRejectsPlainHttp) {
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "http://external-api.kalshi.com/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointSchemeRejectsRestEndpointInWebsocketFeed) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "https://external-api.kalshi.com/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-scheme", "versions[0].endpoint");
  EXPECT_NE(c.findings[0].message.find("wss://"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointSchemeRejectsSomethingThatIsNotAUrl) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "api.elections.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-scheme", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointSchemeRejectsProtocolThatDisagreesWithTheEndpoint) {
  check(kalshi_ws_feed(kalshi_ws_version().set("protocol", "https")));
  expect_only(c, "kalshi/endpoint-scheme", "versions[0].protocol");
}

TEST_F(KalshiTest, EndpointSchemeReportsTheVersionItIsIn) {
  Version bad =
      kalshi_ws_version().set("version", "v3").set("endpoint", "ws://api.elections.kalshi.com/trade-api/ws/v2");
  check(feed_yaml("kalshi", "websocket", {kalshi_ws_version(), bad}));
  expect_only(c, "kalshi/endpoint-scheme", "versions[1].endpoint");
}

TEST_F(KalshiTest, EndpointSchemeAcceptsMatchingProtocolInAnyCaseOrNone) {
  check(kalshi_ws_feed(kalshi_ws_version().set("protocol", "WSS")));
  check(kalshi_ws_feed(kalshi_ws_version().drop("protocol")));
  check(kalshi_rest_feed(kalshi_rest_version()));
  expect_clean(c);
}

// ---- kalshi/endpoint-host ------------------------------------------------------------------------------
// docs/plugins.md, "Rule severity": a host inside Kalshi's domains that the plugin does not list may be one
// Kalshi added after the plugin was written: a warning that names the known hosts, and the feed passes.
TEST_F(KalshiTest, EndpointHostWarnsAboutAnUnlistedHostInsideKalshisDomains) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://api.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
  EXPECT_NE(c.findings[0].message.find("known WebSocket hosts are `external-api-ws.kalshi.com`"), std::string::npos)
      << c.dump();
  EXPECT_EQ(status, SSMD_OK);
  c.findings.clear();
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://new-api.demo.kalshi.co/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_WARNING) << c.dump();
}

TEST_F(KalshiTest, EndpointHostRejectsAHostOutsideKalshisDomains) {
  for (const char *host : {"evil.example.com", "kalshi.com.evil.example.com", "evilkalshi.com", "kalshi.io"}) {
    c.findings.clear();
    check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", std::string("wss://") + host + "/trade-api/ws/v2")));
    expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
    EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << host << "\n" << c.dump();
    EXPECT_NE(c.findings[0].message.find("is not a Kalshi host"), std::string::npos) << c.dump();
    EXPECT_EQ(status, SSMD_FAILED);
  }
}

TEST_F(KalshiTest, EndpointHostRejectsTheRetiredTradingApiHost) {
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://trading-api.kalshi.com/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << c.dump();
  EXPECT_NE(c.findings[0].message.find("retired"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointHostRejectsRestHostForWebSocket) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://external-api.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
  EXPECT_NE(c.findings[0].message.find("REST API, not WebSocket"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointHostRejectsWebSocketHostForRest) {
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://external-api-ws.kalshi.com/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointHostRejectsOtherPorts) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://api.elections.kalshi.com:8443/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointHostRejectsCredentialsWithoutRepeatingThem) {
  check(kalshi_ws_feed(
      kalshi_ws_version().set("endpoint", "wss://trader:hunter2@api.elections.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-host", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].message.find("hunter2"), std::string::npos) << c.dump();
  EXPECT_EQ(c.findings[0].message.find("trader"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointHostAcceptsEveryPublishedHost) {
  for (const char *host : k_ws_hosts)
    check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", std::string("wss://") + host + "/trade-api/ws/v2")));
  for (const char *host : k_rest_hosts)
    check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", std::string("https://") + host + "/trade-api/v2")));
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://API.Elections.Kalshi.com:443/trade-api/ws/v2")));
  expect_clean(c);
}

// ---- kalshi/endpoint-path ------------------------------------------------------------------------------
TEST_F(KalshiTest, EndpointPathRejectsRestPathOnWebSocket) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://api.elections.kalshi.com/trade-api/v2")));
  expect_only(c, "kalshi/endpoint-path", "versions[0].endpoint");
  EXPECT_NE(c.findings[0].message.find("/trade-api/ws/v2"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointPathRejectsAnEarlierApiVersion) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v1")));
  expect_only(c, "kalshi/endpoint-path", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << c.dump();
  EXPECT_NE(c.findings[0].message.find("retired"), std::string::npos) << c.dump();
}

// A later API version is what an exchange ships tomorrow: recording it must not be blocked.
TEST_F(KalshiTest, EndpointPathWarnsAboutALaterApiVersion) {
  check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v3")));
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://external-api.kalshi.com/trade-api/v10/")));
  ASSERT_EQ(c.findings.size(), 2u) << c.dump();
  for (const auto &f : c.findings) {
    EXPECT_EQ(f.rule, "kalshi/endpoint-path") << c.dump();
    EXPECT_EQ(f.severity, SSMD_SEVERITY_WARNING) << c.dump();
  }
  EXPECT_NE(c.findings[0].message.find("the known WebSocket path is `/trade-api/ws/v2`"), std::string::npos) << c.dump();
  EXPECT_EQ(status, SSMD_OK);
}

TEST_F(KalshiTest, EndpointPathRejectsAPathOfAnotherShape) {
  for (const char *path : {"/trade-api/ws/v3/extra", "/trade-api/ws/latest", "/ws/v3", "/"}) {
    c.findings.clear();
    check(kalshi_ws_feed(kalshi_ws_version().set("endpoint", std::string("wss://api.elections.kalshi.com") + path)));
    expect_only(c, "kalshi/endpoint-path", "versions[0].endpoint");
    EXPECT_EQ(c.findings[0].severity, SSMD_SEVERITY_ERROR) << path << "\n" << c.dump();
  }
}

TEST_F(KalshiTest, EndpointPathRejectsWebSocketPathOnRest) {
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://external-api.kalshi.com/trade-api/ws/v2")));
  expect_only(c, "kalshi/endpoint-path", "versions[0].endpoint");
}

TEST_F(KalshiTest, EndpointPathRejectsQueryWithoutRepeatingIt) {
  check(kalshi_ws_feed(
      kalshi_ws_version().set("endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2?token=s3cret")));
  expect_only(c, "kalshi/endpoint-path", "versions[0].endpoint");
  EXPECT_EQ(c.findings[0].message.find("s3cret"), std::string::npos) << c.dump();
}

TEST_F(KalshiTest, EndpointPathAcceptsTheBasePathsAndARestTrailingSlash) {
  check(kalshi_ws_feed(kalshi_ws_version()));
  check(kalshi_rest_feed(kalshi_rest_version().set("endpoint", "https://external-api.kalshi.com/trade-api/v2/")));
  expect_clean(c);
}

// ---- kalshi/auth-method --------------------------------------------------------------------------------
TEST_F(KalshiTest, AuthMethodRejectsUnsignedWebSocket) {
  check(kalshi_ws_feed(kalshi_ws_version().set("auth_method", "none")));
  expect_only(c, "kalshi/auth-method", "versions[0].auth_method");
}

TEST_F(KalshiTest, AuthMethodRequiresApiKeyOnWebSocketEvenWhenAbsent) {
  check(kalshi_ws_feed(kalshi_ws_version().drop("auth_method")));
  expect_only(c, "kalshi/auth-method", "versions[0].auth_method");
}

TEST_F(KalshiTest, AuthMethodRejectsUnknownRestMethod) {
  check(kalshi_rest_feed(kalshi_rest_version().set("auth_method", "oauth2")));
  expect_only(c, "kalshi/auth-method", "versions[0].auth_method");
}

TEST_F(KalshiTest, AuthMethodAcceptsApiKeyOrNoneOnRest) {
  check(kalshi_rest_feed(kalshi_rest_version().set("auth_method", "api_key")));
  check(kalshi_rest_feed(kalshi_rest_version().set("auth_method", "none")));
  check(kalshi_rest_feed(kalshi_rest_version().drop("auth_method")));
  expect_clean(c);
}
