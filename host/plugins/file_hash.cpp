#include "plugins/file_hash.hpp"

#include "core/sha256.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace ssmd {

std::optional<std::string> sha256_file(const std::filesystem::path &path, std::string &error) {
  std::unique_ptr<FILE, int (*)(FILE *)> file(std::fopen(path.c_str(), "rbe"), &std::fclose);
  if (!file) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  Sha256 hash;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) hash.add(std::string_view(buffer, n));
  if (std::ferror(file.get())) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  return hash.hex();
}

} // namespace ssmd
