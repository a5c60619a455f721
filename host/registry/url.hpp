// Just enough URL parsing to tell a feed endpoint's scheme and host.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::registry {

struct Url {
  std::string scheme; // lower-case letters, digits, '+', '-', '.'
  std::string host;   // non-empty
  std::string rest;   // ":port/path?query", possibly empty
};

// Parses `scheme://host[:port][/path]`; nullopt when the text is not of that form or holds whitespace.
std::optional<Url> parse_url(std::string_view text);

} // namespace ssmd::registry
