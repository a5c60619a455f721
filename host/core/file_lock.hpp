// One writer at a time: an advisory lock (flock) on a lock file, held for the life of the object.
// The kernel drops the lock when the process dies, so a crash never leaves a repository locked.
#pragma once

#include <chrono>
#include <filesystem>

namespace ssmd {

class FileLock {
public:
  // Takes an exclusive lock on `path` (created on demand with its directory), retrying for up to
  // `wait`. Throws EnvironmentError with `busy_message` when another process still holds it then,
  // and EnvironmentError on I/O failure.
  FileLock(const std::filesystem::path &path, std::chrono::milliseconds wait, const std::string &busy_message);
  ~FileLock();
  FileLock(const FileLock &) = delete;
  FileLock &operator=(const FileLock &) = delete;

private:
  int fd_ = -1;
};

} // namespace ssmd
