#include "files/tree_reader.hpp"

#include "core/errors.hpp"
#include "core/file_size_limit.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::files {

std::optional<std::string> normalize_relative_path(std::string_view path) {
  if (path.starts_with('/') || path.find('\0') != std::string_view::npos) return std::nullopt;
  std::string out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = std::min(path.find('/', pos), path.size());
    std::string_view part = path.substr(pos, end - pos);
    if (part == "..") return std::nullopt;
    if (!part.empty() && part != ".") out += (out.empty() ? "" : "/") + std::string(part);
    pos = end + 1;
  }
  return out;
}

namespace {

// The bytes of the regular file `full`, refused with FileTooLarge (naming `path`) when it is, or grows while
// being read to, more than kMaxRepositoryFileBytes: the size is checked before reading, so a huge file costs
// nothing. O_NONBLOCK: a FIFO put in the file's place since the caller looked must not block the read.
std::string read_bounded(const fs::path &full, const std::string &path) {
  struct Descriptor {
    int fd;
    ~Descriptor() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0) throw EnvironmentError("cannot open " + full.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) throw EnvironmentError("cannot read " + full.string());
  if (static_cast<uint64_t>(st.st_size) > kMaxRepositoryFileBytes) throw FileTooLarge(path, static_cast<uint64_t>(st.st_size));
  std::string bytes;
  bytes.reserve(static_cast<size_t>(st.st_size));
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw EnvironmentError("cannot read " + full.string() + ": " + std::strerror(errno));
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > kMaxRepositoryFileBytes) throw FileTooLarge(path, bytes.size());
  }
}

class WorkingTreeReader final : public TreeReader {
public:
  explicit WorkingTreeReader(fs::path root) {
    std::error_code ec;
    root_ = fs::weakly_canonical(root, ec);
    if (ec) root_ = std::move(root);
  }

  std::vector<std::string> list_files(std::string_view dir, bool recursive) const override {
    std::vector<std::string> out;
    auto base = inside(dir);
    std::error_code ec;
    if (!base || !fs::is_directory(*base, ec)) return out;
    auto add = [&](const fs::directory_entry &entry) {
      std::error_code e;
      if (entry.is_regular_file(e) && inside_root(entry.path()))
        out.push_back(entry.path().lexically_relative(root_).generic_string());
    };
    if (recursive) {
      for (fs::recursive_directory_iterator it(*base, ec), end; !ec && it != end; it.increment(ec)) add(*it);
    } else {
      for (fs::directory_iterator it(*base, ec), end; !ec && it != end; it.increment(ec)) add(*it);
    }
    if (ec) throw EnvironmentError("cannot list " + base->string() + ": " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<std::string> read(std::string_view path) const override {
    auto full = inside(path);
    std::error_code ec;
    if (!full || !fs::is_regular_file(*full, ec)) return std::nullopt;
    return read_bounded(*full, std::string(path));
  }

  std::string describe() const override { return "the working tree"; }

private:
  // The absolute path of `relative`, when it stays under the root once symbolic links are resolved.
  std::optional<fs::path> inside(std::string_view relative) const {
    auto normal = normalize_relative_path(relative);
    if (!normal) return std::nullopt;
    fs::path full = normal->empty() ? root_ : root_ / *normal;
    if (!inside_root(full)) return std::nullopt;
    return full;
  }

  bool inside_root(const fs::path &full) const {
    std::error_code ec;
    fs::path real = resolved(full, ec);
    if (ec) return false;
    auto rel = real.lexically_relative(root_);
    return !rel.empty() && !rel.generic_string().starts_with("..");
  }

  // fs::weakly_canonical(full), with each folder resolved once: resolving costs a readlink per path
  // component, and a validate run checks thousands of files in a handful of folders. A path that is itself
  // a symbolic link, or does not exist, is resolved in full.
  fs::path resolved(const fs::path &full, std::error_code &ec) const {
    struct stat st {};
    if (!full.has_parent_path() || ::lstat(full.c_str(), &st) != 0 || S_ISLNK(st.st_mode))
      return fs::weakly_canonical(full, ec);
    const fs::path parent = full.parent_path();
    std::lock_guard lock(folders_mutex_);
    auto it = folders_.find(parent);
    if (it == folders_.end()) {
      fs::path real = fs::weakly_canonical(parent, ec);
      if (ec) return {};
      it = folders_.emplace(parent, std::move(real)).first;
    }
    return it->second / full.filename();
  }

  fs::path root_;
  mutable std::mutex folders_mutex_;                // plugin jobs read from several threads
  mutable std::map<fs::path, fs::path> folders_;   // folder -> its resolved path
};

} // namespace

std::unique_ptr<TreeReader> working_tree_reader(const fs::path &root) { return std::make_unique<WorkingTreeReader>(root); }

ssmd_file_reader make_file_reader(const TreeReader &reader) {
  ssmd_file_reader out{};
  out.ctx = const_cast<TreeReader *>(&reader);
  out.read = [](void *ctx, ssmd_str path, const ssmd_bytes_sink *sink) -> ssmd_status {
    try {
      std::string_view p = path.data ? std::string_view(path.data, path.size) : std::string_view();
      auto bytes = static_cast<const TreeReader *>(ctx)->read(p);
      if (!bytes) return SSMD_FAILED;
      if (sink && sink->write) sink->write(sink->ctx, ssmd_str{bytes->data(), bytes->size()});
      return SSMD_OK;
    } catch (...) {
      // Nothing may unwind through a plugin's frames.
      return SSMD_ENV_ERROR;
    }
  };
  return out;
}

} // namespace ssmd::files
