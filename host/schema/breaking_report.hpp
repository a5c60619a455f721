// The result of `ssmd schema breaking`: the plugin's findings with their categories (finding_category.hpp),
// judged against the categories that fail the command, rendered as `file:line:col: severity: category:
// message [rule]` lines plus a summary, or as JSON.
#pragma once

#include "core/diagnostic.hpp"
#include "core/json.hpp"
#include "schema/finding_category.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::schema {

struct BreakingSide {
  std::string version; // "v1"
  std::string file;    // repository-relative path of the version's definition
  std::string where;   // "the working tree" or "commit 1a2b3c4 (HEAD~1)"
};

struct BreakingReport {
  std::string schema, format;
  BreakingSide from, to;
  std::optional<std::string> against;            // the REF given to --against
  std::vector<Category> fail_on = default_fail_on(); // from --fail-on, else `breaking.fail_on`
  Diagnostics findings;                          // sorted by file, line, column, rule

  size_t count(Category category) const;
  // Errors outside the comparison categories: a version that does not compile was not compared.
  size_t other_errors() const;
  // Whether `d` fails the command: its category is in `fail_on`, or it is an error about one version.
  bool fails(const Diagnostic &d) const;
  size_t failing() const;
  // 1 when any finding fails the command, else 0.
  int exit_code() const;
};

// Sorts and de-duplicates the findings, as validate does, and gives each comparison finding the severity
// that says what it does to the command: error when its category fails it, else warning (info for safe
// notes), whatever severity the plugin chose.
void normalize(BreakingReport &report);

// The findings, one per line, then the summary line.
std::string render_breaking_text(const BreakingReport &report);
// {schema, format, from, to, against, from_file, to_file, fail_on, findings: [...], wire_breaking, removals,
//  hygiene, source_breaking, notes, other_errors, failing}.
json::Value breaking_json(const BreakingReport &report);

} // namespace ssmd::schema
