// The plugin work of one validation run: what to run, how to map its findings back to source, and the
// cache key of its inputs.
#pragma once

#include "core/diagnostic.hpp"
#include "validate/plugin_job.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ssmd {
class PluginManager;
namespace registry {
class Repository;
}
} // namespace ssmd

namespace ssmd::validate {

struct PlannedJob {
  PluginJob job;
  // Turns what the plugin reported into diagnostics at file:line:col.
  std::function<Diagnostics(const JobResult &)> map;
  std::string cache_key; // content hash of everything the job reads, plus the plugin and configuration
};

struct Plan {
  std::vector<PlannedJob> jobs;
  Diagnostics diagnostics;        // findings made while planning: missing or unusable plugins
  std::vector<std::string> files; // schema definition files that will be checked
};

// Plans every plugin job for a repository whose files are all loaded, with the plugins `plugins` discovered
// (the jobs call them later, so it must outlive them). `salt` goes into every cache key (configuration and
// ssmd version).
Plan plan_jobs(PluginManager &plugins, registry::Repository &repo, const std::string &salt);

} // namespace ssmd::validate
