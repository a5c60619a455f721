#include "core/sha256.hpp"

#include "core/errors.hpp"
#include "core/lazy_library.hpp"

#include <openssl/evp.h>

namespace ssmd {

namespace {

namespace crypto {
// SSMD_LIBCRYPTO_SONAME comes from the build: the libcrypto whose headers declared these functions.
constinit LazyLibrary library{"libcrypto", SSMD_LIBCRYPTO_SONAME};
constinit LazyFunction<decltype(::EVP_MD_CTX_new)> EVP_MD_CTX_new{library, "EVP_MD_CTX_new"};
constinit LazyFunction<decltype(::EVP_MD_CTX_free)> EVP_MD_CTX_free{library, "EVP_MD_CTX_free"};
constinit LazyFunction<decltype(::EVP_sha256)> EVP_sha256{library, "EVP_sha256"};
constinit LazyFunction<decltype(::EVP_DigestInit_ex)> EVP_DigestInit_ex{library, "EVP_DigestInit_ex"};
constinit LazyFunction<decltype(::EVP_DigestUpdate)> EVP_DigestUpdate{library, "EVP_DigestUpdate"};
constinit LazyFunction<decltype(::EVP_DigestFinal_ex)> EVP_DigestFinal_ex{library, "EVP_DigestFinal_ex"};
} // namespace crypto

std::string to_hex(const unsigned char *digest, unsigned int size) {
  static const char *hex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}
} // namespace

Sha256::Sha256() : ctx_(crypto::EVP_MD_CTX_new()) {
  // The constructor resolved the library, so the destructor's call cannot throw.
  crypto::EVP_MD_CTX_free.get();
  auto *ctx = static_cast<EVP_MD_CTX *>(ctx_);
  if (!ctx || crypto::EVP_DigestInit_ex(ctx, crypto::EVP_sha256(), nullptr) != 1) {
    crypto::EVP_MD_CTX_free(ctx);
    throw EnvironmentError("libcrypto cannot compute SHA-256");
  }
}

Sha256::~Sha256() { crypto::EVP_MD_CTX_free.get()(static_cast<EVP_MD_CTX *>(ctx_)); }

Sha256 &Sha256::add(std::string_view bytes) {
  if (crypto::EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(ctx_), bytes.data(), bytes.size()) != 1)
    throw EnvironmentError("libcrypto failed to update a SHA-256 digest");
  return *this;
}

Sha256 &Sha256::field(std::string_view bytes) {
  std::string prefix = std::to_string(bytes.size()) + ":";
  return add(prefix).add(bytes);
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (crypto::EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(ctx_), digest, &size) != 1)
    throw EnvironmentError("libcrypto failed to finish a SHA-256 digest");
  return to_hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) { return Sha256().add(bytes).hex(); }

} // namespace ssmd
