// Reading files as of a commit straight from the object database: no checkout, no working tree, no index.
// Paths are relative to the work tree's root and use '/'.
#pragma once

#include "git/repository.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::git {

// Resolves `ref` (anything `git rev-parse` accepts: HEAD~2, a branch, a tag, an abbreviated id) to a
// commit. Throws DomainError naming `ref` when it does not name a commit.
CommitHandle resolve_commit(const Repository &repo, std::string_view ref);
// The tree of `resolve_commit(repo, ref)`.
TreeHandle resolve_tree(const Repository &repo, std::string_view ref);
// The tree of `commit`.
TreeHandle commit_tree(const git_commit *commit);

// The id of the blob at `path` in `tree`; nullopt when `path` is missing or is not a file (a directory,
// a submodule). `tree` may be null (an unborn HEAD, the parent of a root commit).
std::optional<git_oid> blob_id(const git_tree *tree, std::string_view path);
// The same with the entry's mode: 100644, 100755, or 120000 for a symbolic link (whose blob is its target).
struct BlobEntry {
  git_oid id;
  git_filemode_t mode;
};
std::optional<BlobEntry> blob_entry(const git_tree *tree, std::string_view path);
// The id of the directory `dir` in `tree` ("" is `tree` itself); nullopt when missing or not a directory.
std::optional<git_oid> subtree_id(const git_tree *tree, std::string_view dir);
// The directory `dir` in `tree` ("" is `tree` itself, looked up again so the caller owns it); null when
// missing or not a directory.
TreeHandle subtree(const Repository &repo, const git_tree *tree, std::string_view dir);

// The size of the blob `id` as its object header records it (git_odb_read_header): nothing is inflated, so
// a blob of gigabytes costs what a small one does.
uint64_t blob_size(const Repository &repo, const git_oid &id);

// Every read_blob() checks the size first: a blob over kMaxRepositoryFileBytes (core/file_size_limit.hpp)
// throws FileTooLarge before it is inflated, so no history can make ssmd hold a huge file in memory.
// The bytes of the blob at `path` in `tree`; nullopt when there is no file there.
std::optional<std::string> read_blob(const Repository &repo, const git_tree *tree, std::string_view path);
// The bytes of the blob `id`; `what` names it in errors (its path; the id when empty).
std::string read_blob(const Repository &repo, const git_oid &id, const std::string &what = {});
// The bytes of `path` as of `ref`; nullopt when the commit has no file there.
std::optional<std::string> read_file_at(const Repository &repo, std::string_view ref, std::string_view path);

struct TreeItem {
  std::string name; // the entry's name within the directory
  bool is_directory = false;
};

// The entries of directory `dir` in `tree` ("" is the root), in git's order (by name); empty when `dir`
// is missing or not a directory. Submodules and symbolic links are left out.
std::vector<TreeItem> list_tree(const Repository &repo, const git_tree *tree, std::string_view dir);
// The same as of `ref`.
std::vector<TreeItem> list_directory_at(const Repository &repo, std::string_view ref, std::string_view dir);

} // namespace ssmd::git
