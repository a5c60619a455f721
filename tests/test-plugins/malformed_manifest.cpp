// A plugin whose manifest is malformed: its command summary holds an escape sequence that would clear the
// terminal of anyone running `ssmd --help`. The host must refuse it as invalid, never load it, and never
// print the summary.
#include <ssmd/plugin.hpp>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override { return 0; }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-malformed", "1.0.0", SSMD_PROVIDES_COMMAND("t-malformed", "Clear \x1b[2J the screen"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("t-malformed", "Clear \x1b[2J the screen"))
