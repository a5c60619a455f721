#include "git/tree_compare.hpp"

#include <algorithm>

namespace ssmd::git {

namespace {

std::optional<git_oid> blob_of(const git_tree_entry *entry) {
  if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry);
}

bool is_tree(const git_tree_entry *entry) { return entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE; }

bool same_id(const git_tree_entry *a, const git_tree_entry *b) {
  return a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

bool same_entry(const git_tree_entry *a, const git_tree_entry *b) {
  return same_id(a, b) && git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

const git_tree_entry *entry_named(const git_tree *tree, const std::string &name) {
  return tree ? git_tree_entry_byname(tree, name.c_str()) : nullptr;
}

// git sorts a directory's entries by name, a subdirectory's name compared as if it ended in '/'. Compares
// `entry` in that order with `text`: negative, zero or positive as it sorts before, equal or after.
int compare_key(const git_tree_entry *entry, std::string_view text) {
  std::string_view name = git_tree_entry_name(entry);
  size_t n = std::min(name.size(), text.size());
  if (int c = name.compare(0, n, text.substr(0, n))) return c;
  if (name.size() > n) return 1;
  // The name is a prefix of `text` (or equal to it); a directory's key goes on with '/'.
  if (!is_tree(entry)) return text.size() > n ? -1 : 0;
  if (text.size() == n) return 1;
  unsigned char slash = '/', next = static_cast<unsigned char>(text[n]);
  return slash < next ? -1 : slash > next ? 1 : (text.size() > n + 1 ? -1 : 0);
}

// The same order between two entries, as git's base_name_compare() decides it.
int git_order(const git_tree_entry *a, const git_tree_entry *b) {
  std::string_view x = git_tree_entry_name(a), y = git_tree_entry_name(b);
  size_t n = std::min(x.size(), y.size());
  if (int c = x.compare(0, n, y.substr(0, n))) return c;
  unsigned char cx = x.size() > n ? static_cast<unsigned char>(x[n]) : is_tree(a) ? '/' : 0;
  unsigned char cy = y.size() > n ? static_cast<unsigned char>(y[n]) : is_tree(b) ? '/' : 0;
  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

// The first entry of `tree` whose key does not sort before `prefix`: names that start with `prefix` (a
// text without '/') follow from there, one after the other.
size_t lower_bound(const git_tree *tree, std::string_view prefix) {
  size_t low = 0, high = git_tree_entrycount(tree);
  while (low < high) {
    size_t mid = low + (high - low) / 2;
    if (compare_key(git_tree_entry_byindex(tree, mid), prefix) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

} // namespace

TreeCompare::TreeCompare(const Repository &repo, const HistoryFilter &filter) : repo_(repo), filter_(filter) {
  std::vector<std::string> sorted = filter.only;
  std::sort(sorted.begin(), sorted.end());
  // A text's extensions follow it directly in sorted order, so the last one kept is the only candidate.
  for (auto &path : sorted)
    if (only_.empty() || !path.starts_with(only_.back())) only_.push_back(std::move(path));
}

const git_tree *TreeCompare::tree(const git_oid &id) {
  if (auto it = current_.find(id); it != current_.end()) return it->second.get();
  if (auto it = previous_.find(id); it != previous_.end())
    return current_.insert(previous_.extract(it)).position->second.get();
  git_tree *tree = nullptr;
  check(git_tree_lookup(&tree, repo_.get(), &id), "cannot read tree " + hex(id));
  return current_.emplace(id, TreeHandle(tree)).first->second.get();
}

void TreeCompare::next_commit() {
  previous_ = std::move(current_);
  current_.clear();
}

bool TreeCompare::descend(const git_tree *&a, const git_tree *&b, std::string_view dir) {
  if (a && b && git_oid_equal(git_tree_id(a), git_tree_id(b))) return false;
  while (!dir.empty()) {
    size_t slash = dir.find('/');
    const std::string name(dir.substr(0, slash));
    dir = slash == std::string_view::npos ? std::string_view() : dir.substr(slash + 1);
    if (name.empty()) continue;
    const git_tree_entry *ea = entry_named(a, name), *eb = entry_named(b, name);
    if (same_id(ea, eb)) return false;
    a = is_tree(ea) ? tree(*git_tree_entry_id(ea)) : nullptr;
    b = is_tree(eb) ? tree(*git_tree_entry_id(eb)) : nullptr;
    if (!a && !b) return false;
  }
  return true;
}

// A single file, compared by blob id alone.
void TreeCompare::compare_file(const git_tree *a, const git_tree *b, const std::string &path,
                               std::vector<FileChange> &out) {
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && !descend(a, b, std::string_view(path).substr(0, slash))) return;
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  auto before = blob_of(entry_named(a, name)), after = blob_of(entry_named(b, name));
  if (!before && !after) return;
  if (before && after && git_oid_equal(&*before, &*after)) return;
  out.push_back({path, before, after});
}

// One name present in `a`, `b` or both: recurse into directories, record files that differ.
void TreeCompare::compare_entry(const git_tree_entry *old_entry, const git_tree_entry *new_entry,
                                const std::string &dir, std::vector<FileChange> &out) {
  if (same_entry(old_entry, new_entry)) return;
  std::string path = dir + git_tree_entry_name(old_entry ? old_entry : new_entry);
  if (is_tree(old_entry) || is_tree(new_entry)) {
    const git_tree *old_tree = is_tree(old_entry) ? tree(*git_tree_entry_id(old_entry)) : nullptr;
    const git_tree *new_tree = is_tree(new_entry) ? tree(*git_tree_entry_id(new_entry)) : nullptr;
    compare_dirs(old_tree, new_tree, path + "/", out);
  }
  auto before = blob_of(old_entry), after = blob_of(new_entry);
  if ((before || after) && (!filter_.accept || filter_.accept(path))) out.push_back({path, before, after});
}

bool TreeCompare::narrowed(const git_tree *tree, std::string_view dir, std::vector<const git_tree_entry *> &out) const {
  if (only_.empty()) return false;
  for (const auto &allowed : only_)
    if (dir.starts_with(allowed)) return false; // `dir` lies wholly within an allowed path
  if (!tree) return true;
  for (const auto &allowed : only_) {
    if (!std::string_view(allowed).starts_with(dir)) continue;
    std::string_view rest = std::string_view(allowed).substr(dir.size());
    if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
      // A path further down: only the entry on the way there.
      if (auto entry = entry_named(tree, std::string(rest.substr(0, slash)))) out.push_back(entry);
      continue;
    }
    // The entries whose names start with `rest`: one file, or all of a schema's files by its naming convention.
    size_t count = git_tree_entrycount(tree);
    for (size_t i = lower_bound(tree, rest); i < count; ++i) {
      const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
      if (!std::string_view(git_tree_entry_name(entry)).starts_with(rest)) break;
      out.push_back(entry);
    }
  }
  if (only_.size() > 1) { // one prefix gives a range already in git's order
    std::sort(out.begin(), out.end(), [](auto *x, auto *y) { return git_order(x, y) < 0; });
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return true;
}

// Walks the entries of two directories side by side in git's order, so that finding each name on the
// other side costs nothing; a name that is a directory on one side and a file on the other sorts apart
// and is met twice, once as each, which records the same changes as meeting it once.
void TreeCompare::compare_dirs(const git_tree *a, const git_tree *b, const std::string &dir, std::vector<FileChange> &out) {
  std::vector<const git_tree_entry *> old_entries, new_entries;
  const bool narrow = narrowed(a, dir, old_entries) | narrowed(b, dir, new_entries);
  auto count = [&](const git_tree *t, const std::vector<const git_tree_entry *> &list) {
    return narrow ? list.size() : t ? git_tree_entrycount(t) : 0;
  };
  auto at = [&](const git_tree *t, const std::vector<const git_tree_entry *> &list, size_t i) {
    return narrow ? list[i] : git_tree_entry_byindex(t, i);
  };
  const size_t old_count = count(a, old_entries), new_count = count(b, new_entries);
  size_t i = 0, j = 0;
  while (i < old_count || j < new_count) {
    const git_tree_entry *old_entry = i < old_count ? at(a, old_entries, i) : nullptr;
    const git_tree_entry *new_entry = j < new_count ? at(b, new_entries, j) : nullptr;
    int order = !old_entry ? 1 : !new_entry ? -1 : git_order(old_entry, new_entry);
    if (order < 0) {
      compare_entry(old_entry, nullptr, dir, out);
      ++i;
    } else if (order > 0) {
      compare_entry(nullptr, new_entry, dir, out);
      ++j;
    } else {
      compare_entry(old_entry, new_entry, dir, out);
      ++i, ++j;
    }
  }
}

std::vector<FileChange> TreeCompare::changes(const git_tree *parent, const git_tree *tree) {
  std::vector<FileChange> files;
  for (const auto &path : filter_.files) compare_file(parent, tree, path, files);
  for (const auto &dir : filter_.dirs) {
    const git_tree *a = parent, *b = tree;
    if (descend(a, b, dir)) compare_dirs(a, b, dir.empty() ? "" : dir + "/", files);
  }
  std::sort(files.begin(), files.end(), [](const FileChange &x, const FileChange &y) { return x.path < y.path; });
  return files;
}

} // namespace ssmd::git
