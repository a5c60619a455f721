// Which files are ssmd metadata and what each one defines, decided from its path alone.
//
// Paths here are relative to the ssmd repository root (the directory that holds exchanges/) and use '/'.
// Metadata is everything under exchanges/ plus the plugin lock file and the team settings (ssmd.yaml);
// `ssmd diff`, `commit` and `log` look at nothing else.
#pragma once

#include <string>
#include <string_view>

namespace ssmd::git {

inline constexpr std::string_view kMetadataDir = "exchanges";
inline constexpr std::string_view kPluginLock = "ssmd-plugins.lock";

// True for exchanges/**, ssmd-plugins.lock and ssmd.yaml.
bool is_metadata_path(std::string_view path);

enum class DefinitionKind {
  Feed,        // exchanges/feeds/<name>.yaml
  Schema,      // exchanges/schemas/<name>.yaml
  SchemaFile,  // any other file under exchanges/schemas/ (a schema definition in some format)
  Environment, // exchanges/environments/<name>.yaml
  PluginLock,  // ssmd-plugins.lock
  Other,       // anything else under exchanges/, and ssmd.yaml
};

struct Definition {
  DefinitionKind kind = DefinitionKind::Other;
  // The definition's name (the file stem) for feeds, schemas and environments; the file's path under
  // exchanges/schemas/ for schema files; the whole path otherwise.
  std::string name;
};

// What the file at `path` defines.
Definition classify(std::string_view path);

// "feed", "schema", "environment", "schema file", ... as it opens a summary line.
std::string_view kind_label(DefinitionKind kind);

// The repository-relative path of a definition's YAML file ("exchanges/feeds/<name>.yaml"), for the kinds
// that have one.
std::string definition_path(DefinitionKind kind, std::string_view name);

} // namespace ssmd::git
