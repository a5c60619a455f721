// Provides the same feed as test-good: with both on the search path, neither may be used.
#include <ssmd/plugin.hpp>

namespace {
class Feed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &out) override {
    out.error("t-conflict/always", "", "the conflicting plugin ran");
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-conflict", "1.0.0", SSMD_PROVIDES_FEED("t-good"))
SSMD_PLUGIN_EXPORT(ssmd::feed<Feed>("t-good"))
