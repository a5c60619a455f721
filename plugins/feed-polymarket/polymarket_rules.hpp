// The rules of the Polymarket feed validator: one literal per rule id, each with its purpose and the page of
// Polymarket's documentation it comes from. Ids are stable and never reused; README.md has the same table.
#pragma once

#include <ssmd/plugin.hpp>

#include <string_view>
#include <vector>

namespace polymarket::rule {

inline constexpr std::string_view feed_type = "polymarket/feed-type";
inline constexpr std::string_view endpoint_scheme = "polymarket/endpoint-scheme";
inline constexpr std::string_view endpoint_host = "polymarket/endpoint-host";
inline constexpr std::string_view endpoint_path = "polymarket/endpoint-path";
inline constexpr std::string_view auth_method = "polymarket/auth-method";
inline constexpr std::string_view channel_unknown = "polymarket/channel-unknown";
inline constexpr std::string_view channels_websocket_only = "polymarket/channels-websocket-only";
inline constexpr std::string_view custom_feature = "polymarket/custom-feature";
inline constexpr std::string_view subscription_field = "polymarket/subscription-field";
inline constexpr std::string_view asset_id = "polymarket/asset-id";
inline constexpr std::string_view condition_id = "polymarket/condition-id";
inline constexpr std::string_view env_key_fields = "polymarket/env-key-fields";

inline std::vector<ssmd::Rule> all() {
  const std::string apis = "https://docs.polymarket.com/getting-started/api";
  const std::string market = "https://docs.polymarket.com/market-data/websocket/market-channel";
  const std::string ctf = "https://docs.polymarket.com/trading/ctf/overview";
  return {
      {std::string(feed_type), "Checks that a Polymarket feed is of type websocket or rest.",
       apis, SSMD_SEVERITY_ERROR, "feed"},
      {std::string(endpoint_scheme), "Checks that WebSocket endpoints use wss:// and REST endpoints https://, "
                                     "matching the feed's type and the version's protocol.",
       apis, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(endpoint_host), "Checks that an endpoint names ws-subscriptions-clob.polymarket.com (WebSocket) "
                                   "or clob, gamma-api or data-api.polymarket.com (REST), on the default port, "
                                   "without credentials (another host under polymarket.com is a warning).",
       apis, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(endpoint_path), "Checks that WebSocket endpoints are /ws/market or /ws/user (another /ws/NAME is "
                                   "a warning) and REST endpoints are base URLs, with no query or fragment.",
       market, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(auth_method), "Checks that the market channel, Gamma and Data use no authentication, the user "
                                 "channel uses api_key, and the CLOB uses api_key or none.",
       apis, SSMD_SEVERITY_ERROR, "auth"},
      {std::string(channel_unknown), "Checks that every channel is an event the endpoint's WebSocket channel "
                                     "publishes (a name the plugin does not know is a warning; the other channel's "
                                     "event is an error).", market, SSMD_SEVERITY_ERROR, "channel"},
      {std::string(channels_websocket_only), "Checks that only WebSocket versions list channels.",
       market, SSMD_SEVERITY_ERROR, "channel"},
      {std::string(custom_feature), "Checks that best_bid_ask, new_market and market_resolved are listed only when "
                                    "the market channel's custom_feature_enabled is true.",
       market, SSMD_SEVERITY_ERROR, "channel"},
      {std::string(subscription_field), "Checks that the market channel subscribes by asset ids (assets:) and the "
                                        "user channel by condition ids (markets:).",
       "https://docs.polymarket.com/developers/CLOB/websocket/wss-overview", SSMD_SEVERITY_ERROR, "subscription"},
      {std::string(asset_id), "Checks that every asset id is a uint256 token id in canonical decimal "
                              "(0 to 2^256-1).", ctf, SSMD_SEVERITY_ERROR, "subscription"},
      {std::string(condition_id), "Checks that every condition id is 0x followed by 64 hex digits (a bytes32).",
       ctf, SSMD_SEVERITY_ERROR, "subscription"},
      {std::string(env_key_fields), "Checks that an environment using an authenticated Polymarket feed declares a "
                                    "key with the fields apiKey, secret and passphrase (a warning: the collector "
                                    "decides which names it reads).",
       "https://docs.polymarket.com/market-data/websocket/user-channel", SSMD_SEVERITY_WARNING, "environment"},
  };
}

} // namespace polymarket::rule
