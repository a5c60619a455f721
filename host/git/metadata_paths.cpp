#include "git/metadata_paths.hpp"

#include "config/config.hpp"

namespace ssmd::git {

namespace {
constexpr std::string_view kFeeds = "exchanges/feeds/";
constexpr std::string_view kSchemas = "exchanges/schemas/";
constexpr std::string_view kEnvironments = "exchanges/environments/";

// The stem of `<dir><stem>.yaml` (the one extension DESIGN.md names) when `path` is exactly that (no deeper directory), else empty.
std::string yaml_stem(std::string_view path, std::string_view dir) {
  if (!path.starts_with(dir)) return {};
  std::string_view rest = path.substr(dir.size());
  constexpr std::string_view ext = ".yaml";
  if (rest.size() > ext.size() && rest.ends_with(ext) && rest.find('/') == std::string_view::npos)
    return std::string(rest.substr(0, rest.size() - ext.size()));
  return {};
}
} // namespace

bool is_metadata_path(std::string_view path) {
  return path == kPluginLock || path == kTeamSettingsFileName || (path.starts_with(kMetadataDir) && path.size() > kMetadataDir.size() &&
                                 path[kMetadataDir.size()] == '/');
}

Definition classify(std::string_view path) {
  if (path == kPluginLock) return {DefinitionKind::PluginLock, std::string(path)};
  if (auto stem = yaml_stem(path, kFeeds); !stem.empty()) return {DefinitionKind::Feed, stem};
  if (auto stem = yaml_stem(path, kEnvironments); !stem.empty()) return {DefinitionKind::Environment, stem};
  if (auto stem = yaml_stem(path, kSchemas); !stem.empty()) return {DefinitionKind::Schema, stem};
  if (path.starts_with(kSchemas) && path.size() > kSchemas.size())
    return {DefinitionKind::SchemaFile, std::string(path.substr(kSchemas.size()))};
  return {DefinitionKind::Other, std::string(path)};
}

std::string_view kind_label(DefinitionKind kind) {
  switch (kind) {
  case DefinitionKind::Feed: return "feed";
  case DefinitionKind::Schema: return "schema";
  case DefinitionKind::SchemaFile: return "schema file";
  case DefinitionKind::Environment: return "environment";
  case DefinitionKind::PluginLock: return "plugin lock";
  case DefinitionKind::Other: return "file";
  }
  return "file";
}

std::string definition_path(DefinitionKind kind, std::string_view name) {
  switch (kind) {
  case DefinitionKind::Feed: return std::string(kFeeds) + std::string(name) + ".yaml";
  case DefinitionKind::Schema: return std::string(kSchemas) + std::string(name) + ".yaml";
  case DefinitionKind::Environment: return std::string(kEnvironments) + std::string(name) + ".yaml";
  case DefinitionKind::SchemaFile: return std::string(kSchemas) + std::string(name);
  case DefinitionKind::PluginLock: return std::string(kPluginLock);
  case DefinitionKind::Other: return std::string(name);
  }
  return std::string(name);
}

} // namespace ssmd::git
