// Provides `t-echo`, which shows what the host passed: argv, the repository root and the host version.
// `--help` prints the plugin's own help; `--exit N` returns N.
#include <ssmd/plugin.hpp>

#include <cstdio>
#include <cstdlib>

namespace {
class Echo : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &host, const std::vector<std::string> &args) override {
    for (size_t i = 1; i < args.size(); ++i)
      if (args[i] == "--help") {
        std::printf("Usage: ssmd t-echo [ARG...] [--exit N]\nhelp from the test-command plugin\n");
        return 0;
      }
    for (size_t i = 0; i < args.size(); ++i) std::printf("argv[%zu]=%s\n", i, args[i].c_str());
    std::string root(host.repo_root());
    std::string version(ssmd::from_c(host.raw()->ssmd_version));
    std::printf("repo_root=%s\nversion=%s\n", root.c_str(), version.c_str());
    for (size_t i = 1; i + 1 < args.size(); ++i)
      if (args[i] == "--exit") return std::atoi(args[i + 1].c_str());
    return 0;
  }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-command", "0.9.0", SSMD_PROVIDES_COMMAND("t-echo", "Echo what the host passes to a plugin"))
SSMD_PLUGIN_EXPORT(ssmd::subcommand<Echo>("t-echo", "Echo what the host passes to a plugin"))
