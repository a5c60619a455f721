// Replacing a file so that readers see the old bytes or the new ones, never a mixture, and a crash
// leaves no half-written file: a temporary file in the same directory, fsync, rename, fsync of the
// directory.
#pragma once

#include <filesystem>
#include <string_view>

namespace ssmd {

// Writes `bytes` to `path` atomically, creating parent directories. A file that exists keeps its
// permission bits; a new one gets 0644 (less the umask). Throws EnvironmentError on failure, after
// removing the temporary file.
void write_file_atomically(const std::filesystem::path &path, std::string_view bytes);

} // namespace ssmd
