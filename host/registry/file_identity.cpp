#include "registry/file_identity.hpp"

#include <sys/stat.h>
#include <time.h>

namespace ssmd::registry {

namespace {
int64_t nanoseconds(const timespec &t) { return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }
} // namespace

std::optional<std::string> stable_file_identity(const std::filesystem::path &path, uint64_t max_bytes) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  if (!S_ISREG(st.st_mode) || st.st_nlink != 1 || static_cast<uint64_t>(st.st_size) > max_bytes) return std::nullopt;
  timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const int64_t changed = std::max(nanoseconds(st.st_mtim), nanoseconds(st.st_ctim));
  if (nanoseconds(now) - changed < 2'000'000'000) return std::nullopt;
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(nanoseconds(st.st_mtim)) + ":" + std::to_string(nanoseconds(st.st_ctim));
}

} // namespace ssmd::registry
