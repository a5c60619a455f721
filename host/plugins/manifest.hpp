// The plugin manifest: what a plugin provides, read from its ELF section without loading it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

struct Provided {
  std::string kind; // "feed", "schema-format", "secret", "storage"
  std::string name; // the exchange, format, key-source prefix or URL scheme
};

struct ManifestCommand {
  std::string name;
  std::string summary;
};

struct Manifest {
  std::string name;
  std::string version;
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
  std::vector<Provided> provides;
  std::vector<ManifestCommand> commands;
};

// Parses manifest text (see ssmd/plugin.h); on failure returns nullopt and says why in `error`.
std::optional<Manifest> parse_manifest(std::string_view text, std::string &error);

} // namespace ssmd
