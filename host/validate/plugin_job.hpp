// A unit of plugin work during validation: one plugin call about one file. Jobs are built in the host
// process, after the repository is parsed, and run either in process or in supervised worker processes
// (validate/isolated_runner.hpp) so that a plugin that crashes or hangs cannot take ssmd down.
#pragma once

#include <ssmd/plugin.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::validate {

struct PluginJob {
  std::string plugin;                          // the plugin whose code runs (jobs are grouped by it)
  std::string file;                            // repository-relative file being checked, for messages
  std::function<void(const ssmd_sink *)> run;  // calls the plugin, which reports through the sink
  size_t tag = 0;                              // the caller's own index, returned untouched
};

// A diagnostic as the plugin reported it, copied out of the borrowed ssmd_diagnostic.
struct PluginFinding {
  ssmd_severity severity = SSMD_SEVERITY_ERROR;
  std::string rule, message, path, file;
  uint32_t line = 0, column = 0;
};

struct JobResult {
  std::vector<PluginFinding> findings;
  // Set when the plugin did not finish the job: "crashed with SIGSEGV", "timed out after 10 s", ...
  std::optional<std::string> failure;
};

// Copies a borrowed diagnostic.
PluginFinding copy_finding(const ssmd_diagnostic &d);

// Runs the jobs in this process on all cores (--no-isolation, and the mode tests debug with).
std::vector<JobResult> run_in_process(const std::vector<PluginJob> &jobs, const std::function<void()> &on_job_done = {});

} // namespace ssmd::validate
