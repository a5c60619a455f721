// A unit of plugin work: one plugin call about one file (validation), or one call a command makes (a
// schema's fingerprint, a key's resolution, a storage listing). Jobs are built in the host process and run
// in supervised worker processes (validate/isolated_runner.hpp), so that a plugin that crashes or hangs
// cannot take ssmd down; `ssmd validate --no-isolation` runs them in process.
#pragma once

#include "secrets/secret_bytes.hpp"

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
  // Calls the plugin, which reports findings through `sink`. What else the job produces (a fingerprint,
  // resolved values) it writes to `out`, one record per write() call, for the caller to decode.
  std::function<void(const ssmd_sink *sink, const ssmd_bytes_sink *out)> run;
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
  // The job's records, in the order written. Held in SecretBytes, wiped when released: a record may carry
  // a secret value from a worker to the host.
  std::vector<secrets::SecretBytes> records;
  // Set when the plugin did not finish the job: "crashed with SIGSEGV", "timed out after 10 s", ...
  std::optional<std::string> failure;
};

// Copies a borrowed diagnostic.
PluginFinding copy_finding(const ssmd_diagnostic &d);

// Runs the jobs in this process on all cores (--no-isolation, and the mode tests debug with).
std::vector<JobResult> run_in_process(const std::vector<PluginJob> &jobs, const std::function<void()> &on_job_done = {});

} // namespace ssmd::validate
