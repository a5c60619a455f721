// What Kalshi publishes about its Trade API v2, as data: hosts, paths, WebSocket channels, retired channel
// names and rate-limit tiers. Every table names the documentation page it was taken from; README.md lists
// the same facts for readers. When Kalshi changes its documentation, this is the one file to update.
#pragma once

#include <ssmd_feed/url.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace kalshi {

// Which of Kalshi's two interfaces an endpoint reaches.
enum class Surface { websocket, rest };
// Kalshi keeps production and demo apart: "demo API keys only work against demo endpoints and production API
// keys only work against production endpoints" (https://docs.kalshi.com/getting_started/api_environments).
enum class Tier { production, demo };

struct Host {
  std::string_view name;
  Surface surface;
  Tier tier;
};

// https://docs.kalshi.com/getting_started/api_environments: the recommended `external-api*` hosts and the
// shared hosts that "remain supported for compatibility".
inline constexpr Host k_hosts[] = {
    {"external-api-ws.kalshi.com", Surface::websocket, Tier::production},
    {"api.elections.kalshi.com", Surface::websocket, Tier::production},
    {"external-api-ws.demo.kalshi.co", Surface::websocket, Tier::demo},
    {"demo-api.kalshi.co", Surface::websocket, Tier::demo},
    {"external-api.kalshi.com", Surface::rest, Tier::production},
    {"api.elections.kalshi.com", Surface::rest, Tier::production},
    {"external-api.demo.kalshi.co", Surface::rest, Tier::demo},
    {"demo-api.kalshi.co", Surface::rest, Tier::demo},
};

// The domains Kalshi serves its Trade API from: production hosts are under kalshi.com, demo hosts under
// kalshi.co (https://docs.kalshi.com/getting_started/api_environments). A host under one of them that
// `k_hosts` does not list may be one Kalshi added after this plugin was written, so it is a warning; a host
// outside both is not Kalshi's, so it is an error.
struct Domain {
  std::string_view name;
  Tier tier;
};
inline constexpr Domain k_domains[] = {{"kalshi.com", Tier::production}, {"kalshi.co", Tier::demo}};

// Hosts under Kalshi's domains that Kalshi retired: certainly wrong today, so an error. trading-api.kalshi.com
// served the Trade API until Kalshi moved it to api.elections.kalshi.com; the documentation no longer lists it.
struct RetiredHost {
  std::string_view name;
  std::string_view replacement;
};
inline constexpr RetiredHost k_retired_hosts[] = {{"trading-api.kalshi.com", "external-api.kalshi.com"}};

// The one WebSocket path (it is also the path signed in the handshake) and the REST base path, each ending in
// the API version this plugin knows. A later version (`/trade-api/ws/v3`) is one Kalshi may have released
// since: a warning. An earlier one is retired: an error.
inline constexpr std::string_view k_websocket_path = "/trade-api/ws/v2";
inline constexpr std::string_view k_rest_path = "/trade-api/v2";
inline constexpr std::string_view k_websocket_path_prefix = "/trade-api/ws/";
inline constexpr std::string_view k_rest_path_prefix = "/trade-api/";
inline constexpr unsigned k_api_version = 2;

// Channels of the AsyncAPI specification behind https://docs.kalshi.com/websockets.
inline constexpr std::string_view k_channels[] = {
    "orderbook_delta",     "ticker",      "trade",
    "fill",                "market_positions",
    "market_lifecycle_v2", "multivariate_market_lifecycle",
    "communications",      "order_group_updates",
    "user_orders",         "cfbenchmarks_value",
    "cfbenchmarks_value_5hz",
};

// Channel names Kalshi retired, with what to subscribe to instead.
struct RetiredChannel {
  std::string_view name;
  std::string_view replacement;
  std::string_view why;
};
inline constexpr RetiredChannel k_retired_channels[] = {
    // https://docs.kalshi.com/changelog: "The ticker_v2 WebSocket channel has been removed ... Users should
    // continue using the standard ticker channel".
    {"ticker_v2", "ticker", "was an experimental channel and has been removed"},
    // The first lifecycle channel of the old trading-api.readme.io reference; the documentation now publishes
    // only `market_lifecycle_v2` (https://docs.kalshi.com/websockets/market-and-event-lifecycle).
    {"market_lifecycle", "market_lifecycle_v2", "is the retired first lifecycle channel"},
    // The AsyncAPI marks multivariate lookups "Legacy ... Deprecated - predates RFQs"; multivariate markets'
    // lifecycle moved to its own channel (https://docs.kalshi.com/changelog).
    {"multivariate", "multivariate_market_lifecycle", "is the retired multivariate lookup channel (RFQs arrive on "
                                                      "`communications`)"},
};

// Per-second token budgets of https://docs.kalshi.com/getting_started/rate_limits. "Most requests cost the
// default of 10 tokens", so a budget of B tokens sustains B / 10 requests a second. A feed reads market data,
// so its `rate_limit_per_second` is held to the read bucket.
struct RateTier {
  std::string_view name;
  uint32_t read_tokens;
  uint32_t write_tokens;
};
inline constexpr RateTier k_rate_tiers[] = {
    {"basic", 200, 100},      {"advanced", 300, 300}, {"premier", 1000, 1000},
    {"paragon", 2000, 2000}, {"prime", 4000, 4000},
};
inline constexpr uint32_t k_default_request_tokens = 10;

inline constexpr uint32_t read_requests_per_second(const RateTier &tier) {
  return tier.read_tokens / k_default_request_tokens;
}

// The Kalshi host entry for `host` on `surface`, if it is one.
inline const Host *find_host(std::string_view host, Surface surface) {
  for (const Host &h : k_hosts)
    if (h.name == host && h.surface == surface) return &h;
  return nullptr;
}

// The Kalshi domain `host` is within, if any.
inline const Domain *domain_of(std::string_view host) {
  for (const Domain &d : k_domains)
    if (ssmd_feed::host_within(host, d.name)) return &d;
  return nullptr;
}

// The retired host entry for `host`, if it is one.
inline const RetiredHost *find_retired_host(std::string_view host) {
  for (const RetiredHost &h : k_retired_hosts)
    if (h.name == host) return &h;
  return nullptr;
}

// The tier a host belongs to, whatever the surface: a published host's, else its domain's.
inline std::optional<Tier> host_tier(std::string_view host) {
  for (const Host &h : k_hosts)
    if (h.name == host) return h.tier;
  if (const Domain *d = domain_of(host)) return d->tier;
  return std::nullopt;
}

} // namespace kalshi
