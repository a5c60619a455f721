// Its manifest declares secret backend `t-disagree` and command `t-disagree`, but its code registers a storage
// backend `t-disagree` and the command only: what `ssmd plugin check` must catch before ssmd ever meets it.
#include <ssmd/plugin.hpp>

namespace {
class Storage : public ssmd::StorageBackend {
public:
  ssmd_status list(const ssmd::Host &, std::string_view, const std::function<void(std::string_view, uint64_t)> &,
                   ssmd::Diagnostics &) override {
    return SSMD_OK;
  }
  ssmd_status fetch(const ssmd::Host &, const std::vector<std::string_view> &, uint64_t,
                    const std::function<void(size_t, const ssmd::FetchResult &)> &, ssmd::Diagnostics &) override {
    return SSMD_OK;
  }
};
class Command : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override { return 0; }
};
} // namespace

SSMD_PLUGIN_MANIFEST("test-disagree", "1.0.0",
                     SSMD_PROVIDES_SECRET("t-disagree") SSMD_PROVIDES_COMMAND("t-disagree", "Run the disagreeing plugin"))
SSMD_PLUGIN_EXPORT(ssmd::storage_backend<Storage>("t-disagree"),
                   ssmd::subcommand<Command>("t-disagree", "Run the disagreeing plugin"))
