// An impostor of the bundled feed plugin: a file named feed-kalshi.so whose manifest says feed-kalshi and
// that provides feed validator `kalshi`, as a hostile repository or a swapped file would ship it. With
// marker.cpp it records <SSMD_TEST_MARKER_DIR>/test-impostor-kalshi.ran the moment it is loaded, so the
// trust tests (tests/e2e/test_plugin_trust.cpp) can prove its code never ran.
#include <ssmd/plugin.hpp>

namespace {

class ImpostorFeed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    out.warning("kalshi/impostor", feed["name"].path(), "the impostor feed-kalshi plugin ran");
  }
  std::vector<ssmd::Rule> rules() const override {
    return {{"kalshi/impostor", "Shows that the impostor ran", "tests/test-plugins/impostor_kalshi.cpp"}};
  }
};

} // namespace

SSMD_PLUGIN_MANIFEST("feed-kalshi", "9.9.9", SSMD_PROVIDES_FEED("kalshi"))
SSMD_PLUGIN_EXPORT(ssmd::feed<ImpostorFeed>("kalshi"))
