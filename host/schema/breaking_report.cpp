#include "schema/breaking_report.hpp"

#include "core/exit_codes.hpp"

#include <algorithm>
#include <tuple>

namespace ssmd::schema {

namespace {
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

bool BreakingReport::fails(const Diagnostic &d) const {
  Category c = category_of(d.rule);
  if (c == Category::Other) return d.severity == Severity::Error;
  return std::find(fail_on.begin(), fail_on.end(), c) != fail_on.end();
}

size_t BreakingReport::failing() const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [&](const Diagnostic &d) { return fails(d); }));
}

int BreakingReport::exit_code() const { return failing() ? kExitFailure : kExitOk; }

void normalize(BreakingReport &report) {
  auto key = [](const Diagnostic &d) { return std::tie(d.file, d.line, d.column, d.rule, d.message); };
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const Diagnostic &a, const Diagnostic &b) { return key(a) < key(b); });
  report.findings.erase(std::unique(report.findings.begin(), report.findings.end()), report.findings.end());
  for (auto &d : report.findings) {
    Category c = category_of(d.rule);
    if (c == Category::Other) continue;
    d.severity = report.fails(d) ? Severity::Error : c == Category::Safe ? Severity::Info : Severity::Warning;
  }
}

std::string render_breaking_text(const BreakingReport &report) {
  std::string out;
  for (const auto &d : report.findings) {
    Category c = category_of(d.rule);
    if (c == Category::Other) {
      out += format_diagnostic(d) + "\n";
      continue;
    }
    Diagnostic shown = d;
    shown.message = std::string(category_name(c)) + ": " + d.message;
    out += format_diagnostic(shown) + "\n";
  }
  // Name where each side was read from only when they differ (--against).
  bool places = report.from.where != report.to.where;
  out += report.schema + " " + side_text(report.from, places) + " \u2192 " + side_text(report.to, places) + ":";
  std::string counts, fail_on;
  for (Category c : comparison_categories())
    counts += (counts.empty() ? " " : ", ") + std::to_string(report.count(c)) + " " + std::string(category_name(c));
  for (Category c : report.fail_on) fail_on += (fail_on.empty() ? "" : ", ") + std::string(category_name(c));
  out += counts + " (failing on " + (fail_on.empty() ? std::string("nothing") : fail_on) + ")";
  if (size_t other = report.other_errors())
    out += "; not fully compared: " + std::to_string(other) + (other == 1 ? " error" : " errors") + " in the schema files";
  return out + "\n";
}

json::Value breaking_json(const BreakingReport &report) {
  json::Array findings;
  for (const auto &d : report.findings) {
    json::Value item = json::Object{};
    item.set("file", d.file).set("line", static_cast<int64_t>(d.line)).set("column", static_cast<int64_t>(d.column));
    item.set("severity", std::string(severity_name(d.severity))).set("category", category_name(category_of(d.rule)));
    item.set("fails", report.fails(d)).set("rule", d.rule).set("message", d.message);
    findings.push_back(item);
  }
  json::Array fail_on;
  for (Category c : report.fail_on) fail_on.push_back(json::Value(std::string(category_name(c))));
  json::Value out = json::Object{};
  out.set("schema", report.schema).set("format", report.format).set("from", report.from.version);
  out.set("to", report.to.version).set("against", report.against ? json::Value(*report.against) : json::Value(nullptr));
  out.set("from_file", report.from.file).set("to_file", report.to.file).set("fail_on", fail_on);
  out.set("findings", findings);
  out.set("wire_breaking", static_cast<int64_t>(report.count(Category::Wire)));
  out.set("removals", static_cast<int64_t>(report.count(Category::Removal)));
  out.set("hygiene", static_cast<int64_t>(report.count(Category::Hygiene)));
  out.set("source_breaking", static_cast<int64_t>(report.count(Category::Source)));
  out.set("notes", static_cast<int64_t>(report.count(Category::Safe)));
  out.set("other_errors", static_cast<int64_t>(report.other_errors()));
  out.set("failing", static_cast<int64_t>(report.failing()));
  return out;
}

} // namespace ssmd::schema
