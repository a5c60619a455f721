#include "core/local_secret.hpp"

#include "core/sha256.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
constexpr size_t kSecretBytes = 32;

std::string random_hex() {
  unsigned char bytes[kSecretBytes] = {};
  size_t done = 0;
  while (done < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + done, sizeof bytes - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  static const char *hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 0xf];
  }
  return out;
}

std::optional<fs::path> secret_file() {
  if (const char *cache = std::getenv("XDG_CACHE_HOME"); cache && *cache == '/') return fs::path(cache) / "ssmd/cache-secret";
  if (const char *home = std::getenv("HOME"); home && *home == '/') return fs::path(home) / ".cache/ssmd/cache-secret";
  return std::nullopt;
}

// The secret in `path` when it is the user's own regular file, private, and holds a whole secret.
std::optional<std::string> read_secret(const fs::path &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string text(2 * kSecretBytes, '\0');
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 077) == 0 &&
            ::read(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok || text.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  return text;
}

std::string load_or_create() {
  auto path = secret_file();
  if (!path) return random_hex();
  if (auto existing = read_secret(*path)) return *existing;
  std::error_code ec;
  fs::create_directories(path->parent_path(), ec);
  ::chmod(path->parent_path().c_str(), 0700);
  // Written to a private temporary, then linked into place: two first runs at once agree on one secret.
  std::string secret = random_hex();
  std::string temp = path->string() + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    bool written = ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size());
    ::close(fd);
    if (written) (void)::link(temp.c_str(), path->c_str());
    ::unlink(temp.c_str());
  }
  if (auto stored = read_secret(*path)) return *stored;
  return secret; // not stored: this process's own
}
} // namespace

const std::string &local_cache_secret() {
  static const std::string secret = load_or_create();
  return secret;
}

std::string keyed_digest(std::string_view value) {
  Sha256 h;
  h.field(local_cache_secret()).field(value);
  return h.hex();
}

} // namespace ssmd
