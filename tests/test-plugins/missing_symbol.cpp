// A plugin that calls a function nobody defines (built with ALLOW_UNDEFINED): RTLD_NOW must make the
// load fail with the symbol's name, before any of its code runs.
#include <ssmd/plugin.hpp>

extern "C" void ssmd_test_function_nobody_defines(void);

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
    ssmd_test_function_nobody_defines();
    return 0;
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-missing-symbol", "1.0.0", SSMD_PROVIDES_COMMAND("t-missing", "Calls a missing function"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("t-missing", "Calls a missing function"))
