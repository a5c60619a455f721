// `.ssmd/` at the repository root: local state (configuration, caches, the writer lock) that is never
// committed. The folder ignores itself, like other tools' caches, so it stays out of `git status` even in
// a repository whose .gitignore does not list it.
#pragma once

#include <filesystem>

namespace ssmd {

// Returns `<root>/.ssmd/<sub>`, creating `.ssmd/` (with its `.gitignore`) and `sub` on demand. Never
// throws: a read-only checkout simply has no state folder, and callers that need it fail on their write.
std::filesystem::path state_dir(const std::filesystem::path &root, const std::filesystem::path &sub = {});

} // namespace ssmd
