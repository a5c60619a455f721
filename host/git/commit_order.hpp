// The commits `ssmd log` walks and the order it lists them in: newest first by committer time, and never
// a parent before its children. This is libgit2's order for GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME, made
// the same way (Kahn's algorithm over a binary heap keyed by time, with libgit2's own heap operations,
// so that commits of the same second come out exactly as they did), but each commit is read once: the
// revwalk read every commit a first time to order them and `ssmd log` read it again to compare its tree.
#pragma once

#include "git/repository.hpp"

#include <cstdint>
#include <vector>

namespace ssmd::git {

struct OrderedCommit {
  git_oid id{};
  git_oid tree{};
  int64_t time = 0;              // committer time, which orders the walk
  std::vector<uint32_t> parents; // positions of the parents in the list, in the commit's order
};

// Every commit reachable from `tip`, in that order. Empty when one of them cannot be read (the boundary of
// a shallow clone, a missing object), as libgit2's revwalk yielded nothing then.
std::vector<OrderedCommit> commits_in_log_order(const Repository &repo, const git_oid &tip);

} // namespace ssmd::git
