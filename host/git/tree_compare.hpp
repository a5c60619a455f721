// Which selected files differ between two trees: the comparison `ssmd log` makes once per commit. It
// descends only where the two sides differ (an unchanged subtree is skipped by its id, unread), walks two
// directories side by side in git's order of entries, narrows a directory to the names `HistoryFilter::only`
// allows, and keeps the trees it read for the next commit, whose own tree is usually this one's parent.
#pragma once

#include "git/history.hpp"
#include "git/oid_hash.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace ssmd::git {

class TreeCompare {
public:
  TreeCompare(const Repository &repo, const HistoryFilter &filter);

  // The tree `id`, read once and kept while this commit or the next uses it.
  const git_tree *tree(const git_oid &id);

  // The files the filter selects that differ from `parent` to `tree` (either may be null), sorted by path.
  std::vector<FileChange> changes(const git_tree *parent, const git_tree *tree);

  // Moves on to the next commit: forgets the trees that neither it nor the last one used.
  void next_commit();

private:
  using Trees = std::unordered_map<git_oid, TreeHandle, OidHash, OidEqual>;

  // Follows `dir` ("" is the root) down both trees; false when there is nothing to compare below it
  // (the same subtree on both sides, or none on either).
  bool descend(const git_tree *&a, const git_tree *&b, std::string_view dir);
  void compare_file(const git_tree *a, const git_tree *b, const std::string &path, std::vector<FileChange> &out);
  void compare_dirs(const git_tree *a, const git_tree *b, const std::string &dir, std::vector<FileChange> &out);
  void compare_entry(const git_tree_entry *old_entry, const git_tree_entry *new_entry, const std::string &dir,
                     std::vector<FileChange> &out);
  // The entries of `tree` (directory `dir`, ending in '/') that can lead to a path `only` allows, in git's
  // order; false (and nothing) when every entry can.
  bool narrowed(const git_tree *tree, std::string_view dir, std::vector<const git_tree_entry *> &out) const;

  const Repository &repo_;
  const HistoryFilter &filter_;
  // `filter_.only` without the entries another one covers: a schema's own YAML and the files its versions
  // name mostly start with its naming convention's prefix, and each entry costs a search per directory.
  std::vector<std::string> only_;
  Trees current_, previous_;
};

} // namespace ssmd::git
