// The result of `ssmd validate` and the formats it is rendered in: text for people and editors, JSON for
// scripts, SARIF 2.1.0 for code-scanning, JUnit XML for CI dashboards, and GitHub workflow commands.
#pragma once

#include "core/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::validate {

// One rule of the catalogue (`ssmd rules list`, SARIF's rule table): a host rule or a plugin's.
struct RuleInfo {
  std::string id;
  std::string purpose;             // one sentence
  std::string source;              // where a plugin's rule comes from: a documentation URL or reference; may be empty
  std::optional<Severity> severity; // the most severe level it reports; nullopt when its plugin's table does not say
  std::string category;            // may be empty
  std::string plugin;              // the plugin that lists it; empty for a host rule
  std::string help_uri;            // its page in docs/rules/, or its plugin's documentation; may be empty
};

struct Report {
  std::vector<std::string> files; // every file checked, repository-relative, sorted
  Diagnostics diagnostics;        // sorted by file, line, column
  std::vector<RuleInfo> rules;    // the rules that ran (for SARIF's rule table)
  std::string tool_version;

  size_t count(Severity severity) const;
  bool valid() const { return count(Severity::Error) == 0; }
  // --strict: every warning becomes an error.
  void promote_warnings();
  // Sorts diagnostics by file, line, column, rule; drops exact duplicates.
  void normalize();
};

enum class Format { Text, Json, Sarif, Junit, Github };
// Parses the --format value; throws UsageError on anything else.
Format parse_format(const std::string &text);

struct TextStyle {
  bool color = false;    // ANSI colours
  bool friendly = false; // the grouped terminal report with ✓/✗ marks
  bool unicode = true;   // ✓ and ✗; ASCII "ok"/"FAIL" when the terminal is not UTF-8
};

std::string render_text(const Report &report, const TextStyle &style);
std::string render_json(const Report &report);
std::string render_sarif(const Report &report);
std::string render_junit(const Report &report);
std::string render_github(const Report &report);
std::string render(const Report &report, Format format, const TextStyle &style);

// "12 files checked: 2 errors, 1 warning".
std::string summary_line(const Report &report);

// Whether the locale says UTF-8 (LC_ALL, LC_CTYPE, LANG).
bool locale_is_utf8();

} // namespace ssmd::validate
