#include "validate/write_check.hpp"

#include "cli/context.hpp"
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
  Context *ctx;
  Options options;
  std::unique_ptr<Cache> cache;
  std::set<std::string> warned; // configuration warnings already printed
};

} // namespace

registry::Checker write_checker(Context &ctx) {
  auto state = std::make_shared<State>();
  state->ctx = &ctx;
  return [state](registry::Repository &repo) {
    Context &ctx = *state->ctx;
    if (!state->cache) {
      state->options.timeout = configured_plugin_timeout(ctx);
      state->cache = std::make_unique<Cache>(state_dir(ctx.repo_root(), "cache") / "validate.json", true);
    }
    Outcome outcome = check_all(ctx, repo, *state->cache, state->options);
    for (const auto &warning : outcome.warnings)
      if (state->warned.insert(warning).second) std::cerr << "ssmd: warning: " << warning << "\n";
    if (!outcome.plugin_failures.empty()) {
      std::string message;
      for (const auto &failure : outcome.plugin_failures) message += (message.empty() ? "" : "; ") + failure;
      throw EnvironmentError(message + "; the change cannot be checked, so nothing was written");
    }
    // A run answered whole from the cache used only its own entries; saving then would drop the rest.
    if (!outcome.from_cache) state->cache->save();
    // No installed plugin provides a format (or an exchange, a key source): its rules do not exist here, so
    // they cannot refuse a write. The write warns; `ssmd validate` keeps reporting the error for CI.
    for (auto &d : outcome.report.diagnostics) {
      if (d.rule != "plugin/missing" || d.severity != Severity::Error) continue;
      d.severity = Severity::Warning;
      d.message += " (`ssmd validate` reports this as an error)";
    }
    return std::move(outcome.report.diagnostics);
  };
}

} // namespace ssmd::validate
