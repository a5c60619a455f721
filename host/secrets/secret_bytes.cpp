#include "secrets/secret_bytes.hpp"

#include <string.h> // explicit_bzero: a wipe the compiler may not drop as a dead store

#include <algorithm>
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

void SecretBuffer::append(const char *bytes, size_t size) {
  if (size == 0) return;
  if (end_ + size > capacity_) {
    // Move the held bytes to the front of a new allocation (doubling it when needed), wiping the old one.
    size_t held = end_ - start_;
    size_t capacity = std::max<size_t>(capacity_, 4096);
    while (capacity < held + size) capacity *= 2;
    std::unique_ptr<char[]> grown(new char[capacity]);
    if (held) std::memcpy(grown.get(), bytes_.get() + start_, held);
    clear();
    bytes_ = std::move(grown);
    capacity_ = capacity;
    end_ = held;
  }
  std::memcpy(bytes_.get() + end_, bytes, size);
  end_ += size;
}

void SecretBuffer::consume(size_t size) noexcept {
  size = std::min(size, end_ - start_);
  if (size) ::explicit_bzero(bytes_.get() + start_, size);
  start_ += size;
  if (start_ == end_) start_ = end_ = 0;
}

void SecretBuffer::clear() noexcept {
  if (bytes_) ::explicit_bzero(bytes_.get(), capacity_);
  bytes_.reset();
  capacity_ = start_ = end_ = 0;
}

void wipe_string(std::string &text) noexcept {
  if (text.capacity() > 0) ::explicit_bzero(text.data(), text.capacity());
  text.clear();
}

} // namespace ssmd::secrets
