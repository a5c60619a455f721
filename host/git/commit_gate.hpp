// The check `ssmd commit` runs before it writes anything: the seam between git and validation.
//
// TODO(validate engine): this is a stand-in. Today it parses every pending metadata YAML file (added or
// modified, per pending_changes()) with host/yaml/document.hpp and reports YAML diagnostics. When the
// validate engine lands, replace the body of validate_for_commit() (commit_gate.cpp) with a call to it
// over the working tree; keep the signature, which `ssmd commit` relies on:
//   - print every diagnostic to `err` as `file:line:col: severity: message [rule]`;
//   - return the number of errors (warnings do not count); 0 lets the commit go ahead;
//   - never write to the index, the working tree or the object database;
//   - throw CommandError (EnvironmentError, ...) only when validation could not run at all.
#pragma once

#include <iosfwd>

namespace ssmd {

class Context;

// Validates the metadata `ssmd commit` is about to record. Returns the number of errors it printed.
int validate_for_commit(Context &ctx, std::ostream &err);

} // namespace ssmd
