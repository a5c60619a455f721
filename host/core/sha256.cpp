#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>

namespace ssmd {

namespace {
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

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(ctx_), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL SHA-256 is unavailable");
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(ctx_)); }

Sha256 &Sha256::add(std::string_view bytes) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(ctx_), bytes.data(), bytes.size());
  return *this;
}

Sha256 &Sha256::field(std::string_view bytes) {
  std::string prefix = std::to_string(bytes.size()) + ":";
  return add(prefix).add(bytes);
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(ctx_), digest, &size);
  return to_hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) { return Sha256().add(bytes).hex(); }

std::optional<std::string> sha256_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 hash;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) hash.add(std::string_view(buf, static_cast<size_t>(in.gcount())));
  if (in.bad()) return std::nullopt;
  return hash.hex();
}

} // namespace ssmd
