#include "registry/url.hpp"

#include <cctype>

namespace ssmd::registry {

std::optional<Url> parse_url(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  Url url;
  url.scheme = std::string(text.substr(0, sep));
  if (!std::islower(static_cast<unsigned char>(url.scheme[0]))) return std::nullopt;
  for (char c : url.scheme)
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '+' &&
        c != '-' && c != '.')
      return std::nullopt;
  std::string_view after = text.substr(sep + 3);
  for (char c : after)
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
  size_t host_end = after.find_first_of(":/?#");
  if (host_end == std::string_view::npos) host_end = after.size();
  if (!after.empty() && after[0] == '[') host_end = after.find(']') == std::string_view::npos ? 0 : after.find(']') + 1;
  url.host = std::string(after.substr(0, host_end));
  url.rest = std::string(after.substr(host_end));
  if (url.host.empty()) return std::nullopt;
  return url;
}

} // namespace ssmd::registry
