#include "schema/format_plugin.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "plugins/plugin_manager.hpp"
#include "validate/plugin_job.hpp"

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

// Collects the plugin's findings; one without a file is about `default_file`.
struct Collector {
  std::string default_file;
  Diagnostics findings;
  ssmd_sink sink{this, [](void *ctx, const ssmd_diagnostic *d) {
                   auto *self = static_cast<Collector *>(ctx);
                   validate::PluginFinding f = validate::copy_finding(*d);
                   std::string message = f.path.empty() ? f.message : f.path + ": " + f.message;
                   self->findings.push_back(Diagnostic{f.file.empty() ? self->default_file : f.file, f.line,
                                                       f.column, severity_of(f.severity), f.rule, message});
                 }};
};

} // namespace

FormatPlugin find_format_plugin(Context &ctx, const std::string &format) {
  ctx.config(); // plugins read the configuration through the host table, which needs it loaded
  FormatPlugin out;
  out.format = format;
  if (format.empty()) {
    out.problem = "the schema names no format, so no schema-format plugin can read it";
    return out;
  }
  auto lookup = ctx.plugins().schema_format(format);
  out.plugin = lookup.plugin;
  if (!lookup) {
    out.problem = "format '" + format + "' needs a schema-format plugin: " + lookup.problem;
    return out;
  }
  out.table = lookup.table;
  out.host = ctx.plugins().host_services();
  return out;
}

void add_import_path_option(CommandLine &cl) {
  cl.options.add_options()("import-path", po::value<std::vector<std::string>>()->value_name("DIR"),
                           "also search DIR for imported schema files (repository-relative or absolute; "
                           "may repeat; sets <format>.import_paths)");
}

void apply_import_paths(Context &ctx, const po::variables_map &vm, const std::string &format) {
  if (!vm.count("import-path") || format.empty()) return;
  const std::string key = format + ".import_paths";
  json::Array dirs;
  for (const auto &dir : vm["import-path"].as<std::vector<std::string>>()) {
    if (dir.empty()) throw UsageError("--import-path needs a directory");
    dirs.push_back(dir);
  }
  for (const auto &dir : ctx.config().list(key)) dirs.push_back(dir);
  // A JSON array of strings is a YAML flow sequence, with every directory quoted.
  ctx.config().set(key, json::Value(dirs).dump(-1), "flag --import-path");
}

void apply_import_paths_to_every_format(Context &ctx, const po::variables_map &vm) {
  if (!vm.count("import-path")) return;
  std::set<std::string> formats;
  for (const auto &info : ctx.plugins().plugins())
    for (const auto &provided : info.manifest.provides)
      if (provided.kind == "schema-format") formats.insert(provided.name);
  for (const auto &format : formats) apply_import_paths(ctx, vm, format);
}

CallResult call_breaking(const FormatPlugin &plugin, const VersionInput &older, const VersionInput &newer) {
  CallResult out;
  if (!plugin.table || !plugin.table->breaking) {
    out.status = SSMD_UNSUPPORTED;
    return out;
  }
  Collector collect{newer.file, {}};
  ssmd_schema_input a = c_input(older), b = c_input(newer);
  out.status = plugin.table->breaking(plugin.host, &a, &b, &collect.sink);
  out.findings = std::move(collect.findings);
  return out;
}

FingerprintResult call_fingerprint(const FormatPlugin &plugin, const VersionInput &input) {
  FingerprintResult out;
  if (!plugin.table || !plugin.table->fingerprint) {
    out.call.status = SSMD_UNSUPPORTED;
    return out;
  }
  Collector collect{input.file, {}};
  std::string bytes;
  ssmd_bytes_sink sink{&bytes, [](void *ctx, ssmd_str b) {
                         if (b.data) static_cast<std::string *>(ctx)->append(b.data, b.size);
                       }};
  ssmd_schema_input in = c_input(input);
  out.call.status = plugin.table->fingerprint(plugin.host, &in, &sink, &collect.sink);
  out.call.findings = std::move(collect.findings);
  if (out.call.status == SSMD_OK && !bytes.empty()) out.fingerprint = std::move(bytes);
  return out;
}

} // namespace ssmd::schema
