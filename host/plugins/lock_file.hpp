// ssmd-plugins.lock: the plugins `--locked` may load, each pinned by the SHA-256 of its file. It is YAML,
// sorted by name, one plugin a few lines, so a change shows up as a small diff in review:
//
//   # ssmd-plugins.lock: the plugins `ssmd --locked` may load, ... (written by `ssmd init` and `ssmd plugin lock`)
//   plugins:
//     - name: feed-acme
//       version: "1.0.0"
//       sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
#pragma once

#include "core/atomic_file.hpp" // write_file_atomically(), which writers of a lock file use
#include "core/diagnostic.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

inline constexpr const char *kLockFileName = "ssmd-plugins.lock";

struct LockEntry {
  std::string name;
  std::string version; // informative: the hash is what is checked
  std::string sha256;  // 64 lowercase hex digits
};

struct LockFile {
  std::vector<LockEntry> plugins;
  const LockEntry *find(std::string_view name) const;
};

// Parses lock-file text. On failure returns nullopt and appends diagnostics with line and column,
// naming `display_name`.
std::optional<LockFile> parse_lock_file(std::string_view text, const std::string &display_name, Diagnostics &out);

// The text of a lock file, entries sorted by name.
std::string format_lock_file(const LockFile &lock);

// Reads and parses `path`. Throws EnvironmentError (exit 3) when it is missing, unreadable or malformed;
// the message carries file:line:col.
LockFile read_lock_file(const std::filesystem::path &path);

} // namespace ssmd
