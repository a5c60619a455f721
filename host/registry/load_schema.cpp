#include "registry/fields.hpp"
#include "registry/loaders.hpp"

namespace ssmd::registry {

const std::vector<std::string> k_schema_keys = {"name", "format", "schema_file", "versions"};
const std::vector<std::string> k_schema_version_keys = {"version", "effective_from",  "status",          "file",
                                                        "root",    "hash",            "compatible_with", "breaking_changes"};

std::optional<Schema> load_schema(const yaml::Document &doc, Diagnostics &out) {
  FieldReader r(doc, doc.root(), "", "schema", out);
  if (!r.require_map("a schema file")) return std::nullopt;
  Schema schema;
  schema.name = r.string("name").value_or("");
  schema.format = r.string("format").value_or("");
  schema.schema_file = r.string("schema_file").value_or("");
  if (const yaml::Node *versions = r.node("versions")) {
    if (!versions->is_sequence()) {
      r.error_at(versions, "schema/wrong-type", "versions must be a list of versions, not " + describe(versions));
    } else {
      for (size_t i = 0; i < versions->size(); ++i) {
        std::string path = "versions[" + std::to_string(i) + "]";
        FieldReader v(doc, versions->at(i), path, "schema", out);
        SchemaVersion version;
        version.index = i;
        if (v.require_map(path)) {
          version.version = v.string("version").value_or("");
          version.effective_from = v.date("effective_from");
          version.status = v.string("status").value_or("");
          version.file = v.string("file").value_or("");
          version.root = v.string("root").value_or("");
          version.hash = v.string("hash").value_or("");
          version.compatible_with = v.strings("compatible_with").value_or(std::vector<std::string>{});
          version.breaking_changes = v.string("breaking_changes").value_or("");
          v.unknown_keys(k_schema_version_keys, UnknownKeys::Warn);
        }
        schema.versions.push_back(std::move(version));
      }
    }
  }
  r.unknown_keys(k_schema_keys, UnknownKeys::Warn);
  return schema;
}

} // namespace ssmd::registry
