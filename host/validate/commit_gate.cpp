#include "validate/commit_gate.hpp"

#include "core/diagnostic.hpp"
#include "validate/engine.hpp"

#include <ostream>

namespace ssmd {

// `ssmd commit` validates the working tree exactly as `ssmd validate` does (cache, plugins, isolation, the
// configured `validate.plugin_timeout`), because the working tree is what it commits.
int validate_for_commit(PluginAccess access, const std::filesystem::path &root, std::ostream &err) {
  validate::Options options;
  options.timeout = validate::configured_plugin_timeout(access.config);
  auto outcome = validate::validate_repository(access, root, options);
  for (const auto &warning : outcome.warnings) err << "ssmd: warning: " << warning << "\n";
  int errors = 0;
  for (const auto &d : outcome.report.diagnostics) {
    if (d.severity == Severity::Info) continue;
    err << format_diagnostic(d) << "\n";
    if (d.severity == Severity::Error) ++errors;
  }
  return errors;
}

} // namespace ssmd
