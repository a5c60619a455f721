// The schema files one compilation may read: the repository's (through the host's reader, so a git
// commit works as well as the working tree) and those under import directories. Imports are resolved here
// with lexical path rules: `..` may never climb above the repository root (or above the import directory a
// system schema came from), and every file passes `guard_schema_text` before the compiler sees it.
#pragma once

#include "input_guard.hpp"

#include <ssmd/plugin.hpp>

#include <compare>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::capnp_schema {

enum class Origin { Repository, Disk };

struct FileKey {
  Origin origin = Origin::Repository;
  std::string root; // Disk: the absolute import directory; Repository: empty
  std::string path; // normalized, '/'-separated, relative to the repository or `root`

  // What diagnostics call the file: the repository path, or the absolute path on disk.
  std::string display() const { return origin == Origin::Repository ? path : root + "/" + path; }
  auto operator<=>(const FileKey &) const = default;
};

struct ImportDir {
  Origin origin = Origin::Repository;
  std::string dir; // Repository: normalized relative path ("" is the root); Disk: absolute path
};

// Joins `relative` onto `base` ('/'-separated, no leading '/') resolving `.` and `..`; nullopt if the
// result would climb above `base`'s root or is empty.
std::optional<std::string> normalize_path(std::string_view base, std::string_view relative);

class FileSet {
public:
  FileSet(ssmd::Files repository, std::vector<ImportDir> import_dirs)
      : repository_(repository), import_dirs_(std::move(import_dirs)) {}

  // The content of a file, read and checked once. nullptr when it cannot be used; then `failure` (if
  // given) says why: rule::unreadable when it does not exist, else the guard's failure.
  const std::string *load(const FileKey &key, GuardFailure *failure = nullptr);

  // Resolves an import written in `importer`: relative ("x.capnp", "../y.capnp") or absolute
  // ("/capnp/c++.capnp", searched in the import directories). On failure, nullopt and `reason` says why.
  std::optional<FileKey> resolve(const FileKey &importer, std::string_view import_path, std::string &reason);

private:
  struct Entry {
    std::optional<std::string> content;
    GuardFailure failure;
  };
  std::optional<std::string> read(const FileKey &key) const;

  ssmd::Files repository_;
  std::vector<ImportDir> import_dirs_;
  std::map<FileKey, Entry> cache_;
  size_t total_bytes_ = 0;
};

} // namespace ssmd::capnp_schema
