// A plugin whose manifest claims this SDK's plugin ABI while its code hands the host a table built for major version 99.
// Only loading can reveal it: the host must then refuse the plugin before calling any of its functions.
#include <ssmd/plugin.hpp>

#include <cstdio>

namespace {
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
    std::printf("the ABI liar ran\n");
    return 0;
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-abi-liar", "1.0.0", SSMD_PROVIDES_COMMAND("t-abi-liar", "Run the ABI liar"))

extern "C" __attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *) {
  static const ssmd::detail::PluginBuilder honest(
      ssmd_plugin_manifest_, ssmd::components(ssmd::subcommand<Command>("t-abi-liar", "Run the ABI liar")));
  static const ssmd_plugin lie = [] {
    ssmd_plugin table = *honest.get();
    table.abi_major = 99;
    return table;
  }();
  return &lie;
}
