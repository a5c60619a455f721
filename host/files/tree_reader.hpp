// Reading the metadata files of a repository through one interface, so loaders and checkers never care
// where the bytes come from: the working tree (here), a commit (git::commit_reader, git/commit_reader.hpp)
// or the files a writing command is about to produce (registry::overlay_reader).
//
//   auto reader = files::working_tree_reader(root);
//   for (const auto &path : reader->list_files("exchanges/feeds"))
//     if (auto text = reader->read(path)) ...parse *text, naming `path` in diagnostics...
//
// Plugins receive the same view as an `ssmd_file_reader` (sdk/include/ssmd/plugin.h) from
// make_file_reader().
//
// Paths are relative to the ssmd repository root (the directory that holds exchanges/), use '/', and
// may not leave it: absolute paths and '..' components read as missing files, and so does a working-tree
// symbolic link that points outside the root.
#pragma once

#include <ssmd/plugin.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::files {

class TreeReader {
public:
  virtual ~TreeReader() = default;

  // The paths of the files directly under `dir` ("" is the root), sorted; with `recursive`, of every file
  // below it. Empty when `dir` does not exist or is not a directory.
  virtual std::vector<std::string> list_files(std::string_view dir, bool recursive = false) const = 0;

  // The bytes of the file at `path`; nullopt when there is no such file or `path` leaves the root. Throws
  // EnvironmentError when the file exists but cannot be read, and FileTooLarge (core/file_size_limit.hpp)
  // when it is over 16 MiB: its size is checked before a byte is read or a blob inflated.
  virtual std::optional<std::string> read(std::string_view path) const = 0;

  // What this reader shows, for messages: "the working tree" or "commit 1a2b3c4 (v1.2)".
  virtual std::string describe() const = 0;
};

// The working tree under `root`.
std::unique_ptr<TreeReader> working_tree_reader(const std::filesystem::path &root);

// The C view of `reader` for plugins. `reader` must outlive every use of the returned struct. `read`
// returns SSMD_OK after writing the whole file to the sink, SSMD_FAILED when the file does not exist or
// leaves the root, and SSMD_ENV_ERROR when it exists but cannot be read; no exception crosses it.
ssmd_file_reader make_file_reader(const TreeReader &reader);

// The normalised form of `path` ("a/./b/" reads "a/b"), or nullopt when it is absolute, contains a ".."
// component or a NUL byte.
std::optional<std::string> normalize_relative_path(std::string_view path);

} // namespace ssmd::files
