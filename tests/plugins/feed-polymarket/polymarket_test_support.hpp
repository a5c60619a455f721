// Documents and a fixture shared by the Polymarket suites: valid market-channel, user-channel and CLOB REST
// versions, each changed one field at a time by the tests.
#pragma once

#include "../common/feed_harness.hpp"

namespace ssmd::test {

// Token ids and condition ids from Polymarket's own documentation examples.
inline const std::string k_yes_token = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
inline const std::string k_no_token = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
inline const std::string k_condition = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";

inline Version market_version() {
  return {{"version", "v1"},
          {"effective_from", "2025-01-01"},
          {"protocol", "wss"},
          {"endpoint", "wss://ws-subscriptions-clob.polymarket.com/ws/market"},
          {"auth_method", "none"},
          {"rate_limit_per_second", "5"},
          {"max_symbols_per_connection", "100"},
          {"supports_orderbook", "true"},
          {"supports_trades", "true"},
          {"channels", "[book, price_change, tick_size_change, last_trade_price]"},
          {"assets", "[\"" + k_yes_token + "\", \"" + k_no_token + "\"]"}};
}

inline Version user_version() {
  return {{"version", "v1"},
          {"effective_from", "2025-01-01"},
          {"protocol", "wss"},
          {"endpoint", "wss://ws-subscriptions-clob.polymarket.com/ws/user"},
          {"auth_method", "api_key"},
          {"supports_orderbook", "false"},
          {"supports_trades", "true"},
          {"channels", "[trade, order]"},
          {"markets", "[\"" + k_condition + "\"]"}};
}

inline Version clob_version() {
  return {{"version", "v1"},
          {"effective_from", "2025-01-01"},
          {"protocol", "https"},
          {"endpoint", "https://clob.polymarket.com"},
          {"auth_method", "none"},
          {"rate_limit_per_second", "20"},
          {"supports_orderbook", "true"},
          {"supports_trades", "true"}};
}

inline std::string ws_feed(const Version &v) { return feed_yaml("polymarket", "websocket", {v}); }
inline std::string rest_feed(const Version &v) { return feed_yaml("polymarket", "rest", {v}); }

class PolymarketTest : public ::testing::Test {
protected:
  static const FeedHarness &harness() {
    static const FeedHarness h("feed-polymarket", "polymarket");
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
