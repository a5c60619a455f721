#include "sealed_reference.hpp"

namespace ssmd::sealed {

namespace {
bool label_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (!alnum_lower(label.front()) || !alnum_lower(label.back())) return false;
  for (char c : label)
    if (!label_char(c)) return false;
  return true;
}
} // namespace

bool valid_object_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    if (!valid_label(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool valid_namespace(std::string_view name) { return valid_label(name); }

std::optional<std::string> parse_reference(std::string_view source, std::string &why) {
  const std::string prefix = std::string(kPrefix) + "/";
  if (source.substr(0, prefix.size()) != prefix) {
    why = "a sealed-secret source is `sealed-secret/<name>`, e.g. `sealed-secret/kalshi-api`";
    return std::nullopt;
  }
  std::string_view name = source.substr(prefix.size());
  if (name.empty()) {
    why = "`sealed-secret/` names no secret; write `sealed-secret/<name>`, e.g. `sealed-secret/kalshi-api`";
    return std::nullopt;
  }
  if (!valid_object_name(name)) {
    why = "`" + std::string(name) +
          "` is not a Kubernetes object name: lower-case letters, digits, '-' and '.', starting and ending with a "
          "letter or digit, no '/' and no empty or '..' parts, at most 253 characters";
    return std::nullopt;
  }
  return std::string(name);
}

} // namespace ssmd::sealed
