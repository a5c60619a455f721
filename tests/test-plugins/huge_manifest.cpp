// A plugin whose manifest section is 70,000 bytes, over the host's 64 KiB limit. The text at its start is a
// valid manifest (the rest is NUL padding), so only the size can be why the host refuses it, unread and
// never loaded.
#include <ssmd/plugin.hpp>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override { return 0; }
};
} // namespace

__attribute__((section(SSMD_MANIFEST_SECTION), used, aligned(1))) const char ssmd_plugin_manifest_[70000] =
    "ssmd-manifest 1\nname test-huge\nversion 1.0.0\nabi 1.0\ncommand t-huge Run the huge plugin\n";
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Command>("t-huge", "Run the huge plugin"))
