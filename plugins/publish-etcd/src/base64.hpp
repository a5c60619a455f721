// Base64 (RFC 4648, with padding) as etcd's JSON gateway carries keys and values: OpenSSL's EVP encoder,
// not a hand-written one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::etcd {

std::string base64_encode(std::string_view bytes);
// Nullopt when `text` is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace ssmd::etcd
