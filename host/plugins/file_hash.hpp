// SHA-256 of a file's bytes, the identity the lock file pins a plugin by.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ssmd {

// The lowercase hex SHA-256 of the file at `path`; nullopt (and `error` says why) when it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path &path, std::string &error);

// The same for the whole file behind an open descriptor, read with pread from offset 0, so a plugin is
// hashed through the very descriptor it is later loaded from.
std::optional<std::string> sha256_fd(int fd, std::string &error);

} // namespace ssmd
