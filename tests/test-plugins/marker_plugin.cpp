// Provides `t-marker`. With marker.cpp's static constructor it shows exactly when the host loads it.
// Built twice: as test-marker, and (SSMD_TEST_IMPOSTOR) as an impostor with the same manifest and file name
// whose bytes and marker differ, for the tests that swap one for the other under a --locked run.
#include <ssmd/plugin.hpp>

#include <cstdio>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
#ifdef SSMD_TEST_IMPOSTOR
    std::printf("impostor of the marker plugin ran\n");
#else
    std::printf("marker plugin ran\n");
#endif
    return 0;
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-marker", "1.0.0", SSMD_PROVIDES_COMMAND("t-marker", "Proves when the marker plugin loads"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("t-marker", "Proves when the marker plugin loads"))
