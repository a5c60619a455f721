// Query before act. A writing command takes the repository lock, reads the repository, computes the files
// it would write (an Overlay), checks the repository as it is and as it would be, and writes only when the
// change adds no error. Nothing is written on refusal; each file is replaced atomically.
//
// What "checks" means is injected: the commands pass every rule `ssmd validate` runs, plugins included
// (validate/write_check.hpp); without a checker only the core rules run (registry/check.hpp), which keeps
// this folder free of plugins and lets unit tests write without any.
#pragma once

#include "core/file_lock.hpp"
#include "registry/repository.hpp"

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>

namespace ssmd::registry {

// The most SSMD_LOCK_TIMEOUT_MS may ask a writer to wait for the repository lock: an hour.
inline constexpr long long kMaxLockWaitMs = 3600000;

// How long a writer waits for the repository lock: SSMD_LOCK_TIMEOUT_MS (0 to kMaxLockWaitMs), else 2 s.
// Throws UsageError (exit 2) when the variable is not such a number.
std::chrono::milliseconds lock_wait();

// The errors in `after` that `before` does not have. Findings are matched by file, rule and message, so
// pre-existing errors whose line moved do not count as new.
Diagnostics added_errors(const Diagnostics &before, const Diagnostics &after);

// The findings of every rule on a repository (the on-disk one, or one with the change as an overlay). May
// throw EnvironmentError (exit 3) when a check cannot be completed, e.g. a plugin crashed: nothing is written.
using Checker = std::function<Diagnostics(Repository &)>;

// The errors that refuse a change: those it adds, plus every `plugin/unavailable` error (a plugin that
// exists but may not run, e.g. excluded by --plugins or not in the lock) in a file the change writes, even
// one that was there before: the new content of that file would go unchecked. A `plugin/missing` error that
// was there before does not refuse: no plugin for it exists at all, and `ssmd validate` reports it anyway.
Diagnostics refusing_errors(const Diagnostics &before, const Diagnostics &after, const Overlay &change);

class Transaction {
public:
  // Takes the lock on <root>/.ssmd/lock, waiting up to 2 s (SSMD_LOCK_TIMEOUT_MS overrides), and throws
  // EnvironmentError (exit 3) "repository is locked by another ssmd process" when it stays taken. Under the
  // lock, removes the temporaries that killed writers left in exchanges/ (core/atomic_file.hpp). `check`
  // runs on the repository before and after the change; empty means the core rules only.
  explicit Transaction(const std::filesystem::path &root, Checker check = {});
  ~Transaction();

  // The repository as it is on disk, read under the lock.
  Repository &repository() { return before_; }

  // Checks and writes `change`. On refusal prints the refusing errors to `err` and returns 1 with every file
  // untouched; on success prints the files written to `out` (plus any new warnings to `err`) and returns 0.
  // An EnvironmentError from the checker propagates with nothing written. A YAML file that exists keeps its
  // line endings: when it uses CRLF, so does its new content.
  // Files are written with write_repository_file() (core/atomic_file.hpp): never through a symbolic link.
  int commit(const Overlay &change, std::ostream &out, std::ostream &err);

  // The errors the last commit() was refused for (empty when it wrote), for a command's hints.
  const Diagnostics &refusal() const { return refusal_; }

private:
  std::unique_ptr<FileLock> lock_;
  Repository before_;
  Checker check_;
  Diagnostics refusal_;
};

} // namespace ssmd::registry
