// The Kalshi feed validator: checks feeds whose `exchange:` is `kalshi`, and the environments that use them,
// against what Kalshi publishes about its Trade API v2 (see README.md for every rule and its source).
#include "kalshi_checks.hpp"
#include "kalshi_rules.hpp"

#include <ssmd/plugin.hpp>

namespace {

class KalshiFeed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    kalshi::check_feed(feed, out);
  }
  void check_environment(const ssmd::Host &, const ssmd::Node &env, const ssmd::Node &feed,
                         ssmd::Diagnostics &out) override {
    kalshi::check_environment(env, feed, out);
  }
  std::vector<ssmd::Rule> rules() const override { return kalshi::rule::all(); }
};

} // namespace

SSMD_PLUGIN_MANIFEST_URL("feed-kalshi", "0.1.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/feed-kalshi/README.md",
                         SSMD_PROVIDES_FEED("kalshi"))
SSMD_PLUGIN_EXPORT(ssmd::feed<KalshiFeed>("kalshi"))
