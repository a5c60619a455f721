// Bytes that may be a secret value, held in one allocation of exactly their size and overwritten with
// `explicit_bzero` when they go away, so a value never lingers in freed memory. The buffer never grows,
// so no reallocation leaves an unwiped copy behind.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ssmd::secrets {

class SecretBytes {
public:
  SecretBytes() = default;
  // A wiped-on-destruction copy of `bytes`.
  explicit SecretBytes(std::string_view bytes);
  // `size` zero bytes to fill in place (see data()).
  static SecretBytes zeroed(size_t size);
  SecretBytes(const SecretBytes &) = delete;
  SecretBytes &operator=(const SecretBytes &) = delete;
  SecretBytes(SecretBytes &&other) noexcept;
  SecretBytes &operator=(SecretBytes &&other) noexcept;
  ~SecretBytes() { wipe(); }

  // Overwrites and releases the bytes; the object is empty afterwards.
  void wipe() noexcept;

  char *data() { return bytes_.get(); }
  const char *data() const { return bytes_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {bytes_.get(), size_}; }

private:
  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;
};

// A byte queue that may hold secret values on their way through (the supervisor's read buffer of a plugin
// worker's pipe): bytes are appended at the back and consumed from the front, and every byte it lets go of
// is overwritten first, whether consumed, left behind by a move to a bigger allocation, or still held when
// it goes away.
class SecretBuffer {
public:
  SecretBuffer() = default;
  SecretBuffer(const SecretBuffer &) = delete;
  SecretBuffer &operator=(const SecretBuffer &) = delete;
  ~SecretBuffer() { clear(); }

  void append(const char *bytes, size_t size);
  // Drops the first `size` bytes (at most size()).
  void consume(size_t size) noexcept;
  // Drops everything and releases the allocation.
  void clear() noexcept;

  const char *data() const { return bytes_.get() + start_; }
  size_t size() const { return end_ - start_; }

private:
  std::unique_ptr<char[]> bytes_;
  size_t capacity_ = 0, start_ = 0, end_ = 0; // the held bytes are [start_, end_)
};

// Overwrites a string's whole capacity (not only its size) and empties it, for strings that may have held a
// value (a message a backend wrote before it was redacted).
void wipe_string(std::string &text) noexcept;

} // namespace ssmd::secrets
