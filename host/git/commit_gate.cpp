#include "git/commit_gate.hpp"

#include "core/diagnostic.hpp"
#include "git/pending_changes.hpp"
#include "git/workspace.hpp"
#include "yaml/document.hpp"

#include <ostream>

namespace ssmd {

// Stand-in until the validate engine is merged: see commit_gate.hpp.
int validate_for_commit(Context &ctx, std::ostream &err) {
  git::Workspace ws = git::Workspace::open(ctx);
  Diagnostics diagnostics;
  for (const auto &change : git::pending_changes(ws)) {
    if (!change.after || !(change.path.ends_with(".yaml") || change.path.ends_with(".yml"))) continue;
    // Diagnostics name the file as git does (relative to the work tree), which is what the user sees in
    // `git status` and `ssmd diff`.
    yaml::Document::parse(change.path, *change.after, diagnostics);
  }
  int errors = 0;
  for (const auto &d : diagnostics) {
    err << format_diagnostic(d) << "\n";
    if (d.severity == Severity::Error) ++errors;
  }
  return errors;
}

} // namespace ssmd
