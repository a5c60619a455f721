#include "git/history.hpp"

#include "git/object_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace ssmd::git {

namespace {

TreeHandle lookup_tree(const Repository &repo, const git_oid &id) {
  git_tree *tree = nullptr;
  check(git_tree_lookup(&tree, repo.get(), &id), "cannot read tree " + hex(id));
  return TreeHandle(tree);
}

std::optional<git_oid> blob_of(const git_tree_entry *entry) {
  if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry);
}

bool is_tree(const git_tree_entry *entry) { return entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE; }

bool same_entry(const git_tree_entry *a, const git_tree_entry *b) {
  return a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
         git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

void changed_files(const Repository &repo, const git_tree *a, const git_tree *b, const std::string &dir,
                   const HistoryFilter &filter, std::vector<FileChange> &out);

// One name present in `a`, `b` or both: recurse into directories, record files that differ.
void compare_entry(const Repository &repo, const git_tree_entry *old_entry, const git_tree_entry *new_entry,
                   const std::string &dir, const HistoryFilter &filter, std::vector<FileChange> &out) {
  if (same_entry(old_entry, new_entry)) return;
  std::string path = dir + git_tree_entry_name(old_entry ? old_entry : new_entry);
  if (is_tree(old_entry) || is_tree(new_entry)) {
    TreeHandle old_tree = is_tree(old_entry) ? lookup_tree(repo, *git_tree_entry_id(old_entry)) : nullptr;
    TreeHandle new_tree = is_tree(new_entry) ? lookup_tree(repo, *git_tree_entry_id(new_entry)) : nullptr;
    changed_files(repo, old_tree.get(), new_tree.get(), path + "/", filter, out);
  }
  auto before = blob_of(old_entry), after = blob_of(new_entry);
  if ((before || after) && (!filter.accept || filter.accept(path))) out.push_back({path, before, after});
}

// Appends the files that differ between trees `a` and `b` (either may be null) under `dir`. Entries are
// matched by name with libgit2's binary search, so a large directory costs no allocation per entry.
void changed_files(const Repository &repo, const git_tree *a, const git_tree *b, const std::string &dir,
                   const HistoryFilter &filter, std::vector<FileChange> &out) {
  size_t new_count = b ? git_tree_entrycount(b) : 0, old_count = a ? git_tree_entrycount(a) : 0;
  for (size_t i = 0; i < new_count; ++i) {
    const git_tree_entry *new_entry = git_tree_entry_byindex(b, i);
    const git_tree_entry *old_entry = a ? git_tree_entry_byname(a, git_tree_entry_name(new_entry)) : nullptr;
    compare_entry(repo, old_entry, new_entry, dir, filter, out);
  }
  for (size_t i = 0; i < old_count; ++i) {
    const git_tree_entry *old_entry = git_tree_entry_byindex(a, i);
    if (!b || !git_tree_entry_byname(b, git_tree_entry_name(old_entry)))
      compare_entry(repo, old_entry, nullptr, dir, filter, out);
  }
}

std::vector<FileChange> commit_changes(const Repository &repo, const git_tree *parent, const git_tree *tree,
                                       const HistoryFilter &filter) {
  std::vector<FileChange> files;
  for (const auto &path : filter.files) {
    auto before = blob_id(parent, path), after = blob_id(tree, path);
    if (!before && !after) continue;
    if (before && after && git_oid_equal(&*before, &*after)) continue;
    files.push_back({path, before, after});
  }
  for (const auto &dir : filter.dirs) {
    auto before = subtree_id(parent, dir), after = subtree_id(tree, dir);
    if (!before && !after) continue;
    if (before && after && git_oid_equal(&*before, &*after)) continue;
    TreeHandle old_dir = before ? lookup_tree(repo, *before) : nullptr;
    TreeHandle new_dir = after ? lookup_tree(repo, *after) : nullptr;
    changed_files(repo, old_dir.get(), new_dir.get(), dir.empty() ? "" : dir + "/", filter, files);
  }
  std::sort(files.begin(), files.end(), [](const FileChange &x, const FileChange &y) { return x.path < y.path; });
  return files;
}

// A merge counts only when the selected files differ from every parent, as `git log -- <paths>` decides
// ("TREESAME"): files taken unchanged from a merged branch were already shown on that branch's commits.
bool same_as_another_parent(const Repository &repo, const git_commit *commit, const git_tree *tree,
                            const HistoryFilter &filter) {
  for (unsigned i = 1; i < git_commit_parentcount(commit); ++i) {
    git_commit *parent = nullptr;
    check(git_commit_parent(&parent, commit, i), "cannot read a parent of " + hex(*git_commit_id(commit)));
    CommitHandle owned(parent);
    TreeHandle parent_tree = commit_tree(parent);
    if (commit_changes(repo, parent_tree.get(), tree, filter).empty()) return true;
  }
  return false;
}

} // namespace

std::vector<HistoryEntry> path_history(const Repository &repo, const HistoryFilter &filter, size_t limit) {
  std::vector<HistoryEntry> out;
  if (repo.head_unborn()) return out;
  git_revwalk *raw = nullptr;
  check(git_revwalk_new(&raw, repo.get()), "cannot walk the history");
  RevwalkHandle walk(raw);
  // Newest first, and never a parent before its children: commits made within the same second (scripts,
  // rebases) would otherwise come out in an arbitrary order.
  check(git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), "cannot sort the history");
  check(git_revwalk_push_head(raw), "cannot walk the history from HEAD");
  git_oid id;
  while (git_revwalk_next(&id, raw) == 0) {
    git_commit *commit_raw = nullptr;
    check(git_commit_lookup(&commit_raw, repo.get(), &id), "cannot read commit " + hex(id));
    CommitHandle commit(commit_raw);
    TreeHandle tree = commit_tree(commit.get());
    TreeHandle parent_tree;
    if (git_commit_parentcount(commit_raw) > 0) {
      git_commit *parent = nullptr;
      check(git_commit_parent(&parent, commit_raw, 0), "cannot read the parent of " + hex(id));
      CommitHandle owned(parent);
      parent_tree = commit_tree(parent);
    }
    std::vector<FileChange> files = commit_changes(repo, parent_tree.get(), tree.get(), filter);
    if (files.empty() || same_as_another_parent(repo, commit_raw, tree.get(), filter)) continue;
    const git_signature *author = git_commit_author(commit_raw);
    const char *summary = git_commit_summary(commit_raw);
    out.push_back({id, repo.short_id(id), static_cast<int64_t>(author->when.time), author->when.offset,
                   author->name ? author->name : "", author->email ? author->email : "", summary ? summary : "",
                   std::move(files)});
    if (limit && out.size() >= limit) break;
  }
  return out;
}

std::string format_date(int64_t time, int offset_minutes, bool iso) {
  std::time_t local = static_cast<std::time_t>(time + int64_t(offset_minutes) * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[40];
  if (!iso) {
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
  }
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  // git offsets are within a day; the bound keeps the formatted zone to "+HH:MM".
  int minutes = std::min(offset_minutes < 0 ? -offset_minutes : offset_minutes, 24 * 60 - 1);
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return std::string(text) + zone;
}

} // namespace ssmd::git
