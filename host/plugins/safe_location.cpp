#include "plugins/safe_location.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

namespace fs = std::filesystem;

namespace ssmd {

SafeLocation::SafeLocation(uid_t user) : user_(user) {}

std::optional<std::string> SafeLocation::unsafe_owner_or_mode(const fs::path &path, const struct stat &st) const {
  if (st.st_uid != 0 && st.st_uid != user_)
    return path.string() + " is owned by uid " + std::to_string(st.st_uid) + ", not by root or the user running ssmd (uid " +
           std::to_string(user_) + ")";
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    if (S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX))
      return path.string() + " is writable by group or others; a sticky directory such as /tmp is no safer, since " +
             "anyone may create a file in it first (keep plugins in a folder only root or you can write)";
    return path.string() + " is writable by group or others (chmod go-w it, as ssh requires of its keys)";
  }
  return std::nullopt;
}

std::optional<std::string> SafeLocation::unsafe_file(const fs::path &path, const struct stat &st) const {
  if (!S_ISREG(st.st_mode)) return path.string() + " is not a regular file";
  return unsafe_owner_or_mode(path, st);
}

std::optional<std::string> SafeLocation::unsafe_directory(const fs::path &real_dir) {
  // The directories not yet examined, from `real_dir` up to the first one whose answer is known (or /).
  std::vector<fs::path> pending;
  std::optional<std::string> verdict;
  for (fs::path dir = real_dir;; dir = dir.parent_path()) {
    if (auto it = directories_.find(dir); it != directories_.end()) {
      verdict = it->second;
      break;
    }
    pending.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  // Top down, so that a directory's answer includes every ancestor's: the first unsafe one is named.
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    if (!verdict) {
      struct stat st {};
      if (::lstat(it->c_str(), &st) != 0) verdict = "cannot examine " + it->string() + ": " + std::strerror(errno);
      else if (!S_ISDIR(st.st_mode)) verdict = it->string() + " is not a directory";
      else verdict = unsafe_owner_or_mode(*it, st);
    }
    directories_[*it] = verdict;
  }
  return verdict;
}

} // namespace ssmd
