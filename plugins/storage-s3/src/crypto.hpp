// The two digests AWS Signature Version 4 needs, computed with OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace ssmd::s3 {

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);

// Lower-case hex of the SHA-256 digest of `data`.
std::string sha256_hex(std::string_view data);

// The raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view data);

} // namespace ssmd::s3
