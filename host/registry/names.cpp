#include "registry/names.hpp"

#include "registry/model.hpp"

namespace ssmd::registry {

namespace {
bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_or_digit(c) || (c >= 'A' && c <= 'Z'); }
} // namespace

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!lower_or_digit(c) && c != '_' && c != '-') return false;
  return true;
}

bool valid_version_name(std::string_view version) {
  if (version.empty() || version.size() > 64 || !alnum(version[0])) return false;
  for (char c : version)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::optional<NameVersion> split_name_version(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  if (text.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
  return NameVersion{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

const char *folder_of(Kind kind) {
  switch (kind) {
  case Kind::Feed: return "feeds";
  case Kind::Schema: return "schemas";
  case Kind::Environment: return "environments";
  }
  return "";
}

const char *noun_of(Kind kind) {
  switch (kind) {
  case Kind::Feed: return "feed";
  case Kind::Schema: return "schema";
  case Kind::Environment: return "environment";
  }
  return "";
}

} // namespace ssmd::registry
