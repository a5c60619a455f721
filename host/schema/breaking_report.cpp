#include "schema/breaking_report.hpp"

#include "core/exit_codes.hpp"

#include <algorithm>
#include <tuple>

namespace ssmd::schema {

namespace {
std::string counted(size_t n, const std::string &one, const std::string &many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string side_text(const BreakingSide &side, bool with_place) {
  return side.version + (with_place ? " in " + side.where : "");
}
} // namespace

size_t BreakingReport::count(Category category) const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [&](const Diagnostic &d) { return category_of(d.rule) == category; }));
}

size_t BreakingReport::other_errors() const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [](const Diagnostic &d) {
    return d.severity == Severity::Error && category_of(d.rule) == Category::Other;
  }));
}

int BreakingReport::exit_code() const {
  return count(Category::WireBreaking) || other_errors() ? kExitFailure : kExitOk;
}

void normalize(BreakingReport &report) {
  auto key = [](const Diagnostic &d) { return std::tie(d.file, d.line, d.column, d.rule, d.message); };
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const Diagnostic &a, const Diagnostic &b) { return key(a) < key(b); });
  report.findings.erase(std::unique(report.findings.begin(), report.findings.end()), report.findings.end());
}

std::string render_breaking_text(const BreakingReport &report) {
  std::string out;
  for (const auto &d : report.findings) out += format_diagnostic(d) + "\n";
  // Name where each side was read from only when they differ (--against).
  bool places = report.from.where != report.to.where;
  out += report.schema + " " + side_text(report.from, places) + " \u2192 " + side_text(report.to, places) + ": " +
         counted(report.count(Category::WireBreaking), "wire-breaking change", "wire-breaking changes") + ", " +
         counted(report.count(Category::SourceBreaking), "source-breaking change", "source-breaking changes") + ", " +
         counted(report.count(Category::Note), "safe note", "safe notes");
  if (size_t other = report.other_errors())
    out += "; not fully compared: " + counted(other, "error", "errors") + " in the schema files";
  return out + "\n";
}

json::Value breaking_json(const BreakingReport &report) {
  json::Array findings;
  for (const auto &d : report.findings) {
    json::Value item = json::Object{};
    item.set("file", d.file).set("line", static_cast<int64_t>(d.line)).set("column", static_cast<int64_t>(d.column));
    item.set("severity", std::string(severity_name(d.severity))).set("category", category_name(category_of(d.rule)));
    item.set("rule", d.rule).set("message", d.message);
    findings.push_back(item);
  }
  json::Value out = json::Object{};
  out.set("schema", report.schema).set("format", report.format).set("from", report.from.version);
  out.set("to", report.to.version).set("against", report.against ? json::Value(*report.against) : json::Value(nullptr));
  out.set("from_file", report.from.file).set("to_file", report.to.file).set("findings", findings);
  out.set("wire_breaking", static_cast<int64_t>(report.count(Category::WireBreaking)));
  out.set("source_breaking", static_cast<int64_t>(report.count(Category::SourceBreaking)));
  out.set("notes", static_cast<int64_t>(report.count(Category::Note)));
  out.set("other_errors", static_cast<int64_t>(report.other_errors()));
  return out;
}

} // namespace ssmd::schema
