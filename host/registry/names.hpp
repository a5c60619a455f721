// The shapes of names in the registry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::registry {

// Feed, schema and environment names: ^[a-z][a-z0-9_-]{0,63}$ (they are also file stems).
bool valid_name(std::string_view name);
// Version names such as "v2" or "2025.1": ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ (no ':' so `trade:v1` splits).
bool valid_version_name(std::string_view version);

struct NameVersion {
  std::string name;
  std::string version;
};
// Splits "trade:v1" at its one ':'; nullopt when there is none or either side is empty.
std::optional<NameVersion> split_name_version(std::string_view text);

} // namespace ssmd::registry
