// Documents and a fixture shared by the Kalshi suites: a valid WebSocket and a valid REST version, each
// changed one field at a time by the tests.
#pragma once

#include "../common/feed_harness.hpp"

namespace ssmd::test {

inline Version kalshi_ws_version() {
  return {{"version", "v2"},
          {"effective_from", "2025-01-01"},
          {"protocol", "wss"},
          {"endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2"},
          {"auth_method", "api_key"},
          {"rate_limit_per_second", "10"},
          {"max_symbols_per_connection", "100"},
          {"supports_orderbook", "true"},
          {"supports_trades", "true"},
          {"channels", "[orderbook_delta, trade, ticker]"}};
}

inline Version kalshi_rest_version() {
  return {{"version", "v1"},
          {"effective_from", "2025-01-01"},
          {"protocol", "https"},
          {"endpoint", "https://external-api.kalshi.com/trade-api/v2"},
          {"auth_method", "none"},
          {"rate_limit_per_second", "20"},
          {"max_symbols_per_connection", "200"},
          {"supports_orderbook", "true"},
          {"supports_trades", "true"}};
}

inline std::string kalshi_ws_feed(const Version &v) { return feed_yaml("kalshi", "websocket", {v}); }
inline std::string kalshi_rest_feed(const Version &v) { return feed_yaml("kalshi", "rest", {v}); }

class KalshiTest : public ::testing::Test {
protected:
  static const FeedHarness &harness() {
    static const FeedHarness h("feed-kalshi", "kalshi");
    return h;
  }
  ssmd_status check(const std::string &feed) { return status = harness().check_feed(feed, c); }
  ssmd_status check_env(const std::string &env, const std::string &feed) {
    return status = harness().check_environment(env, feed, c);
  }
  Collector c;
  ssmd_status status = SSMD_UNSUPPORTED;
};

} // namespace ssmd::test
