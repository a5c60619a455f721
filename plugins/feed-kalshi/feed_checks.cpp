// Checks a Kalshi feed document version by version. Fields the core rules own (presence, dates, names) are
// not repeated here: a missing field is skipped, not reported twice.
#include "kalshi_checks.hpp"
#include "kalshi_rules.hpp"

#include <ssmd_feed/text.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace kalshi {
namespace {

using ssmd::Diagnostics;
using ssmd::Node;

std::string_view scheme_of(Surface surface) { return surface == Surface::websocket ? "wss" : "https"; }
std::string_view name_of(Surface surface) { return surface == Surface::websocket ? "WebSocket" : "REST"; }
Surface other(Surface surface) { return surface == Surface::websocket ? Surface::rest : Surface::websocket; }

// "`a`, `b` (production) or `c`, `d` (demo)" for the hosts of one interface.
std::string hosts_of(Surface surface) {
  std::string production, demo;
  for (const Host &host : k_hosts) {
    if (host.surface != surface) continue;
    std::string &list = host.tier == Tier::production ? production : demo;
    list += (list.empty() ? "`" : ", `") + std::string(host.name) + "`";
  }
  return production + " (production) or " + demo + " (demo)";
}

std::string expected_url(Surface surface) {
  return surface == Surface::websocket ? "wss://<host>" + std::string(k_websocket_path)
                                       : "https://<host>" + std::string(k_rest_path);
}

void check_feed_type(const Node &feed, Diagnostics &out) {
  Node type = feed["type"];
  if (!type.is_scalar() || surface_of_type(type.str())) return;
  out.error(rule::feed_type, type.path(),
            "Kalshi feeds are of type `websocket` (" + expected_url(Surface::websocket) + ") or `rest` (" +
                expected_url(Surface::rest) + "); Kalshi publishes no other market-data interface");
}

void check_protocol(const Node &version, const ssmd_feed::Url &url, Diagnostics &out) {
  Node protocol = version["protocol"];
  if (protocol.is_scalar() && ssmd_feed::ascii_lower(protocol.str()) != url.scheme)
    out.error(rule::endpoint_scheme, protocol.path(),
              "protocol names the endpoint's scheme: `" + url.scheme + "` for this endpoint");
}

// Severity follows docs/plugins.md: a host outside Kalshi's domains, a retired host, a host of the other
// interface, credentials or a port are certainly wrong (errors); a host inside Kalshi's domains that this
// plugin does not list may be one Kalshi added since (a warning naming the hosts it knows).
void check_host(const ssmd_feed::Url &url, Surface surface, const std::string &path, Diagnostics &out) {
  if (url.has_userinfo) {
    // The userinfo text is never echoed: it may hold a password.
    out.error(rule::endpoint_host, path,
              "an endpoint carries no credentials: Kalshi authenticates with signed KALSHI-ACCESS-* headers, and "
              "keys belong under the environment's `keys:`");
    return;
  }
  if (!ssmd_feed::uses_default_tls_port(url)) {
    out.error(rule::endpoint_host, path, "Kalshi serves on the default port 443; write the endpoint without a port");
    return;
  }
  if (find_host(url.host, surface)) return;
  if (find_host(url.host, other(surface))) {
    out.error(rule::endpoint_host, path,
              "`" + url.host + "` serves Kalshi's " + std::string(name_of(other(surface))) + " API, not " +
                  std::string(name_of(surface)) + "; " + std::string(name_of(surface)) + " hosts are " +
                  hosts_of(surface));
    return;
  }
  if (const RetiredHost *retired = find_retired_host(url.host)) {
    out.error(rule::endpoint_host, path,
              "`" + url.host + "` is a retired Kalshi host; use `" + std::string(retired->replacement) + "`. Known " +
                  std::string(name_of(surface)) + " hosts are " + hosts_of(surface));
    return;
  }
  if (domain_of(url.host)) {
    out.warning(rule::endpoint_host, path,
                "`" + url.host + "` is inside Kalshi's domains but not a host this plugin knows; known " +
                    std::string(name_of(surface)) + " hosts are " + hosts_of(surface) +
                    ". If Kalshi published it after this plugin was written, the feed is fine");
    return;
  }
  out.error(rule::endpoint_host, path,
            "`" + url.host + "` is not a Kalshi host (Kalshi serves from kalshi.com and, for demo, kalshi.co); " +
                std::string(name_of(surface)) + " hosts are " + hosts_of(surface));
}

// The API version of a path `<prefix>v<N>`, or nullopt when the path is not of that shape.
std::optional<unsigned> path_version(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return std::nullopt;
  std::string_view rest = path.substr(prefix.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  return ssmd_feed::api_version_number(rest);
}

// A path of the known shape with a later API version is a warning (Kalshi may have released it); an earlier
// version is retired, and any other path is not Kalshi's: both errors.
void check_path(const ssmd_feed::Url &url, Surface surface, const std::string &path, Diagnostics &out) {
  if (url.has_query || url.has_fragment) {
    out.error(rule::endpoint_path, path,
              "an endpoint is a base URL without query or fragment: " + expected_url(surface));
    return;
  }
  const bool websocket = surface == Surface::websocket;
  const std::string_view known = websocket ? k_websocket_path : k_rest_path;
  if (url.path == known || (!websocket && url.path == std::string(k_rest_path) + "/")) return;
  const std::string what = websocket ? "WebSocket path" : "REST base path";
  // The REST prefix `/trade-api/` also starts the WebSocket path; `ws/v2` is not a version, so a WebSocket
  // path on a REST endpoint is never read as one.
  auto version = path_version(url.path, websocket ? k_websocket_path_prefix : k_rest_path_prefix);
  if (version && *version > k_api_version) {
    out.warning(rule::endpoint_path, path,
                ssmd_feed::quoted_value(url.path) + " names a Kalshi API version this plugin does not know; the known " + what +
                    " is `" + std::string(known) + "`. If Kalshi released v" + std::to_string(*version) +
                    " after this plugin was written, the feed is fine");
    return;
  }
  if (version) {
    out.error(rule::endpoint_path, path,
              ssmd_feed::quoted_value(url.path) + " names a retired Kalshi API version; Kalshi's " + what + " is `" +
                  std::string(known) + "`: " + expected_url(surface));
    return;
  }
  out.error(rule::endpoint_path, path,
            "Kalshi's " + what + " is `" + std::string(known) + "`: " + expected_url(surface));
}

// Checks the endpoint and returns the interface the version reaches, as far as it can be told.
std::optional<Surface> check_endpoint(const Node &version, std::optional<Surface> feed_surface, Diagnostics &out) {
  Node endpoint = version["endpoint"];
  if (!endpoint.is_scalar()) return feed_surface;
  auto url = ssmd_feed::parse_url(endpoint.str());
  if (!url) {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "an endpoint is an absolute URL: " + expected_url(Surface::websocket) + " for WebSocket or " +
                  expected_url(Surface::rest) + " for REST");
    return feed_surface;
  }
  auto surface = surface_of_scheme(url->scheme);
  if (!surface) {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "Kalshi serves WebSocket over `wss://` and REST over `https://` only, never `" + url->scheme + "://`");
    return feed_surface;
  }
  if (feed_surface && *surface != *feed_surface) {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "a " + std::string(feed_surface == Surface::websocket ? "websocket" : "rest") +
                  " feed's endpoints use `" + std::string(scheme_of(*feed_surface)) +
                  "://`: " + expected_url(*feed_surface));
    return feed_surface;
  }
  check_protocol(version, *url, out);
  check_host(*url, *surface, endpoint.path(), out);
  check_path(*url, *surface, endpoint.path(), out);
  return surface;
}

void check_auth(const Node &version, std::optional<Surface> surface, Diagnostics &out) {
  Node auth = version["auth_method"];
  if (surface == Surface::websocket && auth.str() != "api_key")
    out.error(rule::auth_method, auth.path(),
              "Kalshi WebSocket connections are signed with an API key: `auth_method: api_key`");
  if (surface == Surface::rest && auth.present() && auth.str() != "api_key" && auth.str() != "none")
    out.error(rule::auth_method, auth.path(),
              "Kalshi REST versions use `auth_method: api_key` (signed requests) or `none` (public market data only)");
}

void check_channels(const Node &version, std::optional<Surface> surface, Diagnostics &out) {
  Node channels = version["channels"];
  if (!channels.present()) return;
  if (surface == Surface::rest) {
    out.error(rule::channels_websocket_only, channels.path(),
              "channels are WebSocket subscriptions; a REST version (https://) lists none");
    return;
  }
  std::string published = ssmd_feed::backticked_list(k_channels);
  if (!channels.is_sequence()) {
    out.error(rule::channel_unknown, channels.path(), "channels is a list of Kalshi channel names: " + published);
    return;
  }
  for (auto &[index, item] : channels.items()) {
    std::string_view name = item.str();
    auto retired = std::find_if(std::begin(k_retired_channels), std::end(k_retired_channels),
                                [&](const RetiredChannel &r) { return r.name == name; });
    if (retired != std::end(k_retired_channels)) {
      out.error(rule::channel_legacy, item.path(),
                "`" + std::string(name) + "` " + std::string(retired->why) + "; subscribe to `" +
                    std::string(retired->replacement) + "`");
    } else if (std::find(std::begin(k_channels), std::end(k_channels), name) == std::end(k_channels)) {
      // Kalshi adds channels (`user_orders` arrived after v2 shipped): an unknown name may be a new one.
      out.warning(rule::channel_unknown, item.path(),
                  ssmd_feed::quoted_value(name) + " is not a Kalshi WebSocket channel this plugin knows; the known "
                                                  "channels are " + published);
    }
  }
}

std::string tier_title(std::string_view name) {
  std::string title(name);
  if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

void check_rate_limit(const Node &version, Diagnostics &out) {
  const RateTier *declared = nullptr;
  Node tier = version["rate_limit_tier"];
  if (tier.present()) {
    for (const RateTier &t : k_rate_tiers)
      if (t.name == tier.str()) declared = &t;
    if (!declared) {
      // Kalshi has added tiers before (Paragon, Prime): an unknown name may be a new one, and the rate is then
      // held to the highest tier this plugin knows.
      std::vector<std::string_view> names;
      for (const RateTier &t : k_rate_tiers) names.push_back(t.name);
      out.warning(rule::rate_limit_tier, tier.path(),
                  ssmd_feed::quoted_value(tier.str()) + " is not a Kalshi access tier this plugin knows; the known "
                                                        "tiers are " + ssmd_feed::backticked_list(names));
    }
  }
  Node rate = version["rate_limit_per_second"];
  if (!rate.present()) return;
  auto value = ssmd_feed::parse_whole_number(rate.str());
  if (!value || *value == 0) {
    out.error(rule::rate_limit, rate.path(), "rate_limit_per_second is a positive whole number of requests a second");
    return;
  }
  const RateTier &ceiling = declared ? *declared : std::end(k_rate_tiers)[-1];
  uint32_t allowed = read_requests_per_second(ceiling);
  if (*value <= allowed) return;
  std::string budget = "the " + tier_title(ceiling.name) + " tier allows " + std::to_string(allowed) +
                       " reads a second (" + std::to_string(ceiling.read_tokens) + " tokens at " +
                       std::to_string(k_default_request_tokens) + " a request)";
  out.error(rule::rate_limit, rate.path(),
            declared ? budget + "; use at most " + std::to_string(allowed) + " or declare a higher rate_limit_tier"
                     : budget + " and is Kalshi's highest; use at most " + std::to_string(allowed));
}

} // namespace

void check_feed(const Node &feed, Diagnostics &out) {
  check_feed_type(feed, out);
  std::optional<Surface> feed_surface = surface_of_type(feed["type"].str());
  Node versions = feed["versions"];
  if (!versions.is_sequence()) return;
  for (auto &[index, version] : versions.items()) {
    if (!version.is_map()) continue;
    std::optional<Surface> surface = check_endpoint(version, feed_surface, out);
    check_auth(version, surface, out);
    check_channels(version, surface, out);
    check_rate_limit(version, out);
  }
}

} // namespace kalshi
