// `ssmd validate`: the whole repository checked without reaching any external system.
//
//   discover plugin manifests (no dlopen) → load the repository (YAML with source marks) → core rules →
//   one plugin job per file and extension point (feed validator by `exchange:`, schema-format checker by
//   `format:`, secret backend by key-source prefix, the format's breaking-change check for every
//   `compatible_with:` claim) → run the jobs in supervised workers → map plugin document paths back to
//   file:line:col → one report.
//
// Results are cached in .ssmd/cache/validate.json keyed by content hashes, the plugin set and the
// configuration: a warm run over an unchanged repository reads the files and the cache, and parses nothing.
//
// check_all() is the same run on any repository, including one with an overlay: writing commands check the
// repository they are about to produce with it (validate/write_check.hpp).
#pragma once

#include "plugins/plugin_access.hpp"
#include "validate/report.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ssmd {
class Config;
namespace registry {
class Repository;
}
} // namespace ssmd

namespace ssmd::validate {

struct Options {
  bool use_cache = true;                     // --no-cache turns it off
  bool isolation = true;                     // --no-isolation runs plugins in process
  std::chrono::milliseconds timeout{10000};  // per plugin call, in isolation
  // --at REF: check the files of that commit, read from git's objects; the working tree and the cache
  // are neither read nor written.
  std::optional<std::string> at;
};

struct Outcome {
  Report report;
  // Plugins that crashed, hung or exited while checking a file ("plugin 'x' crashed with SIGSEGV while
  // checking exchanges/feeds/a.yaml"): an environment failure, exit 3. Also in the report as diagnostics.
  std::vector<std::string> plugin_failures;
  size_t jobs = 0;       // plugin jobs planned
  size_t jobs_run = 0;   // of which run (the rest came from the cache)
  bool from_cache = false; // the whole report came from the cache
  std::vector<std::string> warnings; // about the configuration (a rule that cannot be disabled), for stderr
};

class Cache;

// `ssmd validate` of the repository at `root`: the working tree, or the commit `options.at` names, checked and
// the cache saved.
Outcome validate_repository(PluginAccess access, const std::filesystem::path &root, const Options &options);

// Every rule `ssmd validate` runs (the core rules, every plugin job, `validate.disabled_rules`) on `repo`,
// whose files plugins read through repo.files(), the overlay included. Results come from and go to `cache`;
// the caller saves it. `options.at` and `options.use_cache` are not read: `repo` and `cache` decide them.
Outcome check_all(PluginAccess access, registry::Repository &repo, Cache &cache, const Options &options);

// `validate.plugin_timeout` from the configuration, else 10 s. Throws UsageError naming the setting's origin
// when it is not a number of seconds in (0, 3600].
std::chrono::milliseconds configured_plugin_timeout(Config &config);

// `plugins.network_timeout` from the configuration, else 300 s: how long a plugin call that reaches a network
// (a secret backend's resolve(), a storage backend's list() and fetch()) may stay silent before its worker is
// stopped. The plugins' own client timeouts (VAULT_CLIENT_TIMEOUT, `s3.timeout_ms`) normally end such a call
// first, with a better message. Throws UsageError as configured_plugin_timeout() does.
std::chrono::milliseconds configured_network_timeout(Config &config);

} // namespace ssmd::validate
