// Writes a file so that readers, and a crash at any moment, see either the old or the new content:
// a temporary file in the same directory, fsync, rename over the target, fsync the directory.
#pragma once

#include <filesystem>
#include <string_view>

namespace ssmd {

// Replaces `path` with `content`, creating missing parent directories. Keeps the target's permission bits when it exists (else `mode`).
// Throws EnvironmentError naming the file on failure; the target is then untouched and no temporary
// file is left behind.
void write_file_atomically(const std::filesystem::path &path, std::string_view content, unsigned mode = 0644);

} // namespace ssmd
