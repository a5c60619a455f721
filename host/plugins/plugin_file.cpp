#include "plugins/plugin_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ssmd {

namespace {
bool same_time(const struct timespec &a, const struct timespec &b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }
} // namespace

std::shared_ptr<PluginFile> PluginFile::open(const std::filesystem::path &path, std::string &error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    error = errno == ELOOP ? std::string("it became a symbolic link while being checked")
                           : std::string("cannot open: ") + std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::string("cannot stat: ") + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  return std::shared_ptr<PluginFile>(new PluginFile(fd, st));
}

PluginFile::~PluginFile() { ::close(fd_); }

bool PluginFile::changed_since_opened() const {
  struct stat now {};
  if (::fstat(fd_, &now) != 0) return true;
  // Not ctime: a rename changes it, and renaming the file does not change what the descriptor reads.
  return now.st_size != status_.st_size || now.st_uid != status_.st_uid || now.st_mode != status_.st_mode ||
         !same_time(now.st_mtim, status_.st_mtim);
}

std::string PluginFile::proc_path() const { return "/proc/self/fd/" + std::to_string(fd_); }

} // namespace ssmd
