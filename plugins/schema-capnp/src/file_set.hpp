// The schema files one compilation may read: the repository's (through the host's reader, so a git
// commit works as well as the working tree) and those under import directories. Imports are resolved here
// with lexical path rules: `..` may never climb above exchanges/schemas (for the registry's files), the
// import directory a file came from, or the repository root; and every file passes `guard_schema_text`
// before the compiler sees it.
#pragma once

#include "declaration_chains.hpp"
#include "input_guard.hpp"

#include <ssmd/plugin.hpp>

#include <compare>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace ssmd::capnp_schema {

enum class Origin { Repository, Disk };

// The directory the registry keeps schema files in: relative imports of a version's file stay inside it.
inline constexpr std::string_view k_schema_dir = "exchanges/schemas";

struct FileKey {
  Origin origin = Origin::Repository;
  std::string root; // Disk: the absolute import directory; Repository: empty
  std::string path; // normalized, '/'-separated, relative to the repository or `root`
  // Repository: the directory relative imports from this file may not climb out of ("" is the whole
  // repository). Where a file was reached from does not make it another file, so it is not compared.
  std::string scope;

  // What diagnostics call the file: the repository path, or the absolute path on disk.
  std::string display() const { return origin == Origin::Repository ? path : root + "/" + path; }
  auto operator<=>(const FileKey &o) const { return std::tie(origin, root, path) <=> std::tie(o.origin, o.root, o.path); }
  bool operator==(const FileKey &o) const { return std::tie(origin, root, path) == std::tie(o.origin, o.root, o.path); }
};

// The key of a version's file `path` (normalized, repository-relative): one under exchanges/schemas may
// import only from there; any other (a file checked outside the registry's layout) from the repository.
FileKey main_file_key(const std::string &path);

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

  // Loads `main` and every file it imports, directly or not, and returns the longest chain of declarations
  // among them when it is longer than k_max_chain (see declaration_chains.hpp). From then on, a file loaded
  // later (one the compiler finds that the import scan did not) is refused when it would make such a chain.
  std::optional<DeclarationChains::Chain> long_chain(const FileKey &main);

private:
  struct Entry {
    std::optional<std::string> content;
    GuardFailure failure;
  };
  std::optional<std::string> read(const FileKey &key) const;
  // Adds a file that passed the guard to `chains_`; once the chains were checked, refuses (and takes out
  // again) a file that would make one too long.
  std::optional<GuardFailure> add_to_chains(const FileKey &key, const std::string &content);

  ssmd::Files repository_;
  std::vector<ImportDir> import_dirs_;
  std::map<FileKey, Entry> cache_;
  size_t total_bytes_ = 0;
  DeclarationChains chains_; // over every file loaded
  bool chains_checked_ = false;
};

} // namespace ssmd::capnp_schema
