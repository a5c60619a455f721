#include "validate/write_check.hpp"

#include "core/errors.hpp"
#include "core/state_dir.hpp"
#include "validate/cache.hpp"
#include "validate/engine.hpp"

#include <iostream>
#include <memory>
#include <set>

namespace ssmd::validate {

namespace {

// One cache for both runs of a write, so validate.json is read once.
struct State {
  PluginAccess access;
  std::filesystem::path root;
  Options options;
  std::unique_ptr<Cache> cache;
  std::set<std::string> warned; // configuration warnings already printed
};

} // namespace

registry::Checker write_checker(PluginAccess access, const std::filesystem::path &root) {
  auto state = std::make_shared<State>(State{access, root, {}, nullptr, {}});
  return [state](registry::Repository &repo) {
    if (!state->cache) {
      state->options.timeout = configured_plugin_timeout(state->access.config);
      state->cache = std::make_unique<Cache>(state_dir(state->root, "cache") / "validate.json", true);
    }
    Outcome outcome = check_all(state->access, repo, *state->cache, state->options);
    for (const auto &warning : outcome.warnings)
      if (state->warned.insert(warning).second) std::cerr << "ssmd: warning: " << warning << "\n";
    if (!outcome.plugin_failures.empty()) {
      std::string message;
      for (const auto &failure : outcome.plugin_failures) message += (message.empty() ? "" : "; ") + failure;
      throw EnvironmentError(message + "; the change cannot be checked, so nothing was written");
    }
    // A run answered whole from the cache used only its own entries; saving then would drop the rest.
    if (!outcome.from_cache) state->cache->save();
    return std::move(outcome.report.diagnostics);
  };
}

} // namespace ssmd::validate
