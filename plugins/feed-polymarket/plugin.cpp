// The Polymarket feed validator: checks feeds whose `exchange:` is `polymarket`, and the environments that use
// them, against what Polymarket publishes about its CLOB WebSocket and REST APIs (see README.md for every rule
// and its source).
#include "polymarket_checks.hpp"
#include "polymarket_rules.hpp"

#include <ssmd/plugin.hpp>

namespace {

class PolymarketFeed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    polymarket::check_feed(feed, out);
  }
  void check_environment(const ssmd::Host &, const ssmd::Node &env, const ssmd::Node &feed,
                         ssmd::Diagnostics &out) override {
    polymarket::check_environment(env, feed, out);
  }
  std::vector<ssmd::Rule> rules() const override { return polymarket::rule::all(); }
};

} // namespace

SSMD_PLUGIN_MANIFEST_URL("feed-polymarket", "0.1.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/feed-polymarket/README.md",
                         SSMD_PROVIDES_FEED("polymarket"))
SSMD_PLUGIN_EXPORT(ssmd::feed<PolymarketFeed>("polymarket"))
