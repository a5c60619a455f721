#include "registry/file_errors.hpp"

#include "registry/check.hpp"

#include <algorithm>

namespace ssmd::registry {

namespace {
Diagnostics errors_only(Diagnostics all) {
  std::erase_if(all, [](const Diagnostic &d) { return d.severity != Severity::Error; });
  return all;
}
} // namespace

// A file that did not load has its loader's findings already; its name rules would only repeat them.
Diagnostics feed_errors(const LoadedFeed &feed) {
  Diagnostics all = feed.diagnostics;
  if (feed.model) check_own_name(feed, all);
  check_feed(feed, all);
  return errors_only(std::move(all));
}

Diagnostics environment_errors(Repository &repo, const LoadedEnvironment &env) {
  Diagnostics all = env.diagnostics;
  if (env.model) check_own_name(env, all);
  check_environment(repo, env, all);
  return errors_only(std::move(all));
}

} // namespace ssmd::registry
