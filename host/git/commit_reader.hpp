// The metadata files of a repository as they were in a commit (`--at REF`), as a files::TreeReader
// (files/tree_reader.hpp), so loaders and checkers read a commit as they read the working tree.
//
//   auto reader = git::open_tree_reader(ctx.repo_root(), at);  // at: std::optional<std::string> from --at
//   for (const auto &path : reader->list_files("exchanges/feeds"))
//     if (auto text = reader->read(path)) ...parse *text, naming `path` in diagnostics...
//
// The commit reader takes every byte straight from git's object database: it never checks anything out
// and never reads the working tree or the index, so it works with uncommitted changes lying around.
#pragma once

#include "files/tree_reader.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::git {

// The files of the ssmd repository at `root` as of `ref` (anything `git rev-parse` accepts). Throws
// EnvironmentError when `root` is not in a git work tree and DomainError when `ref` names no commit.
std::unique_ptr<files::TreeReader> commit_reader(const std::filesystem::path &root, std::string_view ref);

// What `--at REF` selects: commit_reader(root, *at) when `at` is set, else files::working_tree_reader(root).
std::unique_ptr<files::TreeReader> open_tree_reader(const std::filesystem::path &root,
                                                    const std::optional<std::string> &at);

} // namespace ssmd::git
