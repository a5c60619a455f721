// A finding about a file, with its place (1-based line and column) and a stable rule id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

enum class Severity { Error, Warning, Info };

std::string_view severity_name(Severity severity);

struct Diagnostic {
  std::string file;    // repository-relative path, or what the user typed
  uint32_t line = 0;   // 1-based; 0 when the finding is about the whole file
  uint32_t column = 0; // 1-based; 0 when unknown
  Severity severity = Severity::Error;
  std::string rule;    // e.g. "yaml/syntax", "acme/endpoint-host"
  std::string message;

  bool operator==(const Diagnostic &) const = default;
};

// `file:line:col: severity: message [rule]`, the format compilers and editors understand, always on one line
// (control characters in the file name and message are escaped, see core/printable.hpp).
std::string format_diagnostic(const Diagnostic &d);

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics &diagnostics);

} // namespace ssmd
