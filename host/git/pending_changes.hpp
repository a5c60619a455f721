// The metadata changes waiting in a work tree: every file under exchanges/ (and the plugin lock) whose
// working-tree content differs from HEAD, whether the change is staged, unstaged or not yet tracked.
// This one list feeds `ssmd diff`, the commit gate and `ssmd commit`, so they always agree.
#pragma once

#include "git/workspace.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::git {

enum class ChangeStatus { Added, Modified, Deleted };

// "added", "modified" or "deleted".
std::string_view status_name(ChangeStatus status);

struct PendingChange {
  std::string path;                  // git path (relative to the work tree root)
  ChangeStatus status = ChangeStatus::Modified;
  bool untracked = false;            // the file is not in the index at all
  std::optional<std::string> before; // HEAD's bytes; nullopt when added
  std::optional<std::string> after;  // the working tree's bytes; nullopt when deleted
  git_filemode_t mode = GIT_FILEMODE_UNREADABLE; // the working tree file's mode; unset when deleted
  git_filemode_t before_mode = GIT_FILEMODE_UNREADABLE; // HEAD's mode; unset when added
  git_oid after_id{};                // the blob id of `after` as git would store it (filters applied)
  // The size of a side over kMaxRepositoryFileBytes (core/file_size_limit.hpp). Its bytes are never read:
  // `before` or `after` then holds an empty string, which only says that the file exists on that side.
  std::optional<uint64_t> before_too_large, after_too_large;
};

// HEAD versus the working tree for the metadata paths of `ws`, sorted by path. Files .gitignore hides
// are left out, as `git status` leaves them out. A change that was staged and then undone in the working
// tree is no change. Reads the index but never writes it.
std::vector<PendingChange> pending_changes(const Workspace &ws);

// What `change` means in domain terms (git/semantic_diff.hpp), `path` being its ssmd path; for a change with
// a side over the size limit, one line naming the file, its size and the limit instead.
std::vector<std::string> summarize_pending(const std::string &path, const PendingChange &change);
// Why `change` cannot be shown or compared (a side is over the size limit), or nullopt when it can.
std::optional<std::string> too_large_reason(const PendingChange &change);

} // namespace ssmd::git
