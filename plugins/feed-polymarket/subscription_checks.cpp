// What a Polymarket version subscribes to: event names (`channels:`), the custom-feature switch, and the
// identifiers it subscribes by (`assets:` for the market channel, `markets:` for the user channel).
#include "polymarket_checks.hpp"
#include "polymarket_ids.hpp"
#include "polymarket_rules.hpp"

#include <ssmd_feed/text.hpp>

#include <algorithm>
#include <span>
#include <string>

namespace polymarket {
namespace {

using ssmd::Diagnostics;
using ssmd::Node;

bool contains(std::span<const std::string_view> list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

const std::string k_market_url = "wss://" + std::string(k_websocket_host) + std::string(k_market_path);
const std::string k_user_url = "wss://" + std::string(k_websocket_host) + std::string(k_user_path);

std::string market_events() {
  return "the market channel publishes " + ssmd_feed::backticked_list(k_market_events) +
         ", and with `custom_feature_enabled: true` " + ssmd_feed::backticked_list(k_custom_market_events);
}
std::string user_events() { return "the user channel publishes " + ssmd_feed::backticked_list(k_user_events); }

void check_market_event(const Node &item, bool custom_enabled, Diagnostics &out) {
  std::string_view name = item.str();
  if (contains(k_market_events, name)) return;
  if (contains(k_custom_market_events, name)) {
    if (!custom_enabled)
      out.error(rule::custom_feature, item.path(),
                "`" + std::string(name) + "` arrives only with custom features: set `custom_feature_enabled: true` on "
                                          "this version");
    return;
  }
  if (contains(k_user_events, name))
    out.error(rule::channel_unknown, item.path(),
              "`" + std::string(name) + "` is a user-channel event (" + k_user_url + "); " + market_events());
  else
    // Polymarket adds events (the custom ones arrived later): an unknown name may be a new one.
    out.warning(rule::channel_unknown, item.path(),
                ssmd_feed::quoted_value(name) + " is not a market-channel event this plugin knows; " + market_events());
}

void check_user_event(const Node &item, Diagnostics &out) {
  std::string_view name = item.str();
  if (contains(k_user_events, name)) return;
  if (contains(k_market_events, name) || contains(k_custom_market_events, name))
    out.error(rule::channel_unknown, item.path(),
              "`" + std::string(name) + "` is a market-channel event (" + k_market_url + "); " + user_events());
  else
    out.warning(rule::channel_unknown, item.path(),
                ssmd_feed::quoted_value(name) + " is not a user-channel event this plugin knows; " + user_events());
}

void check_channels(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  Node channels = version["channels"];
  if (!channels.present()) return;
  if (interface && !is_websocket(*interface)) {
    out.error(rule::channels_websocket_only, channels.path(),
              "channels are WebSocket events; a REST version (https://) lists none");
    return;
  }
  if (!channels.is_sequence()) {
    out.error(rule::channel_unknown, channels.path(),
              "channels is a list of event names: " + market_events() + "; " + user_events());
    return;
  }
  bool custom_enabled = version["custom_feature_enabled"].str() == "true";
  for (auto &[index, item] : channels.items()) {
    if (interface == Interface::market_channel) {
      check_market_event(item, custom_enabled, out);
    } else if (interface == Interface::user_channel) {
      check_user_event(item, out);
    } else if (!contains(k_market_events, item.str()) && !contains(k_custom_market_events, item.str()) &&
               !contains(k_user_events, item.str())) {
      // The endpoint did not say which channel; the name is still checked against both.
      out.warning(rule::channel_unknown, item.path(),
                  ssmd_feed::quoted_value(item.str()) + " is not a Polymarket WebSocket event this plugin knows; " +
                      market_events() + "; " + user_events());
    }
  }
}

void check_custom_feature_flag(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  Node flag = version["custom_feature_enabled"];
  if (!flag.present()) return;
  if (flag.str() != "true" && flag.str() != "false")
    out.error(rule::custom_feature, flag.path(), "custom_feature_enabled is `true` or `false`");
  else if (interface && *interface != Interface::market_channel)
    out.error(rule::custom_feature, flag.path(),
              "custom_feature_enabled applies only to the market channel (" + k_market_url + ")");
}

std::string asset_id_message(std::string_view id, AssetIdProblem problem) {
  std::string quoted = ssmd_feed::quoted_value(id);
  switch (problem) {
  case AssetIdProblem::leading_zero:
    return quoted + " has a leading zero; asset ids are written in canonical decimal, as Polymarket sends them";
  case AssetIdProblem::too_large:
    return quoted + " is larger than 2^256-1, the largest uint256 an ERC-1155 token id can be";
  default:
    return quoted + " is not an asset id: asset (token) ids are ERC-1155 token ids written in decimal digits, "
                    "0 to 2^256-1";
  }
}

void check_assets(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  Node assets = version["assets"];
  if (!assets.present()) return;
  if (interface == Interface::user_channel) {
    out.error(rule::subscription_field, assets.path(),
              "the user channel subscribes by condition id under `markets:`; asset ids (`assets:`) belong to the "
              "market channel");
    return;
  }
  if (!assets.is_sequence()) {
    out.error(rule::asset_id, assets.path(), "assets is a list of asset (token) ids, each a uint256 in decimal");
    return;
  }
  for (auto &[index, item] : assets.items())
    if (AssetIdProblem problem = asset_id_problem(item.str()); problem != AssetIdProblem::none)
      out.error(rule::asset_id, item.path(), asset_id_message(item.str(), problem));
}

void check_markets(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  Node markets = version["markets"];
  if (!markets.present()) return;
  if (interface == Interface::market_channel) {
    out.error(rule::subscription_field, markets.path(),
              "the market channel subscribes by asset id under `assets:`; condition ids (`markets:`) belong to the "
              "user channel");
    return;
  }
  if (!markets.is_sequence()) {
    out.error(rule::condition_id, markets.path(), "markets is a list of condition ids, each 0x and 64 hex digits");
    return;
  }
  for (auto &[index, item] : markets.items())
    if (!is_condition_id(item.str()))
      out.error(rule::condition_id, item.path(),
                ssmd_feed::quoted_value(item.str()) + " is not a condition id: 0x followed by 64 hex digits (a "
                                                      "bytes32)");
}

} // namespace

void check_subscription(const Node &version, std::optional<Interface> interface, Diagnostics &out) {
  check_custom_feature_flag(version, interface, out);
  check_channels(version, interface, out);
  check_assets(version, interface, out);
  check_markets(version, interface, out);
}

} // namespace polymarket
