// SHA-256 through OpenSSL, as lowercase hex: schema hashes, plugin lock pins and cache keys.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd {

std::string sha256_hex(std::string_view bytes);
// Hashes a file's bytes; nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::filesystem::path &path);

// Feeds many parts into one digest (cache keys over several inputs).
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256 &) = delete;
  Sha256 &operator=(const Sha256 &) = delete;
  Sha256 &add(std::string_view bytes);
  // Adds a length prefix first, so ("ab","c") and ("a","bc") differ.
  Sha256 &field(std::string_view bytes);
  std::string hex();

private:
  void *ctx_;
};

} // namespace ssmd
