#include "config_lookup.hpp"

#include <cstdlib>

namespace ssmd::vault {

ConfigLookup trusted_lookup(const Host &host) {
  return [host](const std::string &key) -> std::optional<std::string> {
    Node node = host.trusted_config(key);
    if (node.is_scalar()) return std::string(node.str());
    if (node.is_map()) return std::string("(a mapping)");
    if (node.is_sequence()) return std::string("(a list)");
    return std::nullopt;
  };
}

std::optional<std::string> setting(const ConfigLookup &config, const char *variable, const std::string &key) {
  if (variable)
    if (const char *value = std::getenv(variable); value && *value) return std::string(value);
  return config ? config(key) : std::nullopt;
}

} // namespace ssmd::vault
