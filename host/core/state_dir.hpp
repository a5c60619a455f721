// `.ssmd/` at the repository root: local state (configuration, caches, the writer lock) that is never
// committed. The folder ignores itself, like other tools' caches, so it stays out of `git status` even in
// a repository whose .gitignore does not list it.
//
// A clone can still commit a `.ssmd` that is a symbolic link (to another checkout, to a folder of the user's),
// and ssmd would then write its lock and caches there. So `.ssmd` and every folder under it must be a real
// folder: a symbolic link anywhere on the way is refused (sdk/include/ssmd/repo_write.hpp).
#pragma once

#include <filesystem>

namespace ssmd {

// Returns `<root>/.ssmd/<sub>`, creating `.ssmd/` (with its `.gitignore`) and `sub` on demand. Throws
// EnvironmentError when `.ssmd` or a folder below it is a symbolic link or not a folder; other failures
// (a read-only checkout simply has no state folder) do not throw, and callers that need the folder fail on
// their write.
std::filesystem::path state_dir(const std::filesystem::path &root, const std::filesystem::path &sub = {});

} // namespace ssmd
