#include "schema/format_plugin.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/printable.hpp"
#include "plugins/plugin_manager.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"
#include "validate/providers.hpp"
#include "validate/worker_records.hpp"

#include <filesystem>
#include <functional>
#include <iostream>
#include <set>

namespace ssmd::schema {

namespace {

ssmd_str to_c(const std::string &s) { return ssmd_str{s.data(), s.size()}; }

// The C struct over `in`; it borrows `in`'s strings.
ssmd_schema_input c_input(const VersionInput &in) {
  ssmd_schema_input out{};
  out.struct_size = sizeof(out);
  out.schema = to_c(in.schema);
  out.version = to_c(in.version);
  out.file = to_c(in.file);
  out.root = to_c(in.root);
  out.files = in.files;
  return out;
}

Severity severity_of(ssmd_severity s) {
  if (s == SSMD_SEVERITY_WARNING) return Severity::Warning;
  if (s == SSMD_SEVERITY_INFO) return Severity::Info;
  return Severity::Error; // errors, and values this host does not know
}

// A plugin's finding as a host diagnostic; one without a file is about `default_file`.
Diagnostic located(const validate::PluginFinding &f, const std::string &default_file) {
  std::string message = f.path.empty() ? f.message : f.path + ": " + f.message;
  return Diagnostic{f.file.empty() ? default_file : f.file, f.line, f.column, severity_of(f.severity), f.rule, message};
}

// What a call's worker writes back: the plugin's status as one byte, then the call's own bytes (a
// fingerprint). A worker that cannot get the plugin's table writes kNoTable and the reason instead.
constexpr char kNoTable = '\x7f';

using validate::write_record;

// Calls the plugin's table, collecting what it writes to its bytes sink into `bytes`.
using Call = std::function<ssmd_status(const ssmd_schema_format &table, const ssmd_host *host, const ssmd_sink *sink,
                                       std::string &bytes)>;

// Runs `call` in a supervised worker that loads the plugin. `what` says what the call does, for messages.
CallResult run_call(const FormatPlugin &plugin, const std::string &default_file, const std::string &what, Call call,
                    std::string *bytes = nullptr) {
  CallResult out;
  validate::PluginJob job;
  job.plugin = plugin.plugin;
  job.file = default_file;
  job.run = [plugins = plugin.plugins, format = plugin.format, call](const ssmd_sink *sink, const ssmd_bytes_sink *records) {
    auto lookup = plugins->schema_format(format);
    if (!lookup) {
      write_record(records, std::string_view(&kNoTable, 1));
      write_record(records, lookup.problem);
      return;
    }
    std::string produced;
    const char status = static_cast<char>(call(*lookup.table, lookup.host, sink, produced));
    write_record(records, std::string_view(&status, 1));
    write_record(records, produced);
  };
  validate::IsolationOptions options;
  options.timeout = plugin.timeout;
  validate::JobResult result = validate::run_isolated(std::move(job), options);
  for (const auto &f : result.findings) out.findings.push_back(located(f, default_file));
  if (result.failure) {
    out.failure = "plugin '" + plugin.plugin + "' " + *result.failure + " while " + what;
  } else if (result.records.size() == 2 && result.records[0].view() == std::string_view(&kNoTable, 1)) {
    out.status = SSMD_UNSUPPORTED;
    out.not_loaded = std::string(result.records[1].view());
  } else if (result.records.size() == 2 && result.records[0].size() == 1) {
    out.status = static_cast<ssmd_status>(static_cast<unsigned char>(result.records[0].data()[0]));
    if (bytes) *bytes = std::string(result.records[1].view());
  } else {
    out.failure = "plugin '" + plugin.plugin + "' ended without an answer while " + what;
  }
  return out;
}

} // namespace

FormatPlugin find_format_plugin(PluginAccess access, const std::string &format) {
  // Plugins read the configuration through the host table: access.config is loaded.
  FormatPlugin out;
  out.format = format;
  if (format.empty()) {
    out.problem = "the schema names no format, so no schema-format plugin can read it";
    return out;
  }
  validate::Provider provider = validate::find_provider(access.plugins, "schema-format", format);
  if (!provider.found()) {
    if (provider.refused) out.plugin = provider.refused->manifest.name;
    out.problem = "format '" + format + "' needs a schema-format plugin: " +
                  validate::provider_problem(provider, "schema format", format);
    return out;
  }
  out.plugin = provider.plugin->manifest.name;
  out.plugins = &access.plugins;
  out.timeout = validate::configured_plugin_timeout(access.config);
  return out;
}

void apply_import_paths(Config &config, const std::vector<std::string> &flag_dirs, const std::string &format) {
  if (flag_dirs.empty() || format.empty()) return;
  const std::string key = format + ".import_paths";
  json::Array dirs(flag_dirs.begin(), flag_dirs.end());
  // The configured directories follow. This value becomes a flag's, which plugins trust, so a directory
  // outside the repository that a repository's file names (ssmd.yaml, .ssmd/config.yaml) is left out here;
  // without --import-path the plugin sees where it came from and refuses it itself.
  const auto configured = config.get(key);
  for (const auto &dir : config.list(key)) {
    if (configured && !configured->trusted && std::filesystem::path(dir).is_absolute()) {
      std::cerr << "ssmd: warning: ignoring " << key << " entry '" << printable(dir) << "' at " << configured->origin
                << ": a repository's files may name only repository directories\n";
      continue;
    }
    dirs.push_back(dir);
  }
  // A JSON array of strings is a YAML flow sequence, with every directory quoted.
  config.set(key, json::Value(dirs).dump(-1), "flag --import-path");
}

void apply_import_paths_to_every_format(PluginAccess access, const std::vector<std::string> &flag_dirs) {
  if (flag_dirs.empty()) return;
  std::set<std::string> formats;
  for (const auto &info : access.plugins.plugins())
    for (const auto &provided : info.manifest.provides)
      if (provided.kind == "schema-format") formats.insert(provided.name);
  for (const auto &format : formats) apply_import_paths(access.config, flag_dirs, format);
}

CallResult call_breaking(const FormatPlugin &plugin, const VersionInput &older, const VersionInput &newer) {
  if (!plugin) return CallResult{SSMD_UNSUPPORTED, {}, {}, {}};
  return run_call(plugin, newer.file, "comparing " + older.file + " with " + newer.file,
                  [older, newer](const ssmd_schema_format &table, const ssmd_host *host, const ssmd_sink *sink,
                                 std::string &) {
                    if (!table.breaking) return SSMD_UNSUPPORTED;
                    ssmd_schema_input a = c_input(older), b = c_input(newer);
                    return table.breaking(host, &a, &b, sink);
                  });
}

FingerprintResult call_fingerprint(const FormatPlugin &plugin, const VersionInput &input) {
  FingerprintResult out;
  if (!plugin) {
    out.call.status = SSMD_UNSUPPORTED;
    return out;
  }
  std::string bytes;
  out.call = run_call(
      plugin, input.file, "computing the fingerprint of " + input.file,
      [input](const ssmd_schema_format &table, const ssmd_host *host, const ssmd_sink *sink, std::string &produced) {
        if (!table.fingerprint) return SSMD_UNSUPPORTED;
        ssmd_bytes_sink collect{&produced, [](void *ctx, ssmd_str b) {
                                  if (b.data) static_cast<std::string *>(ctx)->append(b.data, b.size);
                                }};
        ssmd_schema_input in = c_input(input);
        return table.fingerprint(host, &in, &collect, sink);
      },
      &bytes);
  if (!out.call.failure && out.call.status == SSMD_OK && !bytes.empty()) out.fingerprint = std::move(bytes);
  return out;
}

} // namespace ssmd::schema
