// The walk `git log` makes from HEAD, one commit at a time: a queue ordered by committer time, newest
// first, commits of the same second in the order they were queued (git's commit_list_insert_by_date()),
// each commit queued once, when the first child that follows it is taken. Nothing is read ahead, so
// `ssmd log -n 20` reads about as many commits as `git log -n 20` does, not the whole history.
//
// Which parents a commit's walk goes on to is the caller's choice (LogWalk::follow): `git log -- <paths>`
// goes on to the first parent the paths did not change from, alone, and to all of them when there is none
// (path_history() in git/history.cpp makes that choice).
#pragma once

#include "git/oid_hash.hpp"
#include "git/repository.hpp"

#include <cstdint>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ssmd::git {

// What the walk needs of a commit.
struct WalkedCommit {
  git_oid id{};
  git_oid tree{};
  int64_t time = 0;             // committer time, which orders the walk
  std::vector<git_oid> parents; // in the commit's order; none for a root and for a shallow clone's boundary
};

class LogWalk {
public:
  // Starts at `tip`. A shallow clone's boundary commits (listed in its `shallow` file) have no parents, as
  // git treats them.
  LogWalk(const Repository &repo, const git_oid &tip);

  // The next commit, or null when the walk is over. Valid while the walk lives.
  const WalkedCommit *next();

  // Commit `id`, read once and kept (a parent is read to compare its tree before the walk reaches it).
  // Throws EnvironmentError when it cannot be read, naming it: a repository missing objects.
  const WalkedCommit &commit(const git_oid &id);

  // Queues `parent` (of the commit next() gave last), unless it was queued before.
  void follow(const git_oid &parent);

private:
  struct Queued {
    int64_t time;
    uint64_t order; // queued earlier comes out first among commits of the same second
    git_oid id;
    bool operator<(const Queued &other) const {
      return time != other.time ? time < other.time : order > other.order; // std::priority_queue pops the largest
    }
  };

  const Repository &repo_;
  git_odb *odb_ = nullptr;
  OdbHandle odb_owner_;
  std::unordered_set<git_oid, OidHash, OidEqual> shallow_;
  std::unordered_map<git_oid, WalkedCommit, OidHash, OidEqual> read_;
  std::unordered_set<git_oid, OidHash, OidEqual> queued_;
  std::priority_queue<Queued> queue_;
  uint64_t next_order_ = 0;
};

} // namespace ssmd::git
