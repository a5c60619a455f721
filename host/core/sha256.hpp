// SHA-256 through OpenSSL's libcrypto, as lowercase hex: schema hashes, plugin lock pins and cache keys.
// The one place the host calls libcrypto, which it opens on first use (core/lazy_library.hpp).
#pragma once

#include <string>
#include <string_view>

namespace ssmd {

// Throws EnvironmentError when libcrypto cannot be loaded.
std::string sha256_hex(std::string_view bytes);

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
