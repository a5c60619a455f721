#include "core/file_lock.hpp"

#include "core/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

FileLock::FileLock(const fs::path &path, std::chrono::milliseconds wait, const std::string &busy_message) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw EnvironmentError("cannot create " + path.parent_path().string() + ": " + ec.message());
  // O_NOFOLLOW: a lock file that a clone committed as a symbolic link must not create or open its target.
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd_ < 0 && errno == ELOOP)
    throw EnvironmentError("cannot open lock file " + path.string() + ": it is a symbolic link; remove it");
  if (fd_ < 0) throw EnvironmentError("cannot open lock file " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw EnvironmentError("cannot use lock file " + path.string() + ": it is not a regular file; remove it");
  }
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    int err = errno;
    if (err != EWOULDBLOCK && err != EINTR) {
      ::close(fd_);
      throw EnvironmentError("cannot lock " + path.string() + ": " + std::strerror(err));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw EnvironmentError(busy_message);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_); // closing the descriptor releases the flock
}

} // namespace ssmd
