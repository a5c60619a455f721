// Schema rules: required fields, the status enum, files that stay inside exchanges/schemas/ and whose
// bytes match the recorded sha256, and compatible_with claims that name earlier versions.
#include "registry/check.hpp"
#include "registry/names.hpp"
#include "registry/reporter.hpp"
#include "registry/schema_files.hpp"
#include "registry/sha256.hpp"

#include <map>

namespace ssmd::registry {

namespace {
const std::vector<std::string> k_statuses = {"draft", "active", "deprecated"};

void require_fields(Reporter &r, const std::string &at, std::initializer_list<const char *> fields) {
  for (const char *field : fields) {
    std::string path = at.empty() ? field : at + "." + field;
    if (!r.present(path)) r.error("schema/required", at, std::string("missing required field '") + path + "'");
  }
}

void require_non_empty(Reporter &r, const std::string &path, const std::string &value) {
  const yaml::Node *node = r.node(path);
  if (value.empty() && node && node->is_scalar()) r.error("schema/required", path, path + " must not be empty");
}

// Reports where `file` may not be used or does not exist; returns its bytes when it may be read.
std::optional<std::string> check_location(Repository &repo, Reporter &r, const std::string &file, const std::string &path) {
  if (auto problem = schema_file_problem(repo, file)) {
    r.error("schema/file-outside", path, *problem);
    return std::nullopt;
  }
  FileRead read = repo.read_file(Repository::schema_path(file));
  if (read.missing)
    r.error("schema/file-not-found", path, "exchanges/schemas/" + file + " does not exist");
  else if (!read.text)
    r.error(read.rule, path, "exchanges/schemas/" + file + ": " + read.problem);
  return read.text;
}

void check_hash(Reporter &r, const Schema &schema, const SchemaVersion &v, const std::string &at, const std::string &bytes) {
  if (v.hash.empty()) return; // require_fields reported it
  if (!valid_sha256_tag(v.hash)) {
    r.error("schema/hash-format", at + ".hash", "hash must be sha256: followed by 64 lower-case hex digits");
    return;
  }
  std::string actual = sha256_tag(bytes);
  if (actual != v.hash)
    r.error("schema/hash-mismatch", at + ".hash",
            "exchanges/schemas/" + schema.file_of(v) + " has " + actual + ", not the recorded hash; if the change is "
            "deliberate, run 'ssmd schema hash " + schema.name + ":" + v.version + " --update'");
}
} // namespace

void check_schema(Repository &repo, const LoadedSchema &loaded, Diagnostics &out) {
  if (!loaded.model) return;
  const Schema &schema = *loaded.model;
  Reporter r(loaded.doc.get(), loaded.file, out);
  require_fields(r, "", {"name", "format", "schema_file", "versions"});
  require_non_empty(r, "name", schema.name);
  require_non_empty(r, "format", schema.format);
  require_non_empty(r, "schema_file", schema.schema_file);
  if (const yaml::Node *versions = r.node("versions"); versions && versions->is_sequence() && schema.versions.empty())
    r.error("schema/no-versions", "versions", "a schema needs at least one version");
  std::optional<std::string> default_bytes;
  if (!schema.schema_file.empty()) default_bytes = check_location(repo, r, schema.schema_file, "schema_file");
  std::map<std::string, const SchemaVersion *> by_name;
  std::map<Date, size_t> seen_from;
  for (const auto &v : schema.versions) {
    std::string at = "versions[" + std::to_string(v.index) + "]";
    if (!r.node(at) || !r.node(at)->is_map()) continue;
    require_fields(r, at, {"version", "effective_from", "status", "hash"});
    require_non_empty(r, at + ".version", v.version);
    require_non_empty(r, at + ".status", v.status);
    require_non_empty(r, at + ".hash", v.hash);
    if (!v.version.empty()) {
      if (!valid_version_name(v.version))
        r.error("schema/version-name", at + ".version",
                "version '" + v.version + "' must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
      if (!by_name.emplace(v.version, &v).second)
        r.error("schema/duplicate-version", at + ".version", "version '" + v.version + "' is defined twice");
    }
    if (v.effective_from) {
      auto [it, fresh] = seen_from.emplace(*v.effective_from, v.index);
      if (!fresh)
        r.error("schema/duplicate-effective-from", at + ".effective_from",
                "versions[" + std::to_string(it->second) + "] and " + at + " both take effect on " +
                    v.effective_from->str() + "; only one version can be in force on a day");
    }
    if (!v.status.empty() && v.status != "draft" && v.status != "active" && v.status != "deprecated")
      r.error("schema/unknown-status", at + ".status", "status '" + v.status + "' is not one of draft, active, deprecated");
    std::optional<std::string> bytes;
    if (!v.file.empty()) bytes = check_location(repo, r, v.file, at + ".file");
    else if (schema.schema_file.empty() && r.present("schema_file")) continue;
    else if (schema.schema_file.empty()) r.error("schema/missing-file", at, "version '" + v.version + "' names no file and the schema has no schema_file");
    else bytes = default_bytes;
    if (bytes) check_hash(r, schema, v, at, *bytes);
  }
  // compatible_with names versions of this schema that took effect before this one.
  for (const auto &v : schema.versions) {
    std::string at = "versions[" + std::to_string(v.index) + "]";
    for (size_t i = 0; i < v.compatible_with.size(); ++i) {
      const std::string &other = v.compatible_with[i];
      std::string path = at + ".compatible_with[" + std::to_string(i) + "]";
      auto it = by_name.find(other);
      if (it == by_name.end()) {
        r.error("schema/compatible-with", path, "compatible_with names '" + other + "', which is not a version of " + schema.name);
      } else if (it->second == &v) {
        r.error("schema/compatible-with", path, "version '" + v.version + "' cannot claim compatibility with itself");
      } else if (v.effective_from && it->second->effective_from && !(*it->second->effective_from < *v.effective_from)) {
        r.error("schema/compatible-with", path,
                "compatible_with names '" + other + "', which takes effect on " + it->second->effective_from->str() +
                    ", not before " + v.version + " (" + v.effective_from->str() + ")");
      }
    }
  }
}

} // namespace ssmd::registry
