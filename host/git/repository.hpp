// The git repository that holds an ssmd repository, opened the way `git` itself finds one: from any
// subdirectory, through a `.git` file of a linked worktree, never a bare repository (ssmd works on files).
#pragma once

#include "git/handle.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace ssmd::git {

class Repository {
public:
  // Opens the repository whose work tree contains `start`, searching upward as git does. Throws
  // EnvironmentError when there is none or it is bare.
  static Repository discover(const std::filesystem::path &start);

  git_repository *get() const { return repo_.get(); }
  // The root of the work tree (for a linked worktree, that worktree's root), canonical.
  const std::filesystem::path &workdir() const { return workdir_; }

  // HEAD names a branch that has no commit yet (a fresh repository).
  bool head_unborn() const;
  // HEAD points straight at a commit rather than at a branch.
  bool head_detached() const;
  // HEAD's commit, or null when HEAD is unborn.
  CommitHandle head_commit() const;
  // HEAD's tree, or null when HEAD is unborn.
  TreeHandle head_tree() const;
  // The branch HEAD names ("main"), also when it is unborn; nullopt when detached.
  std::optional<std::string> head_branch() const;
  // "a merge", "a rebase", "a cherry-pick", ... when one is in progress; nullopt otherwise.
  std::optional<std::string> operation_in_progress() const;

  // An abbreviated id that is unique in this repository (core.abbrev, at least 7 digits).
  std::string short_id(const git_oid &id) const;

private:
  Repository(RepositoryHandle repo, std::filesystem::path workdir);
  RepositoryHandle repo_;
  std::filesystem::path workdir_;
};

} // namespace ssmd::git
