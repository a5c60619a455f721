#include "validate/engine.hpp"

#include "core/progress.hpp"
#include "config/config.hpp"
#include "files/tree_reader.hpp"
#include "git/commit_reader.hpp"
#include "core/errors.hpp"
#include "core/file_size_limit.hpp"
#include "core/local_secret.hpp"
#include "core/file_lock.hpp"
#include "core/sha256.hpp"
#include "core/state_dir.hpp"
#include "plugins/plugin_manager.hpp"
#include "registry/check.hpp"
#include "registry/repository.hpp"
#include "validate/cache.hpp"
#include "validate/host_rules.hpp"
#include "validate/isolated_runner.hpp"
#include "validate/job_plan.hpp"
#include "validate/rule_severities.hpp"
#include "validate/team_settings_check.hpp"
#include "version.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace ssmd::validate {

namespace {

// A file's identity without reading it: a rebuild or a replacement changes its size, mtime or inode.
std::string file_identity(const char *path) {
  struct stat st {};
  if (::stat(path, &st) != 0) return "unknown";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_ino);
}

// A configuration value with everything it holds: a list such as `acme.import_paths` can change
// (`--import-path`, an edited entry) without moving in the file, so its position would not tell.
std::string value_text(const yaml::Node &node) {
  if (node.is_scalar()) return node.scalar();
  std::string out = node.is_map() ? "{" : "[";
  for (size_t i = 0; i < node.size(); ++i) {
    std::string item = node.at(i) ? value_text(*node.at(i)) : "";
    if (node.is_map()) out += std::to_string(node.key_at(i).size()) + ":" + node.key_at(i) + "=";
    out += std::to_string(item.size()) + ":" + item + ",";
  }
  return out + (node.is_map() ? "}" : "]");
}

// What, besides the files, decides the result: the ssmd binary (a rebuild with the same version string
// may change a core rule, so the version alone is not enough), every plugin's identity and status (an
// allowlist or lock changes which rules run), and the effective configuration (plugins read it).
std::string run_salt(PluginAccess access) {
  Sha256 h;
  // Everything below can be known to whoever commits a forged `.ssmd/cache/validate.json`; the user's own
  // secret cannot (core/local_secret.hpp), so only entries this user's ssmd wrote ever match.
  h.field(local_cache_secret());
  h.field(kVersion);
  // /proc/self/exe names the running binary itself, wherever it was started from.
  h.field(file_identity("/proc/self/exe"));
  for (const auto &info : access.plugins.plugins()) {
    h.field(info.manifest.name).field(info.manifest.version).field(plugin_status_name(info.status));
    h.field(file_identity(info.path.c_str()));
  }
  for (const auto &[key, value] : access.config.effective()) {
    h.field(key).field(value_text(*value.node));
  }
  return h.hex();
}

// Every file under exchanges/ with its bytes: the key of a whole run. Reading is cheap; parsing is not.
std::string tree_digest(const files::TreeReader &files, std::vector<std::string> &yaml_files) {
  Sha256 h;
  for (const auto &f : files.list_files("exchanges", true)) {
    std::optional<std::string> bytes;
    try {
      bytes = files.read(f);
    } catch (const FileTooLarge &e) {
      // Refused unread: the loader reports it, with the size, so the size is part of the key.
      bytes = std::string("\0too large ", 11) + std::to_string(e.size);
    } catch (const EnvironmentError &) {
      // Unreadable now: the loader reports it; the digest only has to differ from a readable file's.
    }
    h.field(f).field(bytes ? *bytes : std::string("\0unreadable", 11));
    if (f.size() > 5 && f.ends_with(".yaml")) yaml_files.push_back(f);
  }
  return h.hex();
}

// The names a top-level section of ssmd.yaml may have for a plugin: every discovered plugin's name and the
// names it provides (`capnp`, `s3`), whatever its status, so a restricted plugin set does not turn a
// section into an unknown key.
std::set<std::string> plugin_sections(PluginManager &plugins) {
  std::set<std::string> out;
  try {
    for (const auto &info : plugins.plugins()) {
      out.insert(info.manifest.name);
      for (const auto &p : info.manifest.provides) out.insert(p.name);
    }
  } catch (const EnvironmentError &) {
    // Discovery failed: the run reports it elsewhere; every plugin section is then unknown here.
  }
  return out;
}

// The team settings file of the files being checked (the working tree's, or a commit's under --at), with
// its findings; empty when there is none.
struct TeamSettingsFile {
  std::optional<std::string> text;
  Diagnostics findings;
};
TeamSettingsFile team_settings_file(PluginManager &plugins, const files::TreeReader &files) {
  TeamSettingsFile out;
  try {
    out.text = files.read(kTeamSettingsFileName);
  } catch (const EnvironmentError &e) {
    out.findings.push_back(Diagnostic{kTeamSettingsFileName, 1, 1, Severity::Error, "io/read", e.what()});
    return out;
  }
  if (!out.text) return out;
  std::set<std::string, std::less<>> core_ids;
  for (const auto &r : host_rules()) core_ids.emplace(r.id);
  out.findings = check_team_settings(kTeamSettingsFileName, *out.text, plugin_sections(plugins), core_ids);
  return out;
}

Diagnostics file_entries(const std::vector<std::string> &files) {
  Diagnostics out;
  for (const auto &f : files) out.push_back(Diagnostic{f, 0, 0, Severity::Info, "", ""});
  return out;
}

} // namespace

Outcome validate_repository(PluginAccess access, const fs::path &root, const Options &options) {
  // At a commit nothing in the working tree is read or written, the cache included.
  bool use_cache = options.use_cache && !options.at;
  fs::path cache_dir = root / ".ssmd" / "cache";
  if (use_cache) {
    try {
      cache_dir = state_dir(root, "cache");
    } catch (const EnvironmentError &e) {
      // A `.ssmd` that is a link or a file: validate without a cache rather than read or write through it.
      std::cerr << "ssmd: warning: " << e.what() << "; validating without the cache\n";
      use_cache = false;
    }
  }
  registry::Repository repo = options.at ? registry::Repository(root, git::commit_reader(root, *options.at))
                                         : registry::Repository(root);
  Cache cache(cache_dir / "validate.json", use_cache);
  Outcome outcome = check_all(access, repo, cache, options);
  // A warm run found everything in the cache already, the run's own entries included. The cache is saved
  // under the repository lock, as writers save it (registry/change.hpp), so that a writer may remove any
  // temporary of validate.json it finds as one a killed process left. A lock held by a writer for longer
  // than a moment only costs this run its cache entries.
  if (!outcome.from_cache && use_cache) {
    try {
      FileLock lock(state_dir(root) / "lock", std::chrono::milliseconds(500), "repository is locked");
      cache.save();
    } catch (const EnvironmentError &) {
    }
  }
  return outcome;
}

Outcome check_all(PluginAccess access, registry::Repository &repo, Cache &cache, const Options &options) {
  Outcome outcome;
  outcome.report.rules = host_rules();
  std::string salt = run_salt(access);
  std::vector<std::string> yaml_files;
  std::string run_key = Sha256().field(salt).field(tree_digest(repo.files(), yaml_files)).hex();

  // Rule severities (`rules:`, `validate.disabled_rules`) are applied to whatever the run produced, cached or
  // fresh; the configuration is in the salt, so a change to them never meets a stale cached report. The team
  // settings file is checked on every run (it is small) and its findings are never cached. Its own problems
  // are findings, so they are not repeated as warnings.
  const std::string team_origin = (repo.root() / kTeamSettingsFileName).string() + ":";
  RuleSeverities severities = RuleSeverities::from_config(access.config, team_origin);
  outcome.warnings = severities.problems();
  TeamSettingsFile team = team_settings_file(access.plugins, repo.files());
  auto finish = [&](Report &report) {
    if (team.text) report.files.push_back(kTeamSettingsFileName);
    report.diagnostics.insert(report.diagnostics.end(), team.findings.begin(), team.findings.end());
    severities.apply(report.diagnostics);
    report.tool_version = kVersion;
    report.normalize();
  };

  // A run over an unchanged repository: the report as it was.
  if (auto diags = cache.get("run:" + run_key)) {
    if (auto files = cache.get("files:" + run_key)) {
      outcome.report.diagnostics = *diags;
      for (const auto &f : *files) outcome.report.files.push_back(f.file);
      outcome.from_cache = true;
      finish(outcome.report);
      return outcome;
    }
  }

  Diagnostics diagnostics = registry::check_repository(repo);
  Plan plan = plan_jobs(access.plugins, repo, salt);
  diagnostics.insert(diagnostics.end(), plan.diagnostics.begin(), plan.diagnostics.end());

  // Jobs whose inputs are unchanged come from the cache; the rest run, isolated unless told otherwise.
  std::vector<size_t> to_run;
  std::vector<std::optional<Diagnostics>> cached(plan.jobs.size());
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    cached[i] = cache.get("job:" + plan.jobs[i].cache_key);
    if (!cached[i]) to_run.push_back(i);
  }
  std::vector<PluginJob> jobs;
  for (size_t i : to_run) jobs.push_back(plan.jobs[i].job);
  std::vector<JobResult> results;
  if (!jobs.empty()) {
    // Only plugin jobs take long enough to watch; the rest of a run is reading and hashing.
    Progress progress("Validating", jobs.size());
    IsolationOptions iso;
    iso.timeout = options.timeout;
    iso.on_job_done = [&progress] { progress.tick(); };
    results = options.isolation ? run_isolated(jobs, iso) : run_in_process(jobs, iso.on_job_done);
  }
  outcome.jobs = plan.jobs.size();
  outcome.jobs_run = jobs.size();
  for (size_t k = 0; k < to_run.size(); ++k) {
    const PlannedJob &planned = plan.jobs[to_run[k]];
    const JobResult &result = results[k];
    Diagnostics mapped = planned.map(result);
    if (result.failure) {
      std::string what = "plugin '" + planned.job.plugin + "' " + *result.failure + " while checking " + planned.job.file;
      outcome.plugin_failures.push_back(what);
      // The whole file went unchecked, so the finding points at its start.
      mapped.push_back(Diagnostic{planned.job.file, 1, 1, Severity::Error, "plugin/failed",
                                  what + "; its findings for this file are incomplete"});
    } else {
      cache.put("job:" + planned.cache_key, mapped);
    }
    cached[to_run[k]] = std::move(mapped);
  }
  for (auto &c : cached)
    if (c) diagnostics.insert(diagnostics.end(), c->begin(), c->end());

  Report &report = outcome.report;
  report.tool_version = kVersion;
  report.diagnostics = std::move(diagnostics);
  report.files = yaml_files;
  report.files.insert(report.files.end(), plan.files.begin(), plan.files.end());
  report.normalize();
  if (outcome.plugin_failures.empty()) {
    cache.put("run:" + run_key, report.diagnostics);
    cache.put("files:" + run_key, file_entries(report.files));
  }
  finish(report);
  return outcome;
}

namespace {
// `key` from the configuration as seconds in (0, 3600], else `fallback`.
std::chrono::milliseconds configured_seconds(Config &config, const std::string &key, std::chrono::milliseconds fallback) {
  auto configured = config.get(key);
  if (!configured) return fallback;
  const std::string text = configured->node->is_scalar() ? configured->node->scalar() : "";
  char *end = nullptr;
  double seconds = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(seconds > 0 && seconds <= 3600))
    throw UsageError(key + " (" + configured->origin + ") takes seconds between 0 and 3600");
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}
} // namespace

std::chrono::milliseconds configured_plugin_timeout(Config &config) {
  return configured_seconds(config, "validate.plugin_timeout", std::chrono::milliseconds(10000));
}

std::chrono::milliseconds configured_network_timeout(Config &config) {
  return configured_seconds(config, "plugins.network_timeout", std::chrono::milliseconds(300000));
}

} // namespace ssmd::validate
