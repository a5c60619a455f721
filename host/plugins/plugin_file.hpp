// A plugin file opened once, at discovery: its manifest, owner, mode and (under --locked) SHA-256 are read
// from this descriptor, and the library is loaded from it too, by dlopen of /proc/self/fd/N. Renaming or
// replacing the path in between (renameat2 RENAME_EXCHANGE, say) cannot change which bytes run: the
// descriptor stays on the file that was checked. Forked workers inherit the descriptor and load it the
// same way.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <sys/stat.h>

namespace ssmd {

class PluginFile {
public:
  // Opens `path` read-only and close-on-exec, refusing a final symbolic link (the caller resolved links
  // before checking where the file lives). On failure returns null and sets `error` (a phrase).
  static std::shared_ptr<PluginFile> open(const std::filesystem::path &path, std::string &error);
  ~PluginFile();
  PluginFile(const PluginFile &) = delete;
  PluginFile &operator=(const PluginFile &) = delete;

  int fd() const { return fd_; }
  // The file's status when it was opened (fstat of the descriptor).
  const struct stat &status() const { return status_; }
  // Whether the file was written, truncated, chmod-ed or chown-ed since it was opened: its content or
  // ownership may no longer be what was checked. Compares size, mtime, mode and owner (fstat now and at
  // open); the owner, who alone may write it, could still forge the mtime of a same-size rewrite.
  bool changed_since_opened() const;
  // "/proc/self/fd/N": the name under which the dynamic loader opens this very file again.
  std::string proc_path() const;

private:
  PluginFile(int fd, const struct stat &st) : fd_(fd), status_(st) {}
  int fd_;
  struct stat status_;
};

} // namespace ssmd
