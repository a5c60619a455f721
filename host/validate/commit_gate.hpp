// The check `ssmd commit` runs before it writes anything: the seam between git and validation, on the
// validation side (git/ knows nothing of validation).
//
// It runs the validate engine over the working tree (host/validate/engine.hpp), so a commit is refused
// for exactly what `ssmd validate` reports. The contract `ssmd commit` relies on:
//   - print every diagnostic to `err` as `file:line:col: severity: message [rule]`;
//   - return the number of errors (warnings do not count); 0 lets the commit go ahead;
//   - never write to the index, the working tree or the object database;
//   - throw CommandError (EnvironmentError, ...) only when validation could not run at all.
#pragma once

#include "plugins/plugin_access.hpp"

#include <filesystem>
#include <iosfwd>

namespace ssmd {

// Validates the metadata `ssmd commit` is about to record in the repository at `root`. Returns the number of
// errors it printed.
int validate_for_commit(PluginAccess access, const std::filesystem::path &root, std::ostream &err);

} // namespace ssmd
