#include "registry/sha256.hpp"

#include "core/sha256.hpp"

namespace ssmd::registry {

std::string sha256_tag(std::string_view bytes) { return "sha256:" + sha256_hex(bytes); }

bool valid_sha256_tag(std::string_view text) {
  if (text.size() != 71 || !text.starts_with("sha256:")) return false;
  for (char c : text.substr(7))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

} // namespace ssmd::registry
