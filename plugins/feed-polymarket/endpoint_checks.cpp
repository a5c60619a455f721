// Where a Polymarket version connects (scheme, host, port, path) and how it authenticates.
#include "polymarket_checks.hpp"
#include "polymarket_rules.hpp"

#include <ssmd_feed/text.hpp>

#include <algorithm>
#include <string>

namespace polymarket {
namespace {

using ssmd::Diagnostics;
using ssmd::Node;

const std::string k_websocket_urls = "wss://" + std::string(k_websocket_host) + std::string(k_market_path) +
                                     " (public) or wss://" + std::string(k_websocket_host) +
                                     std::string(k_user_path) + " (authenticated)";

std::string rest_hosts() {
  std::string out;
  for (const RestHost &h : k_rest_hosts) out += (out.empty() ? "`" : ", `") + std::string(h.name) + "`";
  return out;
}

const RestHost *find_rest_host(std::string_view host) {
  for (const RestHost &h : k_rest_hosts)
    if (h.name == host) return &h;
  return nullptr;
}

bool is_base_path(std::string_view path) { return path.empty() || path == "/"; }

// Reports a host the interface does not publish; true when the host is one this plugin knows (so its path can
// be checked). Severity follows docs/plugins.md: a host outside polymarket.com, or a known host of the other
// interface, is an error; an unknown host inside polymarket.com is a warning naming the known hosts.
bool check_host(const ssmd_feed::Url &url, bool websocket, const std::string &path, Diagnostics &out) {
  if (url.has_userinfo) {
    // The userinfo text is never echoed: it may hold a password.
    out.error(rule::endpoint_host, path,
              "an endpoint carries no credentials: the user channel sends `apiKey`, `secret` and `passphrase` in its "
              "subscription message, from the environment's `keys:`");
    return false;
  }
  if (!ssmd_feed::uses_default_tls_port(url)) {
    out.error(rule::endpoint_host, path,
              "Polymarket serves on the default port 443; write the endpoint without a port");
    return false;
  }
  const bool inside = ssmd_feed::host_within(url.host, k_domain);
  if (websocket && url.host != k_websocket_host) {
    if (find_rest_host(url.host) || !inside)
      out.error(rule::endpoint_host, path,
                "`" + url.host + "` " +
                    (find_rest_host(url.host) ? "serves Polymarket's REST API" : "is not a Polymarket host") +
                    "; the CLOB WebSocket host is `" + std::string(k_websocket_host) + "`");
    else
      out.warning(rule::endpoint_host, path,
                  "`" + url.host + "` is inside polymarket.com but not a WebSocket host this plugin knows; the known "
                                   "host is `" + std::string(k_websocket_host) + "`, and its channels are not "
                                   "checked elsewhere");
    return false;
  }
  if (!websocket && !find_rest_host(url.host)) {
    if (url.host == k_websocket_host || !inside)
      out.error(rule::endpoint_host, path,
                "`" + url.host + "` " +
                    (url.host == k_websocket_host ? "serves WebSocket channels only" : "is not a Polymarket host") +
                    "; REST hosts are " + rest_hosts());
    else
      out.warning(rule::endpoint_host, path,
                  "`" + url.host + "` is inside polymarket.com but not a REST host this plugin knows; the known "
                                   "REST hosts are " + rest_hosts());
    return false;
  }
  return true;
}

// Reports a path the interface does not publish; true when the path is fine.
bool check_path(const ssmd_feed::Url &url, bool websocket, const std::string &path, Diagnostics &out) {
  if (url.has_query || url.has_fragment) {
    out.error(rule::endpoint_path, path, "an endpoint is a base URL without query or fragment");
    return false;
  }
  if (websocket && url.path != k_market_path && url.path != k_user_path) {
    std::string_view name = std::string_view(url.path).substr(std::min(url.path.size(), k_channel_path_prefix.size()));
    bool channel_shaped = url.path.starts_with(k_channel_path_prefix) && !name.empty() &&
                          name.find('/') == std::string_view::npos;
    if (channel_shaped)
      out.warning(rule::endpoint_path, path,
                  ssmd_feed::quoted_value(url.path) + " is not a CLOB WebSocket channel this plugin knows; the known "
                                                      "channels are " + k_websocket_urls);
    else
      out.error(rule::endpoint_path, path, "Polymarket's CLOB WebSocket channels are " + k_websocket_urls);
    return false;
  }
  if (!websocket && !is_base_path(url.path)) {
    out.error(rule::endpoint_path, path,
              "a REST endpoint is the API's base URL, `https://" + url.host + "`, without a path");
    return false;
  }
  return true;
}

} // namespace

std::optional<Interface> interface_of(const ssmd_feed::Url &url) {
  if (url.has_userinfo || !ssmd_feed::uses_default_tls_port(url) || url.has_query || url.has_fragment)
    return std::nullopt;
  if (url.scheme == "wss" && url.host == k_websocket_host) {
    if (url.path == k_market_path) return Interface::market_channel;
    if (url.path == k_user_path) return Interface::user_channel;
  }
  if (url.scheme == "https" && is_base_path(url.path))
    if (const RestHost *h = find_rest_host(url.host)) return h->interface;
  return std::nullopt;
}

std::optional<Interface> check_endpoint(const Node &feed, const Node &version, Diagnostics &out) {
  Node endpoint = version["endpoint"];
  if (!endpoint.is_scalar()) return std::nullopt;
  auto url = ssmd_feed::parse_url(endpoint.str());
  if (!url) {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "an endpoint is an absolute URL: " + k_websocket_urls + ", or https://<host> for " + rest_hosts());
    return std::nullopt;
  }
  if (url->scheme != "wss" && url->scheme != "https") {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "Polymarket serves WebSocket over `wss://` and REST over `https://` only, never `" + url->scheme +
                  "://`");
    return std::nullopt;
  }
  bool websocket = url->scheme == "wss";
  std::string_view type = feed["type"].str();
  if ((type == "websocket" && !websocket) || (type == "rest" && websocket)) {
    out.error(rule::endpoint_scheme, endpoint.path(),
              "a " + std::string(type) + " feed's endpoints use `" + (websocket ? "https" : "wss") + "://`");
    return std::nullopt;
  }
  Node protocol = version["protocol"];
  if (protocol.is_scalar() && ssmd_feed::ascii_lower(protocol.str()) != url->scheme)
    out.error(rule::endpoint_scheme, protocol.path(),
              "protocol names the endpoint's scheme: `" + url->scheme + "` for this endpoint");
  if (!check_host(*url, websocket, endpoint.path(), out) || !check_path(*url, websocket, endpoint.path(), out))
    return std::nullopt;
  return interface_of(*url);
}

void check_auth(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  if (!interface) return;
  Node auth = version["auth_method"];
  std::string_view value = auth.str();
  bool public_ok = !auth.present() || value == "none";
  switch (*interface) {
  case Interface::market_channel:
    if (!public_ok)
      out.error(rule::auth_method, auth.path(), "the market channel is public: `auth_method: none` (or none given)");
    break;
  case Interface::user_channel:
    if (value != "api_key")
      out.error(rule::auth_method, auth.path(),
                "the user channel authenticates with CLOB API credentials: `auth_method: api_key`");
    break;
  case Interface::clob_api:
    if (!public_ok && value != "api_key")
      out.error(rule::auth_method, auth.path(),
                "the CLOB uses `auth_method: api_key` (L2-signed requests) or `none` (public order books and prices)");
    break;
  case Interface::gamma_api:
  case Interface::data_api:
    if (!public_ok)
      out.error(rule::auth_method, auth.path(),
                "the Gamma and Data APIs are public: `auth_method: none` (or none given)");
    break;
  }
}

} // namespace polymarket
