#include "git/history.hpp"

#include "git/object_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

namespace ssmd::git {

namespace {

TreeHandle lookup_tree(const Repository &repo, const git_oid &id) {
  git_tree *tree = nullptr;
  check(git_tree_lookup(&tree, repo.get(), &id), "cannot read tree " + hex(id));
  return TreeHandle(tree);
}

std::map<std::string, const git_tree_entry *> entries_of(const git_tree *tree) {
  std::map<std::string, const git_tree_entry *> out;
  if (!tree) return out;
  for (size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
    const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
    out.emplace(git_tree_entry_name(entry), entry);
  }
  return out;
}

std::optional<git_oid> blob_of(const git_tree_entry *entry) {
  if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry);
}

// Appends the files that differ between trees `a` and `b` (either may be null) under `dir`.
void changed_files(const Repository &repo, const git_tree *a, const git_tree *b, const std::string &dir,
                   const HistoryFilter &filter, std::vector<FileChange> &out) {
  auto old_entries = entries_of(a), new_entries = entries_of(b);
  std::map<std::string, std::pair<const git_tree_entry *, const git_tree_entry *>> both;
  for (const auto &[name, entry] : old_entries) both[name].first = entry;
  for (const auto &[name, entry] : new_entries) both[name].second = entry;
  for (const auto &[name, pair] : both) {
    auto [old_entry, new_entry] = pair;
    if (old_entry && new_entry && git_oid_equal(git_tree_entry_id(old_entry), git_tree_entry_id(new_entry)) &&
        git_tree_entry_filemode(old_entry) == git_tree_entry_filemode(new_entry))
      continue;
    std::string path = dir + name;
    auto is_tree = [](const git_tree_entry *e) { return e && git_tree_entry_type(e) == GIT_OBJECT_TREE; };
    if (is_tree(old_entry) || is_tree(new_entry)) {
      TreeHandle old_tree = is_tree(old_entry) ? lookup_tree(repo, *git_tree_entry_id(old_entry)) : nullptr;
      TreeHandle new_tree = is_tree(new_entry) ? lookup_tree(repo, *git_tree_entry_id(new_entry)) : nullptr;
      changed_files(repo, old_tree.get(), new_tree.get(), path + "/", filter, out);
    }
    auto before = blob_of(old_entry), after = blob_of(new_entry);
    if ((before || after) && (!filter.accept || filter.accept(path))) out.push_back({path, before, after});
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
