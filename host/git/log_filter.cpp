#include "git/log_filter.hpp"

#include "config/config.hpp"
#include "core/file_size_limit.hpp"
#include "git/object_reader.hpp"
#include "git/yaml_compare.hpp"
#include "yaml/document.hpp"

#include <algorithm>
#include <memory>

namespace ssmd::git {

std::optional<DefinitionKind> parse_definition_kind(std::string_view word) {
  if (word == "feed") return DefinitionKind::Feed;
  if (word == "schema") return DefinitionKind::Schema;
  if (word == "env" || word == "environment") return DefinitionKind::Environment;
  return std::nullopt;
}

HistoryFilter metadata_filter(const Workspace &ws) {
  HistoryFilter filter;
  filter.dirs = {ws.to_git(kMetadataDir)};
  filter.files = {ws.to_git(kPluginLock), ws.to_git(kTeamSettingsFileName)};
  return filter;
}

namespace {
// The files a schema's YAML names, as paths under exchanges/schemas/.
std::vector<std::string> named_schema_files(const Workspace &ws, const std::string &yaml_path) {
  std::vector<std::string> files;
  TreeHandle head = ws.repo().head_tree();
  std::optional<std::string> text;
  try {
    text = read_blob(ws.repo(), head.get(), yaml_path);
  } catch (const FileTooLarge &) {
    // Not a schema definition anyone wrote: follow the conventional names only.
  }
  if (!text) return files;
  Diagnostics ignored;
  auto doc = yaml::Document::parse(yaml_path, *text, ignored);
  if (!doc || !doc->root() || !doc->root()->is_map()) return files;
  if (auto file = scalar_text(doc->root()->get("schema_file"))) files.push_back(*file);
  if (auto versions = keyed_items(doc->root()->get("versions"), "version"))
    for (const auto &item : *versions)
      if (auto file = scalar_text(item.node->get("file"))) files.push_back(*file);
  return files;
}
} // namespace

HistoryFilter definition_filter(const Workspace &ws, DefinitionKind kind, const std::string &name) {
  HistoryFilter filter;
  std::string yaml_path = ws.to_git(definition_path(kind, name));
  if (kind != DefinitionKind::Schema) {
    filter.files = {yaml_path};
    return filter;
  }
  std::string dir = ws.to_git(definition_path(DefinitionKind::SchemaFile, ""));
  dir.pop_back(); // "…/exchanges/schemas"
  filter.dirs = {dir};
  auto named = std::make_shared<std::vector<std::string>>(named_schema_files(ws, yaml_path));
  std::string convention = dir + "/" + name + ".";
  // The entries a schema can own, so that a walk through a directory of thousands of schema files
  // reads only these names.
  filter.only = {yaml_path, convention};
  for (const auto &file : *named) filter.only.push_back(dir + "/" + file);
  filter.accept = [yaml_path, dir, named, convention](std::string_view path) {
    if (path == yaml_path || path.starts_with(convention)) return true;
    return std::any_of(named->begin(), named->end(), [&](const std::string &file) { return path == dir + "/" + file; });
  };
  return filter;
}

} // namespace ssmd::git
