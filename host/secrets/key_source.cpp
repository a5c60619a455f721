#include "secrets/key_source.hpp"

#include <algorithm>

namespace ssmd::secrets {

namespace {
bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
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

std::string default_variable_name(std::string_view key, std::string_view field) {
  std::string out = "SSMD_";
  auto append = [&out](std::string_view part) {
    for (char c : part) out += ascii_alnum(c) ? ascii_upper(c) : '_';
  };
  append(key);
  out += '_';
  append(field);
  return out;
}

bool valid_variable_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return ascii_alnum(c) || c == '_'; });
}

} // namespace ssmd::secrets
