#include "secrets/key_source.hpp"

#include <algorithm>

namespace ssmd::secrets {

namespace {
bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
} // namespace

std::optional<std::string> source_prefix(std::string_view source, std::string &why) {
  if (source.empty()) {
    why = "`source:` is empty; write `<prefix>` or `<prefix>/<path>`, where the prefix names a secret backend";
    return std::nullopt;
  }
  std::string_view prefix = source.substr(0, source.find('/'));
  if (prefix.empty()) {
    why = "`source:` starts with '/'; write `<prefix>` or `<prefix>/<path>`, where the prefix names a secret "
          "backend";
    return std::nullopt;
  }
  // Manifest lines are `provides secret <prefix>`: a prefix with spaces or control characters could never
  // be provided, so say so here instead of looking for a plugin.
  bool clean = std::all_of(prefix.begin(), prefix.end(),
                           [](char c) { return ascii_alnum(c) || c == '-' || c == '_' || c == '.'; });
  if (!clean) {
    why = "the prefix of `source:` (before the first '/') may hold only letters, digits, '-', '_' and '.'";
    return std::nullopt;
  }
  return std::string(prefix);
}

} // namespace ssmd::secrets
