// Writes a file so that readers, and a crash at any moment, see either the old or the new content:
// a temporary file in the same directory, fsync, rename over the target, fsync the directory.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace ssmd {

// Replaces `path` with `content`, creating missing parent directories. Keeps the target's permission bits when it exists (else `mode`).
// Throws EnvironmentError naming the file on failure; the target is then untouched and no temporary
// file is left behind.
void write_file_atomically(const std::filesystem::path &path, std::string_view content, unsigned mode = 0644);

// The same without either fsync, for files that can be rebuilt from others (caches): readers still see the
// old or the new content, never a torn file, but after a power loss the file may hold its old content or be
// empty. Each fsync costs milliseconds, which adds up to seconds when a listing fills a cache of 1,000 entries.
void write_disposable_file_atomically(const std::filesystem::path &path, std::string_view content,
                                      unsigned mode = 0644);

// The same for a file inside a repository, `relative` to its `root`: no folder below `root` on the way may be
// a symbolic link (sdk/include/ssmd/repo_write.hpp says why), so a hostile clone cannot send the write out of
// the repository. Throws EnvironmentError naming the file and the link; nothing is written then.
void write_repository_file(const std::filesystem::path &root, const std::string &relative, std::string_view content,
                           unsigned mode = 0644);
// write_repository_file() without either fsync, for caches (see write_disposable_file_atomically()).
void write_disposable_repository_file(const std::filesystem::path &root, const std::string &relative,
                                      std::string_view content);
// Removes `root`/`relative` under the same rule; a missing file is not an error.
void remove_repository_file(const std::filesystem::path &root, const std::string &relative);
// Throws what write_repository_file() would throw about the folders on the way to `relative`, without
// creating or writing anything, so a command writing several files can refuse before the first.
void require_repository_writable(const std::filesystem::path &root, const std::string &relative);

// Whether `name` is a temporary of write_file_atomically(): `.<target>.tmp-XXXXXX`.
bool is_atomic_temporary(std::string_view name);

// Removes the temporaries that writers killed between creating and renaming them left in `dir` (and, when
// `recursive`, below it), and returns how many. Only files whose last change is at least `min_age` old are
// removed: call it with a zero age only while holding the lock every writer of `dir` holds, so no live
// temporary can be among them. Errors are ignored: a temporary that stays is harmless.
size_t remove_stale_temporaries(const std::filesystem::path &dir, bool recursive,
                                std::chrono::seconds min_age = std::chrono::seconds(0));

} // namespace ssmd
