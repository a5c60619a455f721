// Writing schemas: a new schema file, a new version spliced into an existing one.
#pragma once

#include "registry/model.hpp"
#include "registry/yaml_text.hpp"

namespace ssmd::registry {

std::vector<YamlEntry> schema_version_entries(const SchemaVersion &v);
std::string render_schema_file(const Schema &schema);
// `loaded`'s text with `v` inserted in effective_from order. Throws DomainError when `versions:` is not a
// non-empty block list.
std::string insert_schema_version(const LoadedSchema &loaded, const SchemaVersion &v);

// The version following `versions` when they are all named v<N>: "v<max+1>"; nullopt otherwise.
std::optional<std::string> next_version_name(const std::vector<SchemaVersion> &versions);

} // namespace ssmd::registry
