#include "core/atomic_file.hpp"

#include "core/errors.hpp"

#include <ssmd/repo_write.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
[[noreturn]] void fail(const fs::path &path, const std::string &what, int err) {
  throw EnvironmentError("cannot write " + path.string() + ": " + what + ": " + std::strerror(err));
}
} // namespace

namespace {
enum class Durability { Synced, Unsynced };

void replace_file(const fs::path &path, std::string_view content, unsigned mode, Durability durability) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code dir_error;
  fs::create_directories(dir, dir_error);
  if (dir_error) fail(path, "cannot create its directory", dir_error.value());
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  // The leading dot and the pid keep temporaries out of globs and apart between processes.
  std::string tmp_template = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmp_template.data());
  if (fd < 0) fail(path, "cannot create a temporary file", errno);
  fs::path tmp = tmp_template;
  auto abandon = [&](const std::string &what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(path, what, err);
  };
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) abandon("write failed");
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) abandon("chmod failed");
  if (durability == Durability::Synced && ::fsync(fd) != 0) abandon("fsync failed");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "close failed", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail(path, "rename failed", err);
  }
  if (durability == Durability::Unsynced) return;
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}
} // namespace

void write_file_atomically(const fs::path &path, std::string_view content, unsigned mode) {
  replace_file(path, content, mode, Durability::Synced);
}

void write_disposable_file_atomically(const fs::path &path, std::string_view content, unsigned mode) {
  replace_file(path, content, mode, Durability::Unsynced);
}

namespace {
[[noreturn]] void refuse(const std::string &relative, const std::string &why) {
  throw EnvironmentError("cannot write " + relative + ": " + why + "; nothing was written");
}

void write_inside(const fs::path &root, const std::string &relative, std::string_view content, unsigned mode,
                  bool durable) {
  std::string why;
  repo_write::WriteOptions options;
  options.mode = mode;
  options.durable = durable;
  if (!repo_write::write_file(root.string(), relative, content, options, why)) refuse(relative, why);
}
} // namespace

void write_repository_file(const fs::path &root, const std::string &relative, std::string_view content, unsigned mode) {
  write_inside(root, relative, content, mode, true);
}

void write_disposable_repository_file(const fs::path &root, const std::string &relative, std::string_view content) {
  write_inside(root, relative, content, 0644, false);
}

void remove_repository_file(const fs::path &root, const std::string &relative) {
  std::string why;
  if (!repo_write::remove_file(root.string(), relative, why))
    throw EnvironmentError("cannot remove " + relative + ": " + why + "; nothing was removed");
}

void require_repository_writable(const fs::path &root, const std::string &relative) {
  std::string why;
  if (!repo_write::can_write(root.string(), relative, why)) refuse(relative, why);
}

bool is_atomic_temporary(std::string_view name) {
  // mkstemp replaces the six X of ".<target>.tmp-XXXXXX".
  constexpr std::string_view tag = ".tmp-";
  return name.size() > 1 + tag.size() + 6 && name.front() == '.' &&
         name.substr(name.size() - 6 - tag.size(), tag.size()) == tag;
}

size_t remove_stale_temporaries(const fs::path &dir, bool recursive, std::chrono::seconds min_age) {
  size_t removed = 0;
  const auto now = fs::file_time_type::clock::now();
  auto visit = [&](const fs::directory_entry &entry) {
    std::error_code ec;
    if (!is_atomic_temporary(entry.path().filename().string()) || !entry.is_regular_file(ec)) return;
    auto changed = entry.last_write_time(ec);
    if (ec || now - changed < min_age) return;
    if (fs::remove(entry.path(), ec) && !ec) ++removed;
  };
  std::error_code ec;
  if (recursive) {
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) visit(*it);
  } else {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) visit(*it);
  }
  return removed;
}

} // namespace ssmd
