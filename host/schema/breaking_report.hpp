// The result of `ssmd schema breaking`: the plugin's findings with their categories (finding_category.hpp),
// rendered as `file:line:col: severity: message [rule]` lines plus a summary, or as JSON.
#pragma once

#include "core/diagnostic.hpp"
#include "core/json.hpp"
#include "schema/finding_category.hpp"

#include <optional>
#include <string>

namespace ssmd::schema {

struct BreakingSide {
  std::string version; // "v1"
  std::string file;    // repository-relative path of the version's definition
  std::string where;   // "the working tree" or "commit 1a2b3c4 (HEAD~1)"
};

struct BreakingReport {
  std::string schema, format;
  BreakingSide from, to;
  std::optional<std::string> against; // the REF given to --against
  Diagnostics findings;               // sorted by file, line, column, rule

  size_t count(Category category) const;
  // Errors outside the comparison categories: a version that does not compile was not compared.
  size_t other_errors() const;
  // 1 when anything breaks the wire format or the comparison could not be made, else 0.
  int exit_code() const;
};

// Sorts and de-duplicates the findings, as validate does.
void normalize(BreakingReport &report);

// The findings, one per line, then the summary line.
std::string render_breaking_text(const BreakingReport &report);
// {schema, format, from, to, against, from_file, to_file, findings: [...], wire_breaking, source_breaking, notes}.
json::Value breaking_json(const BreakingReport &report);

} // namespace ssmd::schema
