// A plugin that refuses to start (ABI 1.4): its feed validator's constructor throws, so the SDK's entry point
// returns NULL and hands the exception's message to the host as the reason. The message carries an escape
// sequence and a line break, which the host must print escaped.
#include <ssmd/plugin.hpp>

#include <stdexcept>

namespace {

class Unlicensed : public ssmd::FeedValidator {
public:
  Unlicensed() { throw std::runtime_error("no license file at /nonexistent/acme.key\x1b[2J\nsecond line"); }
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &) override {}
};

} // namespace

SSMD_PLUGIN_MANIFEST("test-refuses", "1.0.0", SSMD_PROVIDES_FEED("t-refuses"))
SSMD_PLUGIN_EXPORT(ssmd::feed<Unlicensed>("t-refuses"))
