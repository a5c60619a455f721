#include "registry/fields.hpp"
#include "registry/loaders.hpp"
#include "registry/names.hpp"

namespace ssmd::registry {

const std::vector<std::string> k_environment_keys = {"name",   "extends", "feed",      "schema",
                                                     "schemas", "keys",   "transport", "storage"};
const std::vector<std::string> k_key_spec_keys = {"type", "required", "fields", "source", "rotation_days", "env"};

namespace {
// A `trade:v1` reference; a malformed one is an error at its node and is left out.
void add_ref(FieldReader &r, const yaml::Node *node, const std::string &path, std::vector<SchemaRef> &refs) {
  if (!node->is_scalar()) {
    r.error_at(node, "env/wrong-type", path + " must be a schema reference NAME:VERSION, not " + describe(node));
    return;
  }
  auto split = split_name_version(node->scalar());
  if (!split) {
    r.error_at(node, "env/schema-ref",
               path + " must be a schema reference NAME:VERSION such as trade:v1, not " + describe(node));
    return;
  }
  refs.push_back(SchemaRef{split->name, split->version, path});
}

KeySpec load_key(const yaml::Document &doc, const yaml::Node *node, const std::string &name, Diagnostics &out) {
  KeySpec key;
  key.name = name;
  FieldReader r(doc, node, "keys." + name, "env", out);
  if (!r.require_map("keys." + name)) return key;
  key.type = r.string("type").value_or("");
  key.required = r.boolean("required");
  key.fields = r.strings("fields").value_or(std::vector<std::string>{});
  key.source = r.string("source").value_or("");
  key.rotation_days = r.integer("rotation_days");
  r.unknown_keys(k_key_spec_keys, UnknownKeys::Warn);
  return key;
}
} // namespace

std::optional<Environment> load_environment(const yaml::Document &doc, Diagnostics &out) {
  FieldReader r(doc, doc.root(), "", "env", out);
  if (!r.require_map("an environment file")) return std::nullopt;
  Environment env;
  env.name = r.string("name").value_or("");
  env.extends = r.string("extends");
  env.feed = r.string("feed");
  const yaml::Node *single = r.node("schema");
  const yaml::Node *list = r.node("schemas");
  if (single || list) env.schemas.emplace();
  if (single) add_ref(r, single, "schema", *env.schemas);
  if (list) {
    if (!list->is_sequence()) {
      r.error_at(list, "env/wrong-type", "schemas must be a list of NAME:VERSION references, not " + describe(list));
    } else {
      for (size_t i = 0; i < list->size(); ++i)
        add_ref(r, list->at(i), "schemas[" + std::to_string(i) + "]", *env.schemas);
    }
  }
  if (const yaml::Node *keys = r.node("keys")) {
    env.keys.emplace();
    if (!keys->is_map()) {
      r.error_at(keys, "env/wrong-type", "keys must be a mapping of key names to key specs, not " + describe(keys));
    } else {
      for (size_t i = 0; i < keys->size(); ++i) env.keys->push_back(load_key(doc, keys->at(i), keys->key_at(i), out));
    }
  }
  for (const char *section : {"transport", "storage"}) {
    const yaml::Node *node = r.node(section);
    if (node && !node->is_map()) {
      r.error_at(node, "env/wrong-type", std::string(section) + " must be a mapping, not " + describe(node));
      node = nullptr;
    }
    (std::string(section) == "transport" ? env.transport : env.storage) = node;
  }
  r.unknown_keys(k_environment_keys, UnknownKeys::Warn);
  return env;
}

} // namespace ssmd::registry
