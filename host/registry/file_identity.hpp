// A file's identity from its metadata alone, so a cache entry can be trusted without reading and hashing
// the file, as git's index trusts a work-tree file whose stat data has not changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ssmd::registry {

// "dev:ino:size:mtime:ctime" (times to the nanosecond) for a regular file that is not a symbolic link, has
// one name and is at most `max_bytes` long: the files read_repository_file() would read without refusal,
// as far as metadata tells. nullopt for anything else, and for a file changed within the last two seconds:
// a second write inside the file system's timestamp granularity could leave every field as it was ("racy
// git"), so such a file is always read.
std::optional<std::string> stable_file_identity(const std::filesystem::path &path, uint64_t max_bytes);

} // namespace ssmd::registry
