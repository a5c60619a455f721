// Its manifest declares feed `t-liar` and command `t-liar`, but its code also registers feed
// `t-undeclared`: the host must refuse it after loading.
#include <ssmd/plugin.hpp>

namespace {
class Declared : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &) override {}
};
class Undeclared : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &) override {}
};
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override { return 0; }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-liar", "1.0.0",
                     SSMD_PROVIDES_FEED("t-liar") SSMD_PROVIDES_COMMAND("t-liar", "Run the lying plugin"))
SSMD_PLUGIN_EXPORT(ssmd::feed<Declared>("t-liar"), ssmd::feed<Undeclared>("t-undeclared"),
                   ssmd::subcommand<Command>("t-liar", "Run the lying plugin"))
