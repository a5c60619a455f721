#include "registry/file_read.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::registry {

namespace {
FileRead refuse(std::string rule, std::string problem) { return FileRead{std::nullopt, std::move(rule), std::move(problem)}; }

// Closes a descriptor when the read is over.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};
} // namespace

FileRead read_repository_file(const fs::path &root, const std::string &relative, uint64_t max_bytes,
                              const std::string &too_large_rule, const fs::path *real_root) {
  const fs::path path = root / relative;
  std::error_code root_error, path_error;
  const fs::path resolved_root = real_root ? *real_root : fs::weakly_canonical(root, root_error);
  const fs::path real = fs::weakly_canonical(path, path_error);
  if (!root_error && !path_error) {
    fs::path inside = real.lexically_relative(resolved_root);
    if (inside.empty() || *inside.begin() == "..")
      return refuse("io/outside-repository", "file resolves through a symbolic link to " + real.string() +
                                                 ", outside the repository; refusing to read it");
  }
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0 && errno == ENOENT) return FileRead{std::nullopt, "io/read", "cannot read file: not found", true};
  if (file.fd < 0) return refuse("io/read", std::string("cannot read file: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return refuse("io/read", std::string("cannot read file: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return refuse("io/not-regular", "path is a directory, FIFO, socket or device, not a regular file; refusing to read it");
  if (st.st_nlink > 1)
    return refuse("io/hard-link", "file has " + std::to_string(st.st_nlink) +
                                      " hard links; another of its names may lie outside the repository, so ssmd "
                                      "refuses hard-linked files (replace it with a copy)");
  auto too_large = [&](uint64_t size) {
    return refuse(too_large_rule, "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes));
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return too_large(static_cast<uint64_t>(st.st_size));
  // The size may change between fstat and read: reading stops once past the limit. Past the size
  // fstat gave, a small buffer on the stack finds the end (or the growth): growing the string to probe
  // would zero tens of KiB per file, which dominated listing a thousand small files.
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  char probe[4096];
  while (done <= max_bytes) {
    const bool within = done < text.size();
    ssize_t n = within ? ::read(file.fd, text.data() + done, text.size() - done) : ::read(file.fd, probe, sizeof probe);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return refuse("io/read", std::string("cannot read file: ") + std::strerror(errno));
    if (n == 0) break;
    if (!within) text.append(probe, static_cast<size_t>(n));
    done += static_cast<size_t>(n);
  }
  text.resize(done);
  if (done > max_bytes) return too_large(done);
  return FileRead{std::move(text), {}, {}};
}

} // namespace ssmd::registry
