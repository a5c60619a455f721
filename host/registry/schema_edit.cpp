#include "registry/schema_edit.hpp"

#include "core/errors.hpp"
#include "registry/text_edit.hpp"

#include <charconv>

namespace ssmd::registry {

std::vector<YamlEntry> schema_version_entries(const SchemaVersion &v) {
  std::vector<YamlEntry> out;
  out.push_back({"version", yaml_string(v.version)});
  if (v.effective_from) out.push_back({"effective_from", v.effective_from->str()});
  out.push_back({"status", yaml_string(v.status)});
  if (!v.file.empty()) out.push_back({"file", yaml_string(v.file)});
  if (!v.root.empty()) out.push_back({"root", yaml_string(v.root)});
  out.push_back({"hash", yaml_string(v.hash)});
  if (!v.compatible_with.empty()) out.push_back({"compatible_with", yaml_flow_list(v.compatible_with)});
  if (!v.breaking_changes.empty()) out.push_back({"breaking_changes", yaml_string(v.breaking_changes)});
  return out;
}

std::string render_schema_file(const Schema &schema) {
  std::string out;
  out += "name: " + yaml_string(schema.name) + "\n";
  out += "format: " + yaml_string(schema.format) + "\n";
  out += "schema_file: " + yaml_string(schema.schema_file) + "\n";
  out += "versions:\n";
  for (const auto &v : schema.versions) out += yaml_block_item(schema_version_entries(v), 2, 4);
  return out;
}

std::string insert_schema_version(const LoadedSchema &loaded, const SchemaVersion &v) {
  const yaml::Node *versions = loaded.doc->find("versions");
  SourceText source(loaded.text);
  if (!versions || !versions->is_sequence() || versions->size() == 0 || source.is_flow(versions))
    throw DomainError(loaded.file + ": cannot add a version in place: 'versions:' must be a non-empty block list");
  std::optional<size_t> before;
  for (const auto &other : loaded.model->versions)
    if (other.effective_from && v.effective_from && *v.effective_from < *other.effective_from &&
        (!before || other.index < *before))
      before = other.index;
  size_t at = before ? source.before_item(versions, *before) : source.after_last_item(versions);
  std::string block =
      yaml_block_item(schema_version_entries(v), source.dash_column(versions), source.key_column(versions));
  if (at == loaded.text.size() && !loaded.text.empty() && loaded.text.back() != '\n') block = "\n" + block;
  std::string out = apply_edits(loaded.text, {TextEdit{at, at, block}});
  verify_item_added(loaded.file, out, "versions", versions->size(), "version", v.version);
  return out;
}

std::optional<std::string> next_version_name(const std::vector<SchemaVersion> &versions) {
  int highest = 0;
  for (const auto &v : versions) {
    if (v.version.size() < 2 || v.version[0] != 'v') return std::nullopt;
    int n = 0;
    auto [end, ec] = std::from_chars(v.version.data() + 1, v.version.data() + v.version.size(), n);
    if (ec != std::errc() || end != v.version.data() + v.version.size()) return std::nullopt;
    highest = std::max(highest, n);
  }
  std::string next = "v";
  return next += std::to_string(highest + 1);
}

} // namespace ssmd::registry
