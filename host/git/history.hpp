// Which commits changed which metadata files: a walk from HEAD that compares each commit's tree with its
// first parent's by object id (git/tree_compare.hpp), skipping unchanged subtrees without reading them.
// No diff is computed, so thousands of commits take milliseconds.
#pragma once

#include "git/repository.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::git {

// One file a commit changed: its git path and blob ids before (first parent) and after (nullopt when
// the file does not exist on that side).
struct FileChange {
  std::string path;
  std::optional<git_oid> before;
  std::optional<git_oid> after;
};

struct HistoryEntry {
  git_oid id{};
  std::string short_id;
  int64_t time = 0;          // author time, seconds since the epoch
  int offset_minutes = 0;    // the author's UTC offset
  std::string author;
  std::string email;
  std::string subject;       // the first paragraph of the message, on one line
  std::vector<FileChange> files;
};

struct HistoryFilter {
  // Git paths of single files, compared by blob id.
  std::vector<std::string> files;
  // Git directories whose changed files are found by comparing subtrees recursively.
  std::vector<std::string> dirs;
  // Which files under `dirs` count (given their git path); null accepts all.
  std::function<bool(std::string_view)> accept;
  // When not empty, every path `accept` takes starts with one of these (a file's path, or a prefix such
  // as "exchanges/schemas/trade."): the walk then reads, of a large directory, only the entries that can
  // lead to one, instead of comparing all of them in every commit.
  std::vector<std::string> only;
};

// Calls `visit` with each commit reachable from HEAD that changed a file `filter` selects, in the order
// and by the rules of `git log -- <paths>` (git/log_walk.hpp), until `visit` returns false; nothing when
// HEAD is unborn. A commit is compared with its parents in order: the first one it does not differ from
// ("TREESAME") is the only one the walk goes on to, and the commit is not listed; a commit that differs
// from all of them is listed, with its changes against the first parent, and the walk goes on to all of
// them. So a merge counts only when the selected files differ from every parent, and a side branch whose
// changes a merge did not keep is not walked, as git decides.
void walk_path_history(const Repository &repo, const HistoryFilter &filter,
                       const std::function<bool(HistoryEntry &&)> &visit);

// The first `limit` commits walk_path_history() visits (0: all of them).
std::vector<HistoryEntry> path_history(const Repository &repo, const HistoryFilter &filter, size_t limit = 0);

// Sets libgit2 up for a walk that reads each object about once, as `git log` does: no hashing of every
// object read to check it against its name (a third of `ssmd log`'s time on a long history), and no
// object cache (every commit and tree it parsed stayed in memory, and filling that memory with fresh
// pages cost more than reading again the few objects read twice). For commands that only show history;
// it holds for the rest of the process.
void configure_for_reading_history();

// "2025-07-01" (short) or "2025-07-01T09:30:00+02:00" (iso) in the author's own time zone, as git prints.
std::string format_date(int64_t time, int offset_minutes, bool iso);

} // namespace ssmd::git
