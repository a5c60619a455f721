// What Polymarket publishes about its market-data interfaces, as data: the CLOB WebSocket channels and their
// events, the REST hosts, and the credentials of the user channel. Every table names the documentation page
// it was taken from; README.md lists the same facts for readers.
#pragma once

#include <string_view>

namespace polymarket {

// The interface an endpoint reaches.
enum class Interface {
  market_channel, // wss://ws-subscriptions-clob.polymarket.com/ws/market: public order book and price events
  user_channel,   // wss://ws-subscriptions-clob.polymarket.com/ws/user: the account's orders and trades
  clob_api,       // https://clob.polymarket.com: order books and prices (public), orders (authenticated)
  gamma_api,      // https://gamma-api.polymarket.com: events and markets metadata (public)
  data_api,       // https://data-api.polymarket.com: positions and activity (public)
};

inline bool is_websocket(Interface i) { return i == Interface::market_channel || i == Interface::user_channel; }

// https://docs.polymarket.com/market-data/websocket/market-channel and .../user-channel.
inline constexpr std::string_view k_websocket_host = "ws-subscriptions-clob.polymarket.com";
inline constexpr std::string_view k_market_path = "/ws/market";
inline constexpr std::string_view k_user_path = "/ws/user";
// Channels on the CLOB WebSocket host are paths under /ws/; another name there may be a channel Polymarket
// added after this plugin was written (a warning, docs/plugins.md).
inline constexpr std::string_view k_channel_path_prefix = "/ws/";

// Every Polymarket API host is under polymarket.com (https://docs.polymarket.com/getting-started/api and the
// WebSocket overview, which also lists sports-api and ws-live-data hosts this plugin does not check). A host
// under it that this plugin does not know is a warning; a host outside it is not Polymarket's, an error.
inline constexpr std::string_view k_domain = "polymarket.com";

// https://docs.polymarket.com/getting-started/api: "Gamma API https://gamma-api.polymarket.com, CLOB API
// https://clob.polymarket.com, Data API https://data-api.polymarket.com".
struct RestHost {
  std::string_view name;
  Interface interface;
  bool accepts_api_key; // only the CLOB has authenticated endpoints; Gamma and Data are fully public
};
inline constexpr RestHost k_rest_hosts[] = {
    {"clob.polymarket.com", Interface::clob_api, true},
    {"gamma-api.polymarket.com", Interface::gamma_api, false},
    {"data-api.polymarket.com", Interface::data_api, false},
};

// Events of the market channel; the custom ones arrive only when the subscription sets
// `custom_feature_enabled: true` (https://docs.polymarket.com/market-data/websocket/market-channel).
inline constexpr std::string_view k_market_events[] = {"book", "price_change", "tick_size_change", "last_trade_price"};
inline constexpr std::string_view k_custom_market_events[] = {"best_bid_ask", "new_market", "market_resolved"};
// Events of the user channel (https://docs.polymarket.com/market-data/websocket/user-channel).
inline constexpr std::string_view k_user_events[] = {"trade", "order"};

// The `auth` object of a user-channel subscription: CLOB API credentials.
inline constexpr std::string_view k_key_fields[] = {"apiKey", "secret", "passphrase"};

} // namespace polymarket
