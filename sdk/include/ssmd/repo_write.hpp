/* Writing files inside an ssmd repository without following a symbolic link.
 *
 * A repository's contents come from whoever can push to it, and git stores symbolic links: a clone may
 * hold `exchanges/sealed-secrets -> /home/you/.ssh` or `.ssmd -> /tmp/x`. Whatever ssmd or a plugin writes
 * into a repository therefore goes through these functions, which open every folder below the root with
 * O_NOFOLLOW and refuse a folder that is a symbolic link, wherever it points. The root itself is the user's
 * choice (`--repo`, the working directory) and may be a link. The final name is replaced by rename(), which
 * replaces a link rather than writing through it.
 *
 *   std::string why;
 *   if (!ssmd::repo_write::write_file(root, "exchanges/sealed-secrets/kalshi.yaml", text, {}, why))
 *     report(why);  // e.g. "exchanges/sealed-secrets is a symbolic link (to /tmp/x); ..."
 *
 * Header-only and free of the plugin ABI: the host and plugins (secrets-sealed's `seal`) share it. Linux. */
#pragma once

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace ssmd::repo_write {

// A descriptor that closes itself.
class Descriptor {
public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  Descriptor(const Descriptor &) = delete;
  Descriptor &operator=(const Descriptor &) = delete;
  Descriptor(Descriptor &&other) noexcept : fd_(other.release()) {}
  Descriptor &operator=(Descriptor &&other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  ~Descriptor() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_;
};

namespace detail {
// The '/'-separated parts of `relative`, without empty and "." parts; false when it is absolute or has "..".
inline bool split(std::string_view relative, std::vector<std::string> &parts) {
  if (relative.starts_with('/')) return false;
  size_t pos = 0;
  while (pos <= relative.size()) {
    size_t end = relative.find('/', pos);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view part = relative.substr(pos, end - pos);
    if (part == ".." || part.find('\0') != std::string_view::npos) return false;
    if (!part.empty() && part != ".") parts.emplace_back(part);
    pos = end + 1;
  }
  return true;
}

inline std::string join(const std::vector<std::string> &parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < parts.size(); ++i) out += (out.empty() ? "" : "/") + parts[i];
  return out;
}

// " (to <target>)" for the link `name` in `dir`, or "".
inline std::string link_target(int dir, const std::string &name) {
  char target[PATH_MAX];
  ssize_t n = ::readlinkat(dir, name.c_str(), target, sizeof target - 1);
  if (n <= 0) return "";
  return " (to " + std::string(target, static_cast<size_t>(n)) + ")";
}

inline bool fail(std::string &why, const std::string &what, int err) {
  why = what + ": " + std::strerror(err);
  return false;
}
} // namespace detail

// Why open_folder() gave no folder.
enum class Problem {
  none,
  missing,    // a folder on the way does not exist (only without `create`); `why` stays empty
  link,       // a part is a symbolic link: the repository's doing
  not_folder, // a part is a file, FIFO or device: the repository's doing
  outside,    // `relative` is absolute or holds a ".." part
  system,     // opening or creating failed (permissions, a read-only file system, ...)
};

// Opens the folder `relative` below `root` ("" is the root itself) for writing into, each part without
// following a symbolic link. A missing folder is created (mode 0777 less the umask) when `create`. Returns an
// invalid descriptor, with `why` naming the part and `problem` (when given) saying which kind, when a part is
// a symbolic link, is not a folder, or cannot be opened or created, or (without `create`) is missing.
inline Descriptor open_folder(const std::string &root, std::string_view relative, bool create, std::string &why,
                              Problem *problem = nullptr) {
  Problem ignored;
  Problem &kind = problem ? *problem : ignored;
  kind = Problem::none;
  std::vector<std::string> parts;
  if (!detail::split(relative, parts)) {
    kind = Problem::outside;
    why = std::string(relative) + " leaves the repository (an absolute path or a '..' part)";
    return Descriptor();
  }
  Descriptor dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) {
    kind = Problem::system;
    detail::fail(why, "cannot open the repository " + root, errno);
    return Descriptor();
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string &part = parts[i];
    const std::string shown = detail::join(parts, i + 1);
    for (int attempt = 0;; ++attempt) {
      Descriptor next(::openat(dir.get(), part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (next) {
        dir = std::move(next);
        break;
      }
      const int err = errno;
      struct stat st {};
      const bool exists = ::fstatat(dir.get(), part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
      if (exists && S_ISLNK(st.st_mode)) {
        kind = Problem::link;
        why = shown + " is a symbolic link" + detail::link_target(dir.get(), part) +
              "; ssmd never writes through a symbolic link in the repository (replace it with a folder)";
        return Descriptor();
      }
      if (exists && !S_ISDIR(st.st_mode)) {
        kind = Problem::not_folder;
        why = shown + " is not a folder";
        return Descriptor();
      }
      if (err != ENOENT || exists || attempt > 0) {
        kind = Problem::system;
        detail::fail(why, "cannot open " + shown, err);
        return Descriptor();
      }
      if (!create) {
        kind = Problem::missing;
        return Descriptor();
      }
      if (::mkdirat(dir.get(), part.c_str(), 0777) != 0 && errno != EEXIST) {
        kind = Problem::system;
        detail::fail(why, "cannot create " + shown, errno);
        return Descriptor();
      }
    }
  }
  return dir;
}

// Checks, without creating or writing anything, that `relative` (a file) could be written: no folder on the
// way is a symbolic link or a non-folder (missing folders are fine; they would be created).
inline bool can_write(const std::string &root, std::string_view relative, std::string &why) {
  std::string_view folder = relative.substr(0, relative.rfind('/') == std::string_view::npos ? 0 : relative.rfind('/'));
  Problem problem = Problem::none;
  Descriptor dir = open_folder(root, folder, false, why, &problem);
  return dir || problem == Problem::missing;
}

struct WriteOptions {
  unsigned mode = 0644;  // for a new file; an existing regular file keeps its permission bits
  bool replace = true;   // false: fail (errno EEXIST, `why` saying so) when the file exists
  bool durable = true;   // fsync the file and the folder; false for caches, which can be rebuilt
};

// Writes `content` to `root`/`relative` atomically: a temporary `.<name>.tmp-XXXXXX` in the same folder,
// renamed (or, without `replace`, linked) over the name, so readers and a crash see the old file or the
// new one. Folders on the way are opened by open_folder() (created when missing). Returns false with `why`
// and nothing written, the temporary removed, on any failure.
inline bool write_file(const std::string &root, std::string_view relative, std::string_view content,
                       const WriteOptions &options, std::string &why) {
  const size_t slash = relative.rfind('/');
  const std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
  if (name.empty() || name == "." || name == "..") {
    why = std::string(relative) + " does not name a file";
    return false;
  }
  Descriptor dir = open_folder(root, slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash),
                               true, why);
  if (!dir) return false;
  const std::string shown(relative);
  unsigned mode = options.mode;
  struct stat st {};
  if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (!options.replace) {
      why = shown + " already exists";
      errno = EEXIST;
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      why = shown + " is a folder";
      return false;
    }
    if (S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
  }
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string temp;
  Descriptor file;
  for (int attempt = 0; attempt < 100 && !file; ++attempt) {
    unsigned char random[6] = {};
    if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random))
      for (auto &byte : random) byte = static_cast<unsigned char>(std::rand());
    temp = "." + name + ".tmp-";
    for (unsigned char byte : random) temp += letters[byte % (sizeof letters - 1)];
    file = Descriptor(::openat(dir.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!file && errno != EEXIST) return detail::fail(why, "cannot create a temporary file for " + shown, errno);
  }
  if (!file) return detail::fail(why, "cannot create a temporary file for " + shown, EEXIST);
  auto abandon = [&](const std::string &what) {
    const int err = errno;
    file.reset();
    ::unlinkat(dir.get(), temp.c_str(), 0);
    return detail::fail(why, what + " " + shown, err);
  };
  for (size_t done = 0; done < content.size();) {
    ssize_t n = ::write(file.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return abandon("cannot write");
    done += static_cast<size_t>(n);
  }
  if (::fchmod(file.get(), static_cast<mode_t>(mode)) != 0) return abandon("cannot set the mode of");
  if (options.durable && ::fsync(file.get()) != 0) return abandon("cannot flush");
  if (::close(file.release()) != 0) {
    const int err = errno;
    ::unlinkat(dir.get(), temp.c_str(), 0);
    return detail::fail(why, "cannot write " + shown, err);
  }
  // rename replaces (a link too, never its target); link refuses an existing name, so a file that appeared
  // meanwhile is never clobbered.
  const bool placed = options.replace ? ::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) == 0
                                      : ::linkat(dir.get(), temp.c_str(), dir.get(), name.c_str(), 0) == 0;
  const int err = errno;
  if (!placed || !options.replace) ::unlinkat(dir.get(), temp.c_str(), 0);
  if (!placed && err == EEXIST) {
    why = shown + " already exists";
    errno = EEXIST;
    return false;
  }
  if (!placed) return detail::fail(why, "cannot write " + shown, err);
  if (options.durable) ::fsync(dir.get());
  return true;
}

// Removes the file `root`/`relative` (a link is removed, not its target), its folders opened by
// open_folder(). True when it is gone, also when it was not there.
inline bool remove_file(const std::string &root, std::string_view relative, std::string &why) {
  const size_t slash = relative.rfind('/');
  const std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
  Problem problem = Problem::none;
  Descriptor dir = open_folder(root, slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash),
                               false, why, &problem);
  if (!dir) return problem == Problem::missing;
  if (::unlinkat(dir.get(), name.c_str(), 0) != 0 && errno != ENOENT)
    return detail::fail(why, "cannot remove " + std::string(relative), errno);
  return true;
}

} // namespace ssmd::repo_write
