// A byte string that holds a secret value and wipes its storage when it goes away, so values that pass
// through a backend do not linger in freed memory. Reserve the final size up front where it is known:
// a reallocation leaves the old buffer behind unwiped.
#pragma once

#if defined(SSMD_WIPE_WITH_OPENSSL)
#include <openssl/crypto.h> // OPENSSL_cleanse, for plugins that link libcrypto anyway
#else
#include <string.h> // explicit_bzero (glibc): the same guarantee without linking libcrypto
#endif

#include <string>
#include <string_view>

namespace ssmd::secrets {

// Overwrites `size` bytes in a way the compiler may not elide.
inline void wipe_bytes(void *data, size_t size) {
#if defined(SSMD_WIPE_WITH_OPENSSL)
  OPENSSL_cleanse(data, size);
#else
  explicit_bzero(data, size);
#endif
}

// Overwrites the whole capacity of `s` (not only its size) and empties it.
inline void wipe(std::string &s) {
  if (s.capacity() > 0) wipe_bytes(s.data(), s.capacity());
  s.clear();
}

class SecretText {
public:
  SecretText() = default;
  explicit SecretText(size_t reserve) { text_.reserve(reserve); }
  SecretText(const SecretText &) = delete;
  SecretText &operator=(const SecretText &) = delete;
  // A moved-from short string keeps its bytes in the inline buffer, so the source is wiped too.
  SecretText(SecretText &&other) noexcept : text_(std::move(other.text_)) { wipe(other.text_); }
  SecretText &operator=(SecretText &&other) noexcept {
    if (this != &other) {
      wipe(text_);
      text_ = std::move(other.text_);
      wipe(other.text_);
    }
    return *this;
  }
  ~SecretText() { wipe(text_); }

  std::string &str() { return text_; }
  std::string_view view() const { return text_; }
  bool empty() const { return text_.empty(); }
  size_t size() const { return text_.size(); }

private:
  std::string text_;
};

} // namespace ssmd::secrets
