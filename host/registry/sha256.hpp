// SHA-256 as schema files record it: "sha256:" followed by 64 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace ssmd::registry {

// "sha256:<64 hex>" of `bytes`.
std::string sha256_tag(std::string_view bytes);
// Whether `text` has the shape "sha256:<64 lower-case hex>".
bool valid_sha256_tag(std::string_view text);

} // namespace ssmd::registry
