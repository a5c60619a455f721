// The rules of the Kalshi feed validator: one literal per rule id, each with its purpose and the page of
// Kalshi's documentation it comes from. Ids are stable and never reused; README.md has the same table.
#pragma once

#include <ssmd/plugin.hpp>

#include <string_view>
#include <vector>

namespace kalshi::rule {

inline constexpr std::string_view feed_type = "kalshi/feed-type";
inline constexpr std::string_view endpoint_scheme = "kalshi/endpoint-scheme";
inline constexpr std::string_view endpoint_host = "kalshi/endpoint-host";
inline constexpr std::string_view endpoint_path = "kalshi/endpoint-path";
inline constexpr std::string_view auth_method = "kalshi/auth-method";
inline constexpr std::string_view channel_unknown = "kalshi/channel-unknown";
inline constexpr std::string_view channel_legacy = "kalshi/channel-legacy";
inline constexpr std::string_view channels_websocket_only = "kalshi/channels-websocket-only";
inline constexpr std::string_view rate_limit = "kalshi/rate-limit";
inline constexpr std::string_view rate_limit_tier = "kalshi/rate-limit-tier";
inline constexpr std::string_view env_key_fields = "kalshi/env-key-fields";
inline constexpr std::string_view env_host_mismatch = "kalshi/env-host-mismatch";

inline std::vector<ssmd::Rule> all() {
  const std::string environments = "https://docs.kalshi.com/getting_started/api_environments";
  return {
      {std::string(feed_type), "Checks that a Kalshi feed is of type websocket or rest, the two interfaces "
                               "Kalshi serves market data on.", environments, SSMD_SEVERITY_ERROR, "feed"},
      {std::string(endpoint_scheme), "Checks that WebSocket endpoints use wss:// and REST endpoints https://, "
                                     "matching the feed's type and the version's protocol.",
       environments, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(endpoint_host), "Checks that an endpoint names a Kalshi host for its interface (an error outside "
                                   "kalshi.com and kalshi.co or for a retired host, a warning for a host inside them "
                                   "that the plugin does not list), on the default port, without credentials.",
       environments, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(endpoint_path), "Checks that WebSocket endpoints use the path /trade-api/ws/v2 and REST "
                                   "endpoints the base path /trade-api/v2 (a later API version is a warning), with "
                                   "no query or fragment.",
       environments, SSMD_SEVERITY_ERROR, "endpoint"},
      {std::string(auth_method), "Checks that WebSocket versions authenticate with api_key (the handshake must "
                                 "be signed) and REST versions use api_key or none.",
       "https://docs.kalshi.com/websockets/websocket-connection", SSMD_SEVERITY_ERROR, "auth"},
      {std::string(channel_unknown), "Warns about a channel Kalshi's WebSocket API does not publish as far as the "
                                   "plugin knows (a channel list that is not a list is an error).",
       "https://docs.kalshi.com/websockets", SSMD_SEVERITY_ERROR, "channel"},
      {std::string(channel_legacy), "Checks that no retired channel name is used, and names its replacement.",
       "https://docs.kalshi.com/changelog", SSMD_SEVERITY_ERROR, "channel"},
      {std::string(channels_websocket_only), "Checks that only WebSocket versions list channels.",
       "https://docs.kalshi.com/websockets", SSMD_SEVERITY_ERROR, "channel"},
      {std::string(rate_limit), "Checks that rate_limit_per_second is a positive whole number within the read "
                                "budget of the declared tier (or of the highest tier, Prime).",
       "https://docs.kalshi.com/getting_started/rate_limits", SSMD_SEVERITY_ERROR, "rate-limit"},
      {std::string(rate_limit_tier), "Warns when rate_limit_tier names a tier other than basic, advanced, premier, "
                                     "paragon or prime.",
       "https://docs.kalshi.com/getting_started/rate_limits", SSMD_SEVERITY_WARNING, "rate-limit"},
      {std::string(env_key_fields), "Warns when an environment using an authenticated Kalshi feed declares no key "
                                    "with the fields key_id and private_key (RSA-PSS request signing).",
       "https://docs.kalshi.com/getting_started/api_keys", SSMD_SEVERITY_WARNING, "environment"},
      {std::string(env_host_mismatch), "Warns when an environment whose name or key says prod uses a demo host, "
                                       "or one that says demo uses a production host.",
       environments, SSMD_SEVERITY_WARNING, "environment"},
  };
}

} // namespace kalshi::rule
