// The largest repository file ssmd reads. Metadata files are kilobytes; a file of many megabytes in
// exchanges/ is a mistake or an attack, so every reader (the working tree, a commit's blobs, `ssmd log`
// and `ssmd diff`) checks the size first and refuses the file unread, naming its size and this limit.
#pragma once

#include "core/errors.hpp"

#include <cstdint>
#include <string>

namespace ssmd {

inline constexpr uint64_t kMaxRepositoryFileBytes = uint64_t(16) << 20; // 16 MiB

// "file is 314572800 bytes; the limit is 16777216": the sentence every refusal of a large file uses.
inline std::string too_large_problem(uint64_t size, uint64_t limit = kMaxRepositoryFileBytes) {
  return "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(limit);
}

// Thrown by a reader asked for a file over the limit, before a byte of it is read or inflated. An
// EnvironmentError, so every caller that already handles an unreadable file handles this one too; callers
// that report findings turn it into their `*/too-large` rule instead.
struct FileTooLarge : EnvironmentError {
  FileTooLarge(const std::string &path, uint64_t size_, uint64_t limit_ = kMaxRepositoryFileBytes)
      : EnvironmentError(path + ": " + too_large_problem(size_, limit_) + "; not read"), size(size_), limit(limit_) {}
  uint64_t size;
  uint64_t limit;
};

} // namespace ssmd
