// The Kalshi checks, split by the document they read: feed_checks.cpp checks a feed
// (exchanges/feeds/<name>.yaml), environment_checks.cpp an environment that uses one. Both report paths
// relative to the document being checked.
#pragma once

#include "kalshi_api.hpp"

#include <ssmd/plugin.hpp>
#include <ssmd_feed/url.hpp>

#include <optional>
#include <string_view>

namespace kalshi {

void check_feed(const ssmd::Node &feed, ssmd::Diagnostics &out);
void check_environment(const ssmd::Node &env, const ssmd::Node &feed, ssmd::Diagnostics &out);

// The interface a URL scheme reaches: wss -> WebSocket, https -> REST; anything else is not served.
inline std::optional<Surface> surface_of_scheme(std::string_view scheme) {
  if (scheme == "wss") return Surface::websocket;
  if (scheme == "https") return Surface::rest;
  return std::nullopt;
}

// The interface a feed's `type:` promises, when it is one Kalshi serves.
inline std::optional<Surface> surface_of_type(std::string_view type) {
  if (type == "websocket") return Surface::websocket;
  if (type == "rest") return Surface::rest;
  return std::nullopt;
}

// A version's endpoint, parsed; nullopt when it is missing or not a URL.
inline std::optional<ssmd_feed::Url> endpoint_of(const ssmd::Node &version) {
  ssmd::Node endpoint = version["endpoint"];
  return endpoint.is_scalar() ? ssmd_feed::parse_url(endpoint.str()) : std::nullopt;
}

} // namespace kalshi
