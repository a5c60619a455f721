#include "plugins/file_hash.hpp"

#include "core/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ssmd {

std::optional<std::string> sha256_file(const std::filesystem::path &path, std::string &error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  auto hash = sha256_fd(fd, error);
  ::close(fd);
  return hash;
}

std::optional<std::string> sha256_fd(int fd, std::string &error) {
  Sha256 hash;
  char buffer[1 << 16];
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("cannot read: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    hash.add(std::string_view(buffer, static_cast<size_t>(n)));
    offset += n;
  }
  return hash.hex();
}

} // namespace ssmd
