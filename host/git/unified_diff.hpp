// Unified diffs and `--stat` lines for metadata changes, in the format `git diff` prints, made from the
// two versions' bytes (libgit2's git_patch_from_buffers), so untracked files diff like any other.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::git {

struct FilePatch {
  std::string path;
  std::string text;        // "diff --git a/... b/..." and its hunks
  size_t insertions = 0;   // added lines
  size_t deletions = 0;    // removed lines
  bool binary = false;
};

// The patch taking `path` from `before` to `after` (nullopt: the file does not exist on that side), each
// side with its git mode as `git diff` prints it: 100644, 100755, or 120000 for a symbolic link (whose
// content is its target). A file that becomes a link, or a link that becomes a file, is a deletion and an
// addition, as git shows it; a changed mode alone is "old mode"/"new mode".
FilePatch make_patch(const std::string &path, const std::optional<std::string> &before,
                     const std::optional<std::string> &after, unsigned before_mode = 0100644,
                     unsigned after_mode = 0100644);

// Writes a patch, coloured as git colours it (bold headers, cyan hunk lines, green additions, red
// removals) when `color`.
void write_patch(std::ostream &out, const FilePatch &patch, bool color);

// Writes ` path | 3 ++-` for each patch and the "N files changed, ..." total, as `git diff --stat`.
void write_stat(std::ostream &out, const std::vector<FilePatch> &patches, bool color);

} // namespace ssmd::git
