#include "secrets/isolated_resolution.hpp"

#include "plugins/plugin_manager.hpp"
#include "secrets/key_source.hpp"
#include "secrets/variables.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"
#include "validate/providers.hpp"
#include "validate/worker_records.hpp"

#include <algorithm>
#include <memory>
#include <optional>

namespace ssmd::secrets {

namespace {

// A KeyResult on the wire. The first record holds everything but the values: the plugin, the exit code,
// the findings and each field's status, rule, detail, variable and whether a value follows. Each value then
// travels in a record of its own, in field order, so it lands in a SecretBytes of its own.
class Encoder {
public:
  void u8(uint8_t v) { out_ += static_cast<char>(v); }
  void u32(uint32_t v) { validate::put(out_, v); }
  void str(const std::string &s) {
    u32(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  void i64(int64_t v) { validate::put(out_, v); }
  const std::string &bytes() const { return out_; }

private:
  std::string out_;
};

class Decoder {
public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool u8(uint8_t &v) { return validate::get(in_, pos_, v) || fail(); }
  bool u32(uint32_t &v) { return validate::get(in_, pos_, v) || fail(); }
  bool i64(int64_t &v) { return validate::get(in_, pos_, v) || fail(); }
  bool str(std::string &s) {
    uint32_t size = 0;
    if (!u32(size) || pos_ + size > in_.size()) return fail();
    s.assign(in_.substr(pos_, size));
    pos_ += size;
    return true;
  }
  bool done() const { return ok_ && pos_ == in_.size(); }

private:
  bool fail() { return ok_ = false; }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

using validate::write_record;

// Runs in the worker: writes `result` as records.
void send(const KeyResult &result, const ssmd_bytes_sink *out) {
  Encoder e;
  e.str(result.plugin);
  e.u32(static_cast<uint32_t>(result.exit_code));
  e.u8(result.backend ? 1 : 0);
  e.u32(static_cast<uint32_t>(result.findings.size()));
  for (const auto &d : result.findings) {
    e.str(d.file);
    e.u32(d.line);
    e.u32(d.column);
    e.u8(static_cast<uint8_t>(d.severity));
    e.str(d.rule);
    e.str(d.message);
  }
  e.u32(static_cast<uint32_t>(result.fields.size()));
  for (const auto &f : result.fields) {
    e.u8(static_cast<uint8_t>(f.status));
    e.str(f.rule);
    e.str(f.detail);
    e.str(f.variable);
    e.u8(f.last_set ? 1 : 0);
    if (f.last_set) e.i64(*f.last_set);
    e.u8(f.value.data() ? 1 : 0);
  }
  write_record(out, e.bytes());
  for (const auto &f : result.fields)
    if (f.value.data()) write_record(out, f.value.view());
}

// Reads what send() wrote, taking the values out of `records`. nullopt when the records are malformed.
std::optional<KeyResult> receive(const EnvironmentKey &key, std::vector<SecretBytes> &records) {
  if (records.empty()) return std::nullopt;
  KeyResult result;
  result.key = &key;
  Decoder d(records[0].view());
  uint32_t exit_code = 0, findings = 0, fields = 0;
  uint8_t had_backend = 0;
  if (!d.str(result.plugin) || !d.u32(exit_code) || !d.u8(had_backend) || !d.u32(findings)) return std::nullopt;
  result.exit_code = static_cast<int>(std::min<uint32_t>(exit_code, 3));
  for (uint32_t i = 0; i < findings; ++i) {
    Diagnostic finding;
    uint8_t severity = 0;
    if (!d.str(finding.file) || !d.u32(finding.line) || !d.u32(finding.column) || !d.u8(severity) ||
        !d.str(finding.rule) || !d.str(finding.message) || severity > 2)
      return std::nullopt;
    finding.severity = static_cast<Severity>(severity);
    result.findings.push_back(std::move(finding));
  }
  if (!d.u32(fields) || fields != key.fields.size()) return std::nullopt;
  size_t next_value = 1;
  for (uint32_t i = 0; i < fields; ++i) {
    FieldResult field{key.fields[i], FieldStatus::Error, "", "", {}, "", std::nullopt};
    uint8_t status = 0, has_value = 0, has_last_set = 0;
    if (!d.u8(status) || !d.str(field.rule) || !d.str(field.detail) || !d.str(field.variable) ||
        !d.u8(has_last_set) || status > 2)
      return std::nullopt;
    if (has_last_set) {
      int64_t when = 0;
      if (!d.i64(when)) return std::nullopt;
      field.last_set = when;
    }
    if (!d.u8(has_value)) return std::nullopt;
    field.status = static_cast<FieldStatus>(status);
    if (has_value) {
      if (next_value >= records.size()) return std::nullopt;
      field.value = std::move(records[next_value++]);
    }
    result.fields.push_back(std::move(field));
  }
  if (!d.done() || next_value != records.size()) return std::nullopt;
  return result;
}

// A key whose backend did not finish: every field is in error, for the reason `why`.
KeyResult failed(const EnvironmentKey &key, const std::string &plugin, const std::string &why) {
  KeyResult result;
  result.key = &key;
  result.plugin = plugin;
  result.findings.push_back(key.finding(Severity::Error, "plugin/failed", key.subject() + ": " + why, "source"));
  for (const auto &field : key.fields)
    result.fields.push_back(
        FieldResult{field, FieldStatus::Error, "plugin/failed", result.findings.back().message, {}, "", std::nullopt});
  result.exit_code = 3;
  return result;
}

// The plugin that provides the key's prefix, from the manifests (nothing is loaded); "" when none does.
std::string provider_of(PluginManager &plugins, const EnvironmentKey &key) {
  std::string why;
  auto prefix = source_prefix(key.source, why);
  if (!prefix) return "";
  validate::Provider p = validate::find_provider(plugins, "secret", *prefix);
  return p.found() ? p.plugin->manifest.name : "";
}

} // namespace

std::vector<KeyResult> resolve_keys_isolated(PluginAccess access, const std::vector<EnvironmentKey> &keys,
                                             const ResolveOptions &options) {
  // The plugins and the configuration are loaded before the first worker starts, so each starts with them.
  PluginManager &plugins = access.plugins;
  std::vector<validate::PluginJob> jobs;
  std::vector<std::string> providers;
  // The backends a worker has called, for its closing end_run job. Each worker fills its own copy: the
  // list lives in memory that fork() copies, so a fresh worker after a crash starts from what it was given.
  auto called = std::make_shared<std::vector<CalledBackend>>();
  for (const auto &key : keys) {
    providers.push_back(provider_of(plugins, key));
    validate::PluginJob job;
    job.plugin = providers.back();
    job.file = key.file;
    job.run = [&plugins, &key, options, called, plugin = providers.back()](const ssmd_sink *,
                                                                           const ssmd_bytes_sink *out) {
      KeyResult result;
      try {
        result = resolve_key(plugins, key, options.keep, options.ages);
        if (result.backend) called->push_back(CalledBackend{result.backend, result.backend_host});
        if (options.name_variables) name_fields(result);
      } catch (...) {
        // An exception thrown through the C ABI (the SDK catches its own): its text may hold a value.
        result = failed(key, plugin,
                        "the secret backend of plugin `" + plugin + "` threw an exception through the C ABI; its "
                        "message is not shown, since it may hold a value");
      }
      send(result, out);
    };
    jobs.push_back(std::move(job));
  }
  // One closing job per plugin, after all of its keys (one worker per plugin runs its share in order).
  std::vector<std::string> plugins_used = providers;
  std::sort(plugins_used.begin(), plugins_used.end());
  plugins_used.erase(std::unique(plugins_used.begin(), plugins_used.end()), plugins_used.end());
  for (const auto &plugin : plugins_used) {
    if (plugin.empty()) continue;
    validate::PluginJob job;
    job.plugin = plugin;
    job.run = [called](const ssmd_sink *, const ssmd_bytes_sink *) {
      try {
        end_run(*called);
      } catch (...) {
        // Nothing to report: the worker exits right after, and its memory goes with it.
      }
    };
    jobs.push_back(std::move(job));
  }
  validate::IsolationOptions isolation;
  isolation.timeout = validate::configured_network_timeout(access.config);
  isolation.workers_per_plugin = 1;
  std::vector<validate::JobResult> outcomes = validate::run_isolated(jobs, isolation);

  std::vector<KeyResult> results;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string &plugin = providers[i];
    validate::JobResult &outcome = outcomes[i];
    std::optional<KeyResult> result;
    if (!outcome.failure) result = receive(keys[i], outcome.records);
    if (!result)
      result = failed(keys[i], plugin,
                      "plugin '" + plugin + "' " + outcome.failure.value_or("answered with malformed data") +
                          " while resolving it");
    results.push_back(std::move(*result));
  }
  return results;
}

} // namespace ssmd::secrets
