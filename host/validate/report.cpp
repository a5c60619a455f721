#include "validate/report.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace ssmd::validate {

size_t Report::count(Severity severity) const {
  return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                           [&](const Diagnostic &d) { return d.severity == severity; }));
}

void Report::promote_warnings() {
  for (auto &d : diagnostics)
    if (d.severity == Severity::Warning) d.severity = Severity::Error;
}

void Report::normalize() {
  auto key = [](const Diagnostic &d) { return std::tie(d.file, d.line, d.column, d.rule, d.message); };
  std::sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic &a, const Diagnostic &b) {
    return key(a) < key(b);
  });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [&](const Diagnostic &a, const Diagnostic &b) {
                                  return key(a) == key(b) && a.severity == b.severity;
                                }),
                    diagnostics.end());
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
}

Format parse_format(const std::string &text) {
  if (text == "text") return Format::Text;
  if (text == "json") return Format::Json;
  if (text == "sarif") return Format::Sarif;
  if (text == "junit") return Format::Junit;
  if (text == "github") return Format::Github;
  throw UsageError("--format must be text, json, sarif, junit or github, not '" + text + "'");
}

std::string summary_line(const Report &report) {
  auto plural = [](size_t n, const char *word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  return plural(report.files.size(), "file") + " checked: " + plural(report.count(Severity::Error), "error") + ", " +
         plural(report.count(Severity::Warning), "warning");
}

bool locale_is_utf8() {
  for (const char *name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char *value = std::getenv(name);
    if (!value || !*value) continue;
    std::string v(value);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

std::string render(const Report &report, Format format, const TextStyle &style) {
  switch (format) {
  case Format::Text: return render_text(report, style);
  case Format::Json: return render_json(report);
  case Format::Sarif: return render_sarif(report);
  case Format::Junit: return render_junit(report);
  case Format::Github: return render_github(report);
  }
  return render_text(report, style);
}

} // namespace ssmd::validate
