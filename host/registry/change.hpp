// Query before act. A writing command takes the repository lock, reads the repository, computes the files
// it would write (an Overlay), runs the core rules on the repository as it would be, and writes only when
// the change adds no error. Nothing is written on refusal; each file is replaced atomically.
#pragma once

#include "core/file_lock.hpp"
#include "registry/repository.hpp"

#include <iosfwd>
#include <memory>

namespace ssmd::registry {

// The errors in `after` that `before` does not have. Findings are matched by file, rule and message, so
// pre-existing errors whose line moved do not count as new.
Diagnostics added_errors(const Diagnostics &before, const Diagnostics &after);

class Transaction {
public:
  // Takes the lock on <root>/.ssmd/lock, waiting up to 2 s (SSMD_LOCK_TIMEOUT_MS overrides), and throws
  // EnvironmentError (exit 3) "repository is locked by another ssmd process" when it stays taken. Under the
  // lock, removes the temporaries that killed writers left in exchanges/ (core/atomic_file.hpp).
  explicit Transaction(const std::filesystem::path &root);
  ~Transaction();

  // The repository as it is on disk, read under the lock.
  Repository &repository() { return before_; }

  // Checks and writes `change`. On refusal prints the new errors to `err` and returns 1 with every file
  // untouched; on success prints the files written to `out` (plus any new warnings to `err`) and returns 0.
  int commit(const Overlay &change, std::ostream &out, std::ostream &err);

private:
  std::unique_ptr<FileLock> lock_;
  Repository before_;
};

} // namespace ssmd::registry
