// Provides `t-marker`. With marker.cpp's static constructor it shows exactly when the host loads it.
#include <ssmd/plugin.hpp>

#include <cstdio>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
    std::printf("marker plugin ran\n");
    return 0;
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-marker", "1.0.0", SSMD_PROVIDES_COMMAND("t-marker", "Proves when the marker plugin loads"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("t-marker", "Proves when the marker plugin loads"))
