// Walks a Polymarket feed: the feed's type, then each version's endpoint, authentication and subscription.
// Fields the core rules own (presence, dates, names) are not repeated: a missing field is skipped.
#include "polymarket_checks.hpp"
#include "polymarket_rules.hpp"

namespace polymarket {

void check_feed(const ssmd::Node &feed, ssmd::Diagnostics &out) {
  ssmd::Node type = feed["type"];
  if (type.is_scalar() && type.str() != "websocket" && type.str() != "rest")
    out.error(rule::feed_type, type.path(),
              "Polymarket feeds are of type `websocket` (wss://" + std::string(k_websocket_host) +
                  "/ws/market or /ws/user) or `rest` (the CLOB, Gamma and Data APIs over https://)");
  ssmd::Node versions = feed["versions"];
  if (!versions.is_sequence()) return;
  for (auto &[index, version] : versions.items()) {
    if (!version.is_map()) continue;
    std::optional<Interface> interface = check_endpoint(feed, version, out);
    check_auth(version, interface, out);
    check_subscription(version, interface, out);
  }
}

} // namespace polymarket
