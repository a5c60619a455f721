// Whether a plugin file may be trusted by who owns it and who can replace it, checked the way ssh checks
// authorized_keys and sudo its plugins: the file and every directory above it, up to /, must be owned by
// root or by the user running ssmd, and none of them may be writable by group or others. A sticky
// world-writable directory such as /tmp is not safe either: anyone may create a name in it first.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <sys/types.h>

namespace ssmd {

class SafeLocation {
public:
  // Trusts files owned by root or by `user` (ssmd passes its effective uid).
  explicit SafeLocation(uid_t user);

  // Why `real_dir` (an absolute path with symbolic links resolved) or a directory above it is unsafe, or
  // nullopt. Each directory is examined once per object, with lstat, so a link is never followed: a
  // hundred plugins in one folder cost one lstat per ancestor, not one per plugin.
  std::optional<std::string> unsafe_directory(const std::filesystem::path &real_dir);

  // Why a plugin file with this status (from lstat before it is opened, from fstat after) is unsafe, or
  // nullopt. `path` only names it in the message.
  std::optional<std::string> unsafe_file(const std::filesystem::path &path, const struct stat &st) const;

  uid_t user() const { return user_; }

private:
  std::optional<std::string> unsafe_owner_or_mode(const std::filesystem::path &path, const struct stat &st) const;

  uid_t user_;
  std::map<std::filesystem::path, std::optional<std::string>> directories_;
};

} // namespace ssmd
