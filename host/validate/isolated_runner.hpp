// Runs plugin jobs in supervised worker processes: a few forks per plugin (not one per file, so the cost
// stays small), each working through its share of the jobs and streaming findings and records back over a
// pipe. A worker that crashes, exits or exceeds the per-call timeout is reaped, the job it was on is
// reported as failed with the signal or timeout, and a fresh worker takes over the rest of its share.
//
// Every command that calls plugin code goes through here (`validate` and the checks of writing commands,
// `schema show|breaking`, `env check-keys|run`, the storage calls of `data ...`, the publisher calls of
// `publish`), so a plugin fault is a diagnostic and exit 3 in all of them, never ssmd dying.
//
// Workers are forked from the calling thread after the repository is parsed, so they see the documents
// through copy-on-write memory; plugins are loaded inside the workers, so even a plugin whose static
// constructor crashes cannot take ssmd down. A worker loads a plugin from the descriptor discovery opened and
// checked in this process, which it inherits across fork (plugins/plugin_file.hpp), never by its path, so
// what a worker runs is what the lock's hash was computed on. Each worker:
//   - leads its own process group, which is killed whole when the worker ends or times out, so processes
//     a plugin starts do not outlive it (one that leaves the group on purpose, with setsid, is not chased);
//   - dies with ssmd (PR_SET_PDEATHSIG), so a killed ssmd leaves no worker behind;
//   - writes its standard output to ssmd's standard error: a plugin that prints cannot corrupt `--format
//     json` or any other output of ssmd's;
//   - cannot dump core (RLIMIT_CORE 0, PR_SET_DUMPABLE 0): a crash leaves no core file in the repository
//     and no image of the memory that held secret values.
// The supervisor wipes every byte it reads from a worker once it is decoded (records may carry secret
// values; see JobResult::records).
#pragma once

#include "validate/plugin_job.hpp"

#include <chrono>
#include <functional>

namespace ssmd::validate {

struct IsolationOptions {
  std::chrono::milliseconds timeout{10000}; // per plugin call
  // When true, the timeout runs from the worker's last output instead of from the start of the call: for
  // calls that stream results over a network (a storage fetch), where only silence means a hang.
  bool timeout_from_last_output = false;
  size_t workers_per_plugin = 0;            // 0: one per core
  // Called in this process each time a job ends, well or not (for a progress line).
  std::function<void()> on_job_done;
  // Called in this process for each record a job writes, with the job's index (for a progress line).
  std::function<void(size_t job, const secrets::SecretBytes &record)> on_record;
};

std::vector<JobResult> run_isolated(const std::vector<PluginJob> &jobs, const IsolationOptions &options);

// One job in one worker: what a command uses for a single plugin call.
JobResult run_isolated(PluginJob job, const IsolationOptions &options);

// "SIGSEGV" for 11, and so on.
std::string signal_name(int signal);

} // namespace ssmd::validate
