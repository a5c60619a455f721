// Standard base64 (RFC 4648 section 4, padded, no line breaks) for the bundled plugins: OpenSSL's
// EVP_EncodeBlock and EVP_DecodeBlock, with a strictness check in front of the decoder. Link the CMake
// target `ssmd_base64` (header-only; it brings OpenSSL's libcrypto).
//
// Why the check: EVP_DecodeBlock skips white space at either end, reads '=' anywhere as a zero digit and
// writes whole groups of three bytes, padding included. Left alone it would take " Zm9v ", "Z=9v" and "===="
// for base64, and give "fo\0" for "Zm8=". `decode` accepts only the alphabet, a length that is a multiple
// of 4 and one or two '=' at the very end, and drops the bytes the padding stands for.
#pragma once

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::base64 {

namespace detail {

// EVP_*Block take an int length: long texts go through in pieces of whole groups.
inline constexpr size_t k_chunk_groups = size_t{1} << 20;

inline bool in_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

} // namespace detail

// `bytes` as base64, padded.
inline std::string encode(std::string_view bytes) {
  std::string out;
  out.reserve(4 * ((bytes.size() + 2) / 3));
  for (size_t at = 0; at < bytes.size(); at += 3 * detail::k_chunk_groups) {
    std::string_view piece = bytes.substr(at, 3 * detail::k_chunk_groups);
    const size_t before = out.size();
    out.resize(before + 4 * ((piece.size() + 2) / 3) + 1); // EVP_EncodeBlock ends its output with a NUL
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data() + before),
                            reinterpret_cast<const unsigned char *>(piece.data()), static_cast<int>(piece.size()));
    out.resize(before + static_cast<size_t>(n));
  }
  return out;
}

// The bytes `text` stands for; nullopt when it is not padded standard base64 (empty text gives no bytes).
// Bits the last digit carries beyond the data are ignored, as most decoders (Go's StdEncoding) ignore them.
inline std::optional<std::string> decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  const size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  if (!std::all_of(text.begin(), text.end() - static_cast<std::ptrdiff_t>(padding), detail::in_alphabet))
    return std::nullopt;
  std::string out;
  out.reserve(3 * (text.size() / 4));
  for (size_t at = 0; at < text.size(); at += 4 * detail::k_chunk_groups) {
    std::string_view piece = text.substr(at, 4 * detail::k_chunk_groups);
    const size_t before = out.size();
    out.resize(before + 3 * (piece.size() / 4));
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data() + before),
                            reinterpret_cast<const unsigned char *>(piece.data()), static_cast<int>(piece.size()));
    if (n < 0 || static_cast<size_t>(n) != 3 * (piece.size() / 4)) return std::nullopt;
  }
  out.resize(out.size() - padding); // the zero bytes EVP_DecodeBlock wrote for the padding
  return out;
}

} // namespace ssmd::base64
