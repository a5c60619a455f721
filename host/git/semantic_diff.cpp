#include "git/semantic_diff.hpp"

#include "git/metadata_paths.hpp"
#include "git/yaml_compare.hpp"
#include "yaml/document.hpp"
#include "yaml/piece_parser.hpp"

#include <algorithm>
#include <deque>
#include <memory>

namespace ssmd::git {

using yaml::Node;

namespace {

std::string join(const std::vector<std::string> &parts, std::string_view separator = ", ") {
  std::string out;
  for (const auto &part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

// Collects the lines of one definition, each opened by its subject ("feed x").
struct Summary {
  std::string subject;
  std::vector<std::string> lines;
  std::vector<std::string> handled; // top-level keys a rule has described
  void add(const std::string &text) { lines.push_back(subject + ": " + text); }
};

// A top-level scalar such as `status` or `feed`: "key a → b", "key set to b", "key a removed". Returns
// false when either side is not a scalar, leaving the key to the generic fallback.
bool scalar_change(Summary &s, const Node *a, const Node *b, const std::string &key) {
  const Node *old_value = a->get(key);
  const Node *new_value = b->get(key);
  auto old_text = scalar_text(old_value), new_text = scalar_text(new_value);
  if ((old_value && !old_text) || (new_value && !new_text)) return false;
  s.handled.push_back(key);
  if (old_text == new_text) return true;
  if (old_text && new_text) s.add(key + " " + *old_text + " → " + *new_text);
  else if (new_text) s.add(key + " set to " + *new_text);
  else s.add(key + " " + *old_text + " removed");
  return true;
}

// `versions:` added, removed and changed, matched by their `version:` id. Feeds note when a new version
// takes effect; schemas note each version's lifecycle status.
void version_changes(Summary &s, const Node *a, const Node *b, DefinitionKind kind) {
  auto old_items = keyed_items(a->get("versions"), "version");
  auto new_items = keyed_items(b->get("versions"), "version");
  if (!old_items || !new_items) return;
  s.handled.push_back("versions");
  const bool schema = kind == DefinitionKind::Schema;
  const ItemIndex old_index = index_items(*old_items), new_index = index_items(*new_items);
  for (const auto &item : *new_items) {
    if (find_item(old_index, item.id)) continue;
    auto detail = schema ? scalar_text(item.node->get("status")) : scalar_text(item.node->get("effective_from"));
    std::string line = "+ version " + item.id;
    if (detail) line += schema ? " (" + *detail + ")" : " (effective " + *detail + ")";
    s.add(line);
  }
  for (const auto &item : *old_items)
    if (!find_item(new_index, item.id)) s.add("- version " + item.id);
  for (const auto &item : *new_items) {
    const Node *old_node = find_item(old_index, item.id);
    if (!old_node || old_node == item.node) continue; // the same node: a piece both versions share
    std::vector<std::string> fields = changed_keys(old_node, item.node);
    if (schema) {
      auto old_status = scalar_text(old_node->get("status")), new_status = scalar_text(item.node->get("status"));
      if (old_status && new_status && *old_status != *new_status) {
        s.add(item.id + " " + *old_status + " → " + *new_status);
        std::erase(fields, "status");
      }
    }
    if (!fields.empty()) s.add(item.id + " " + join(fields) + " changed");
  }
}

// The schema references of an environment, from `schema: x:v1` and `schemas: [...]`; nullopt when either
// field has another shape.
std::optional<std::vector<std::string>> schema_refs(const Node *env) {
  std::vector<std::string> refs;
  if (const Node *one = env->get("schema")) {
    auto text = scalar_text(one);
    if (!text) return std::nullopt;
    refs.push_back(*text);
  }
  if (const Node *many = env->get("schemas")) {
    if (!many->is_sequence()) return std::nullopt;
    for (size_t i = 0; i < many->size(); ++i) {
      auto text = scalar_text(many->at(i));
      if (!text) return std::nullopt;
      refs.push_back(*text);
    }
  }
  return refs;
}

std::string schema_name_of(const std::string &ref) { return ref.substr(0, ref.find(':')); }

// Pairs old and new references: unchanged ones drop out, a schema whose version moved (or the one
// remaining reference on each side) reads "schema a → b", the rest are "+" and "-".
void schema_ref_changes(Summary &s, const Node *a, const Node *b) {
  auto old_refs = schema_refs(a), new_refs = schema_refs(b);
  if (!old_refs || !new_refs) return;
  s.handled.insert(s.handled.end(), {"schema", "schemas"});
  std::vector<std::string> gone, added;
  for (const auto &ref : *old_refs)
    if (std::find(new_refs->begin(), new_refs->end(), ref) == new_refs->end()) gone.push_back(ref);
  for (const auto &ref : *new_refs)
    if (std::find(old_refs->begin(), old_refs->end(), ref) == old_refs->end()) added.push_back(ref);
  if (gone.size() == 1 && added.size() == 1) {
    s.add("schema " + gone[0] + " → " + added[0]);
    return;
  }
  for (auto it = added.begin(); it != added.end();) {
    auto match = std::find_if(gone.begin(), gone.end(), [&](const auto &g) { return schema_name_of(g) == schema_name_of(*it); });
    if (match == gone.end()) {
      ++it;
      continue;
    }
    s.add("schema " + *match + " → " + *it);
    gone.erase(match);
    it = added.erase(it);
  }
  for (const auto &ref : added) s.add("+ schema " + ref);
  for (const auto &ref : gone) s.add("- schema " + ref);
}

// Keys by name. Only names and the names of changed fields appear: key specs are references to secrets,
// and a summary has no business quoting them.
void key_changes(Summary &s, const Node *a, const Node *b) {
  const Node *old_keys = a->get("keys"), *new_keys = b->get("keys");
  if ((old_keys && !old_keys->is_map()) || (new_keys && !new_keys->is_map())) return;
  s.handled.push_back("keys");
  auto size = [](const Node *n) { return n ? n->size() : 0; };
  for (size_t i = 0; i < size(new_keys); ++i)
    if (!old_keys || !old_keys->get(new_keys->key_at(i))) s.add("+ key " + new_keys->key_at(i));
  for (size_t i = 0; i < size(old_keys); ++i)
    if (!new_keys || !new_keys->get(old_keys->key_at(i))) s.add("- key " + old_keys->key_at(i));
  for (size_t i = 0; i < size(new_keys); ++i) {
    const Node *old_spec = old_keys ? old_keys->get(new_keys->key_at(i)) : nullptr;
    if (!old_spec) continue;
    auto fields = changed_keys(old_spec, new_keys->at(i));
    if (!fields.empty()) s.add("key " + new_keys->key_at(i) + " changed (" + join(fields) + ")");
  }
}

// Parses a definition. `ssmd log` walks history newest first, so one commit's "before" is the next
// commit's "after", and most of a long file's pieces are unchanged from one version to the next: the last
// few results are kept whole, and the piece parser parses each distinct piece once. Thread-local, so
// neither needs a lock; documents are immutable once built.
std::shared_ptr<const yaml::Document> parse(std::string_view path, const std::string &text) {
  struct Entry {
    std::string path, text;
    std::shared_ptr<const yaml::Document> doc;
  };
  constexpr size_t kKeep = 32;
  thread_local std::deque<Entry> recent;
  thread_local yaml::PieceParser pieces;
  for (const auto &entry : recent)
    if (entry.text == text && entry.path == path) return entry.doc;
  std::shared_ptr<const yaml::Document> doc = pieces.parse(std::string(path), text);
  if (doc && !(doc->root() && doc->root()->is_map())) doc = nullptr;
  recent.push_front({std::string(path), text, doc});
  if (recent.size() > kKeep) recent.pop_back();
  return doc;
}

std::vector<std::string> definition_change(const Definition &def, std::string_view path, const std::string &before,
                                           const std::string &after) {
  Summary s{std::string(kind_label(def.kind)) + " " + def.name, {}, {}};
  auto old_doc = parse(path, before), new_doc = parse(path, after);
  if (!new_doc) return {s.subject + ": modified (not a valid YAML mapping)"};
  if (!old_doc) return {s.subject + ": modified"};
  const Node *a = old_doc->root(), *b = new_doc->root();
  switch (def.kind) {
  case DefinitionKind::Feed:
    scalar_change(s, a, b, "status");
    version_changes(s, a, b, def.kind);
    break;
  case DefinitionKind::Schema:
    version_changes(s, a, b, def.kind);
    break;
  case DefinitionKind::Environment:
    scalar_change(s, a, b, "extends");
    scalar_change(s, a, b, "feed");
    schema_ref_changes(s, a, b);
    key_changes(s, a, b);
    break;
  default: break;
  }
  std::vector<std::string> rest = changed_keys(a, b);
  std::erase_if(rest, [&](const auto &key) { return std::find(s.handled.begin(), s.handled.end(), key) != s.handled.end(); });
  if (!rest.empty()) s.add("modified (" + join(rest) + ")");
  if (s.lines.empty()) s.add("modified (comments or formatting only)");
  return s.lines;
}

} // namespace

std::vector<std::string> summarize_change(std::string_view path, const std::optional<std::string> &before,
                                          const std::optional<std::string> &after) {
  if (before == after) return {};
  Definition def = classify(path);
  const char *verb = !before ? "added" : !after ? "deleted" : "modified";
  switch (def.kind) {
  case DefinitionKind::Feed:
  case DefinitionKind::Schema:
  case DefinitionKind::Environment: {
    std::string subject = std::string(kind_label(def.kind)) + " " + def.name;
    if (!before) return {subject + ": created"};
    if (!after) return {subject + ": deleted"};
    return definition_change(def, path, *before, *after);
  }
  case DefinitionKind::SchemaFile: return {"schema file " + def.name + ": " + verb};
  case DefinitionKind::PluginLock:
  case DefinitionKind::Other: return {def.name + ": " + verb};
  }
  return {};
}

} // namespace ssmd::git
