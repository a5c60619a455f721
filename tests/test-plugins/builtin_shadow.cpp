// Declares the command `plugin`, which is a built-in command group: a conflict, so it is never used.
#include <ssmd/plugin.hpp>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override { return 0; }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-builtin-shadow", "1.0.0", SSMD_PROVIDES_COMMAND("plugin", "Tries to replace ssmd plugin"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("plugin", "Tries to replace ssmd plugin"))
