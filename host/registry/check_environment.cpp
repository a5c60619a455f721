// Environment rules: the feed and every schema version it references exist (and the schema versions
// are released), every key says what it is, where it comes from and which fields it has, and `extends:`
// names existing environments without a cycle.
#include "registry/check.hpp"
#include "registry/names.hpp"
#include "registry/reporter.hpp"
#include "registry/resolve.hpp"

#include <set>

namespace ssmd::registry {

namespace {
void check_schema_ref(Repository &repo, Reporter &r, const SchemaRef &ref) {
  LoadedSchema *schema = repo.schema(ref.schema);
  if (!schema) {
    r.error("env/unknown-schema", ref.path, "schema '" + ref.schema + "' does not exist");
    return;
  }
  if (!schema->model) return; // the schema's own file is reported
  for (const auto &v : schema->model->versions) {
    if (v.version != ref.version) continue;
    if (v.status == "draft")
      r.error("env/draft-schema", ref.path,
              ref.text() + " is a draft; set it active first ('ssmd schema set-status " + ref.text() + " active')");
    else if (v.status == "deprecated")
      r.warning("env/deprecated-schema", ref.path, ref.text() + " is deprecated; move to a newer version");
    return;
  }
  std::string known;
  for (const auto &v : schema->model->versions) known += (known.empty() ? "" : ", ") + v.version;
  r.error("env/unknown-schema-version", ref.path,
          "schema '" + ref.schema + "' has no version '" + ref.version + "' (it has " + (known.empty() ? "none" : known) + ")");
}

void check_key(Reporter &r, const KeySpec &key) {
  std::string at = "keys." + key.name;
  if (!r.node(at) || !r.node(at)->is_map()) return;
  auto missing = [&](const char *field, bool empty) {
    std::string path = at + "." + field;
    const yaml::Node *node = r.node(path);
    if (!node) r.error("env/key-incomplete", at, "key '" + key.name + "' needs '" + field + "'");
    else if (empty && (node->is_scalar() || (node->is_sequence() && node->size() == 0)))
      r.error("env/key-incomplete", path, "key '" + key.name + "' has an empty '" + field + "'");
  };
  missing("type", key.type.empty());
  missing("fields", key.fields.empty());
  missing("source", key.source.empty());
  std::set<std::string> seen;
  for (size_t i = 0; i < key.fields.size(); ++i)
    if (!seen.insert(key.fields[i]).second)
      r.error("env/key-incomplete", at + ".fields[" + std::to_string(i) + "]",
              "field '" + key.fields[i] + "' is listed twice in key '" + key.name + "'");
  if (key.rotation_days && *key.rotation_days <= 0)
    r.error("env/key-rotation", at + ".rotation_days", "rotation_days must be a positive number of days");
}
} // namespace

void check_environment(Repository &repo, const LoadedEnvironment &loaded, Diagnostics &out) {
  if (!loaded.model) return;
  const Environment &env = *loaded.model;
  Reporter r(loaded.doc.get(), loaded.file, out);
  if (!r.present("name")) r.error("env/required", "", "missing required field 'name'");
  if (r.present("schema") && r.present("schemas"))
    r.error("env/schema-and-schemas", "schemas", "give either schema: or schemas:, not both");
  if (env.feed) {
    LoadedFeed *feed = repo.feed(*env.feed);
    if (!feed) r.error("env/unknown-feed", "feed", "feed '" + *env.feed + "' does not exist");
    else if (feed->model && feed->model->status == "disabled")
      r.warning("env/disabled-feed", "feed", "feed '" + *env.feed + "' is disabled");
  }
  if (env.schemas) {
    std::set<std::string> seen;
    for (const auto &ref : *env.schemas) {
      if (!seen.insert(ref.schema).second)
        r.error("env/duplicate-schema", ref.path, "schema '" + ref.schema + "' is referenced twice; keep one version");
      check_schema_ref(repo, r, ref);
    }
  }
  if (env.keys)
    for (const auto &key : *env.keys) check_key(r, key);

  Resolution resolution = resolve_environment(repo, loaded.stem);
  if (!resolution.env) {
    // Only the extends chain can fail here: this environment itself loaded. A parent that does not load
    // is reported in its own file.
    if (resolution.failure == Resolution::Failure::Cycle) r.error("env/extends-cycle", "extends", resolution.problem);
    if (resolution.failure == Resolution::Failure::Missing) r.error("env/unknown-parent", "extends", resolution.problem);
    return;
  }
  if (!resolution.env->feed) r.error("env/missing-feed", "", "no feed: set 'feed:' here or in a parent environment");
  const yaml::Node *list = r.node("schemas");
  if (resolution.env->schemas.empty() && !r.present("schema") && !(list && list->size() > 0))
    r.error("env/missing-schema", "", "no schema: set 'schema:' or 'schemas:' here or in a parent environment");
}

} // namespace ssmd::registry
