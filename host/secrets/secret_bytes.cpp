#include "secrets/secret_bytes.hpp"

#include <string.h> // explicit_bzero: a wipe the compiler may not drop as a dead store

#include <cstring>
#include <utility>

namespace ssmd::secrets {

SecretBytes::SecretBytes(std::string_view bytes) : bytes_(new char[bytes.size() + 1]), size_(bytes.size()) {
  if (!bytes.empty()) std::memcpy(bytes_.get(), bytes.data(), bytes.size());
  bytes_[size_] = '\0';
}

SecretBytes SecretBytes::zeroed(size_t size) {
  SecretBytes out;
  out.bytes_.reset(new char[size + 1]());
  out.size_ = size;
  return out;
}

// Moving hands the allocation over; nothing is copied, so nothing is left to wipe in `other`.
SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : bytes_(std::move(other.bytes_)), size_(std::exchange(other.size_, 0)) {}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void SecretBytes::wipe() noexcept {
  // The allocation holds size_ + 1 bytes: the value and a terminating NUL for C APIs.
  if (bytes_) ::explicit_bzero(bytes_.get(), size_ + 1);
  bytes_.reset();
  size_ = 0;
}

void wipe_string(std::string &text) noexcept {
  if (text.capacity() > 0) ::explicit_bzero(text.data(), text.capacity());
  text.clear();
}

} // namespace ssmd::secrets
