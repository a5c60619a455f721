#include "core/atomic_file.hpp"

#include "core/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
[[noreturn]] void fail(const std::string &what, const fs::path &path, int err) {
  throw EnvironmentError("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

void fsync_directory(const fs::path &dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) fail("sync directory", dir, err);
}
} // namespace

void write_file_atomically(const fs::path &path, std::string_view bytes) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw EnvironmentError("cannot create directory " + dir.string() + ": " + ec.message());

  std::string temp_name = ".";
  temp_name += path.filename().string();
  temp_name += ".tmp.XXXXXX";
  std::string pattern = (dir / temp_name).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail("create a temporary file in", dir, errno);
  fs::path temp = pattern;
  auto abandon = [&](const std::string &what, int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail(what, temp, err);
  };
  struct stat st {};
  mode_t mode = 0;
  if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0644 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) abandon("set permissions of", errno);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) abandon("write", errno);
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) abandon("sync", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail("close", temp, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail("replace", path, err);
  }
  fsync_directory(dir);
}

} // namespace ssmd
