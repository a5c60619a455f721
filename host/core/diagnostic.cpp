#include "core/diagnostic.hpp"

#include "core/printable.hpp"

#include <algorithm>

namespace ssmd {

std::string_view severity_name(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Info: return "info";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic &d) {
  // One finding, one line: control characters in the file name or the message are escaped.
  std::string out = printable(d.file);
  if (d.line) {
    out += ":" + std::to_string(d.line);
    if (d.column) out += ":" + std::to_string(d.column);
  }
  out += ": ";
  out += severity_name(d.severity);
  out += ": " + printable(d.message);
  if (!d.rule.empty()) out += " [" + d.rule + "]";
  return out;
}

bool has_errors(const Diagnostics &diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace ssmd
