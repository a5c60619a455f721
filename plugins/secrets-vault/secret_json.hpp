// Vault's answers as JSON documents whose every byte is wiped when freed: a KV read carries secret values,
// a login answer the token. The shared strict reader (ssmd_json/strict_json.hpp) is nlohmann-json, which
// keeps copies of what it reads in three places; each is allocated here by an allocator that wipes:
// - the document's strings, arrays and objects: `SecretJson`'s allocator (`WipingAllocator`);
// - the parser's decoded token: a `SecretString`, the document's string type;
// - the parser's raw copy of each token, kept for its error messages: a `std::vector<char_type>`, which
//   always uses `std::allocator`. The parser reads `SecretByte`s, a byte type of this plugin's own, and the
//   standard library allows `std::allocator` to be specialized for such a type: that specialization wipes.
// Error messages quote the last token read; a `SecretByte` converts to text only as '*', so none carries a
// byte of the answer. The parser itself lives in a buffer the strict reader wipes after it.
#pragma once

#include "secret_text.hpp"

#include <ssmd_json/strict_json.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ssmd::vault {

// An allocator whose memory is wiped before it is freed.
template <class T> struct WipingAllocator {
  using value_type = T;
  WipingAllocator() = default;
  template <class U> WipingAllocator(const WipingAllocator<U> &) noexcept {}
  T *allocate(size_t n) { return static_cast<T *>(::operator new(n * sizeof(T))); }
  void deallocate(T *p, size_t n) noexcept {
    secrets::wipe_bytes(p, n * sizeof(T));
    ::operator delete(p);
  }
  template <class U> bool operator==(const WipingAllocator<U> &) const noexcept { return true; }
};

// One byte of an answer as the parser reads it. Comparisons and `std::char_traits` see the byte; the
// conversions to `char`, which the parser uses only to quote what it read in an error message, give '*'.
class SecretByte {
public:
  SecretByte() = default;
  constexpr explicit SecretByte(char c) : value_(static_cast<unsigned char>(c)) {}
  constexpr unsigned char value() const { return value_; }
  constexpr bool operator==(const SecretByte &) const = default;
  constexpr explicit operator char() const { return '*'; }
  constexpr explicit operator unsigned char() const { return '*'; }

private:
  unsigned char value_ = 0;
};

} // namespace ssmd::vault

// What the parser needs of its byte type: the byte's value, and an end-of-input mark no byte has.
template <> struct std::char_traits<ssmd::vault::SecretByte> {
  using char_type = ssmd::vault::SecretByte;
  using int_type = int;
  static constexpr int_type eof() noexcept { return -1; }
  static constexpr int_type to_int_type(char_type c) noexcept { return c.value(); }
  static constexpr char_type to_char_type(int_type i) noexcept { return char_type(static_cast<char>(i)); }
  static constexpr bool eq_int_type(int_type a, int_type b) noexcept { return a == b; }
};

// The parser's raw copy of each token is a `std::vector<SecretByte>`: its memory is wiped before it is freed.
template <>
class std::allocator<ssmd::vault::SecretByte> : public ssmd::vault::WipingAllocator<ssmd::vault::SecretByte> {
public:
  using value_type = ssmd::vault::SecretByte;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using propagate_on_container_move_assignment = std::true_type;
  using is_always_equal = std::true_type;
  allocator() = default;
  template <class U> allocator(const allocator<U> &) noexcept {}
};

namespace ssmd::vault {

using SecretString = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;
using SecretJson = nlohmann::basic_json<nlohmann::ordered_map, std::vector, SecretString, bool, std::int64_t,
                                        std::uint64_t, double, WipingAllocator>;

// Parses an answer; on failure, where and why (never a byte of the answer).
inline std::optional<strict_json::Error> parse_secret_json(std::string_view text, SecretJson &out) {
  strict_json::Limits limits;
  limits.max_bytes = text.size(); // the HTTP layer bounds answers (kMaxBody)
  return strict_json::parse<SecretJson, SecretByte>(text, out, limits);
}

using strict_json::member;
using strict_json::text_of;

} // namespace ssmd::vault
