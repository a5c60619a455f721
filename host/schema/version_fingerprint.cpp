#include "schema/version_fingerprint.hpp"

#include "files/tree_reader.hpp"
#include "schema/format_plugin.hpp"

#include <algorithm>

namespace ssmd::schema {

VersionFingerprint fingerprint_version(PluginAccess access, const registry::Repository &repo, const registry::Schema &schema,
                                       const registry::SchemaVersion &version) {
  VersionFingerprint out;
  FormatPlugin plugin = find_format_plugin(access, schema.format);
  if (!plugin) {
    out.unavailable = plugin.problem;
    return out;
  }
  ssmd_file_reader files = files::make_file_reader(repo.files());
  VersionInput input{schema.name, version.version, registry::Repository::schema_path(schema.file_of(version)),
                     version.root, &files};
  FingerprintResult result = call_fingerprint(plugin, input);
  out.findings = std::move(result.call.findings);
  if (result.call.failure) {
    out.failed = true;
    out.unavailable = *result.call.failure;
    // The file went unread, so the finding points at its start, as `ssmd validate` reports a failed plugin.
    out.findings.push_back(Diagnostic{input.file, 1, 1, Severity::Error, "plugin/failed", *result.call.failure});
    return out;
  }
  out.value = std::move(result.fingerprint);
  if (out.value) return out;
  if (result.call.not_loaded) {
    out.unavailable = *result.call.not_loaded;
  } else if (result.call.status == SSMD_UNSUPPORTED) {
    out.unavailable = "plugin '" + plugin.plugin + "' does not compute fingerprints";
  } else {
    auto error = std::find_if(out.findings.begin(), out.findings.end(),
                              [](const Diagnostic &d) { return d.severity == Severity::Error; });
    out.unavailable = "plugin '" + plugin.plugin + "' could not read the file" +
                      (error != out.findings.end() ? ": " + format_diagnostic(*error) : std::string());
  }
  return out;
}

} // namespace ssmd::schema
