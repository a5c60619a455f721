// Text output: plain `file:line:col: severity: message [rule]` lines (what editors and compilers use), or
// on a terminal the friendly report grouped by kind with a mark per file.
#include "validate/report.hpp"

#include "core/printable.hpp"

#include <algorithm>
#include <map>

namespace ssmd::validate {

namespace {

const char *kRed = "\033[31m", *kYellow = "\033[33m", *kGreen = "\033[32m", *kBold = "\033[1m", *kReset = "\033[0m";

std::string paint(const std::string &text, const char *code, bool color) {
  return color ? code + text + kReset : text;
}

// One finding, one line, as format_diagnostic() writes it: a file name or message holding a newline or an
// escape sequence (from a repository's file names and values) is escaped, so it cannot forge a finding.
std::string plain_line(const Diagnostic &d, bool color) {
  std::string location = printable(d.file);
  if (d.line) location += ":" + std::to_string(d.line) + (d.column ? ":" + std::to_string(d.column) : "");
  std::string severity(severity_name(d.severity));
  const char *code = d.severity == Severity::Error ? kRed : d.severity == Severity::Warning ? kYellow : kBold;
  return paint(location, kBold, color) + ": " + paint(severity, code, color) + ": " + printable(d.message) +
         (d.rule.empty() ? "" : " [" + d.rule + "]");
}

// "exchanges/feeds/acme.yaml" -> ("feeds", "acme").
std::pair<std::string, std::string> kind_and_name(const std::string &file) {
  std::string kind = "files", name = file;
  size_t slash = file.rfind('/');
  if (slash != std::string::npos) {
    name = file.substr(slash + 1);
    size_t prev = file.rfind('/', slash - 1);
    kind = file.substr(prev == std::string::npos ? 0 : prev + 1, slash - (prev == std::string::npos ? 0 : prev + 1));
  }
  if (size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return {kind, name};
}

} // namespace

std::string render_text(const Report &report, const TextStyle &style) {
  std::string out;
  if (!style.friendly) {
    // Grouped by file because diagnostics are sorted by file.
    for (const auto &d : report.diagnostics) out += plain_line(d, style.color) + "\n";
    out += summary_line(report) + "\n";
    return out;
  }
  std::map<std::string, std::vector<const Diagnostic *>> by_file;
  for (const auto &d : report.diagnostics) by_file[d.file].push_back(&d);
  std::map<std::string, std::vector<std::string>> by_kind; // kind -> files, in order
  for (const auto &f : report.files) by_kind[kind_and_name(f).first].push_back(f);
  // Diagnostics about files outside the checked set (a plugin lock, say) still appear.
  for (const auto &[file, _] : by_file)
    if (std::find(report.files.begin(), report.files.end(), file) == report.files.end())
      by_kind[kind_and_name(file).first].push_back(file);

  const std::string ok = style.unicode ? "\u2713" : "ok", bad = style.unicode ? "\u2717" : "FAIL",
                    warn = style.unicode ? "!" : "WARN";
  for (const auto &[kind, files] : by_kind) {
    out += "Validating " + printable(kind) + "...\n";
    for (const auto &file : files) {
      const auto &diags = by_file[file];
      size_t errors = 0, warnings = 0;
      for (const auto *d : diags) {
        errors += d->severity == Severity::Error;
        warnings += d->severity == Severity::Warning;
      }
      std::string name = printable(kind_and_name(file).second);
      if (errors) {
        out += "  " + paint(bad, kRed, style.color) + " " + name + ": " + std::to_string(errors) +
               (errors == 1 ? " error" : " errors") + "\n";
      } else if (warnings) {
        out += "  " + paint(warn, kYellow, style.color) + " " + name + ": valid, " + std::to_string(warnings) +
               (warnings == 1 ? " warning" : " warnings") + "\n";
      } else {
        out += "  " + paint(ok, kGreen, style.color) + " " + name + ": valid\n";
      }
      for (const auto *d : diags) out += "      " + plain_line(*d, style.color) + "\n";
    }
  }
  out += "\n" + paint(summary_line(report), kBold, style.color) + "\n";
  return out;
}

} // namespace ssmd::validate
