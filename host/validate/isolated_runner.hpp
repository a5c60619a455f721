// Runs plugin jobs in supervised worker processes: a few forks per plugin (not one per file, so the cost
// stays small), each working through its share of the jobs and streaming findings back over a pipe. A
// worker that crashes, exits or exceeds the per-call timeout is reaped, the job it was on is reported as
// failed with the signal or timeout, and a fresh worker takes over the rest of its share.
//
// Workers are forked from the calling thread after the repository is parsed, so they see the documents
// through copy-on-write memory; plugins are loaded inside the workers, so even a plugin whose static
// constructor crashes cannot take ssmd down. A worker loads a plugin from the descriptor discovery opened and
// checked in this process, which it inherits across fork (plugins/plugin_file.hpp), never by its path, so
// what a worker runs is what the lock's hash was computed on.
#pragma once

#include "validate/plugin_job.hpp"

#include <chrono>
#include <functional>

namespace ssmd::validate {

struct IsolationOptions {
  std::chrono::milliseconds timeout{10000}; // per plugin call
  size_t workers_per_plugin = 0;            // 0: one per core
  // Called in this process each time a job ends, well or not (for a progress line).
  std::function<void()> on_job_done;
};

std::vector<JobResult> run_isolated(const std::vector<PluginJob> &jobs, const IsolationOptions &options);

// "SIGSEGV" for 11, and so on.
std::string signal_name(int signal);

} // namespace ssmd::validate
