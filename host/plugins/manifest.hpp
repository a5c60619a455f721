// The plugin manifest: what a plugin provides, read from its ELF section without loading it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

struct Provided {
  std::string kind; // "feed", "schema-format", "secret", "storage", "publisher"
  std::string name; // the exchange, format, key-source prefix or URL scheme
};

struct ManifestCommand {
  std::string name;
  std::string summary;
};

struct Manifest {
  unsigned format = 1; // the `ssmd-manifest N` line: 1, or 2 (which may carry `url`)
  std::string name;
  std::string version;
  std::string url;     // format 2: the http(s) address of the plugin's documentation; empty when not given
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
  std::vector<Provided> provides;
  std::vector<ManifestCommand> commands;
};

// Parses manifest text (see ssmd/plugin.h); on failure returns nullopt and says why in `error`.
// Names (the plugin's, provided names, command names) must match `^[a-z][a-z0-9_-]{0,63}$`; a kind+name
// may be declared once; the version is 1 to 64 of `[A-Za-z0-9._+-]`; a `url` (format 2 only) is http:// or
// https:// and at most 512 printable ASCII characters without spaces.
std::optional<Manifest> parse_manifest(std::string_view text, std::string &error);

// Whether `name` matches `^[a-z][a-z0-9_-]{0,63}$`, the shape of every ssmd name.
bool is_valid_name(std::string_view name);

// The kinds of extension a plugin offers, in a fixed order ("feed", ..., "command"), for listings.
std::vector<std::string> manifest_kinds(const Manifest &m);

} // namespace ssmd
