// A plugin whose manifest claims plugin ABI 99.0: the host must refuse it without opening it.
#include <ssmd/plugin.hpp>

namespace {
class Feed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &) override {}
};
} // namespace

// Written out by hand: SSMD_PLUGIN_MANIFEST always states the SDK's own ABI version.
__attribute__((section(SSMD_MANIFEST_SECTION), used, aligned(1))) const char ssmd_plugin_manifest_[] =
    "ssmd-manifest 1\nname test-abi99\nversion 1.0.0\nabi 99.0\nprovides feed t-abi99\n"
    "command t-abi99 A command of the ABI 99 plugin\n";
SSMD_PLUGIN_EXPORT(ssmd::feed<Feed>("t-abi99"))
