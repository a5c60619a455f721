#include "registry/env_edit.hpp"

#include "core/errors.hpp"
#include "registry/loaders.hpp"
#include "registry/resolve.hpp"
#include "registry/yaml_text.hpp"

#include <algorithm>

namespace ssmd::registry {

std::string render_environment_file(const std::string &name, const std::optional<std::string> &extends,
                                    const std::optional<std::string> &feed, const std::vector<SchemaRef> &schemas,
                                    const std::optional<KeySpec> &key) {
  std::string out = "name: " + yaml_string(name) + "\n";
  if (extends) out += "extends: " + yaml_string(*extends) + "\n";
  if (feed) out += "feed: " + yaml_string(*feed) + "\n";
  std::vector<std::string> refs;
  for (const auto &ref : schemas) refs.push_back(ref.text());
  if (refs.size() == 1) out += "schema: " + yaml_string(refs[0]) + "\n";
  else if (!refs.empty()) out += "schemas: " + yaml_flow_list(refs) + "\n";
  if (key) {
    out += "keys:\n  " + yaml_string(key->name) + ":\n    type: " + yaml_string(key->type) + "\n";
    if (!key->fields.empty()) out += "    fields: " + yaml_flow_list(key->fields) + "\n";
    out += "    source: " + yaml_string(key->source) + "\n";
  }
  return out;
}

namespace {
// Where a new top-level entry goes after the last of `keys` present in the root mapping: at the start of
// the line of the entry that follows it (above comment lines written directly on top of that entry), or at
// the end of the text. Not "after the key's line": a value may continue on the next lines (a plain scalar
// folded over two lines, a block list), and a line inserted there would become part of it. 0 when none of
// `keys` is present.
size_t after_keys(const LoadedEnvironment &env, const SourceText &source, std::initializer_list<const char *> keys) {
  const yaml::Node *root = env.doc->root();
  std::optional<size_t> last;
  for (const char *key : keys)
    if (auto index = root->index_of(key); index && (!last || *index > *last)) last = index;
  if (!last) return 0;
  if (*last + 1 >= root->size()) return source.text().size();
  yaml::Mark next = root->key_mark(*last + 1);
  uint32_t line = next.line;
  auto is_comment = [&](uint32_t n) {
    std::string_view s = source.line(n);
    size_t indent = s.find_first_not_of(' ');
    return indent == next.column - 1 && s[indent] == '#';
  };
  while (line > 1 && source.line_begin(line - 1) > source.offset(root->key_mark(*last)) && is_comment(line - 1)) --line;
  return source.line_begin(line);
}

// The indentation of the root mapping's keys, for a new top-level line.
std::string root_indent(const LoadedEnvironment &env) {
  const yaml::Node *root = env.doc->root();
  return root->size() ? std::string(root->key_mark(0).column - 1, ' ') : std::string();
}

std::string line_ending_at(const SourceText &source, size_t at) {
  // Inserting at the very end of a file that lacks a final newline needs one first.
  return at == source.text().size() && !source.text().empty() && source.text().back() != '\n' ? "\n" : "";
}

// The offset of the `]` closing the flow sequence that opens at `open`.
size_t closing_bracket(std::string_view text, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && --depth == 0) return i;
  }
  throw DomainError("cannot find the end of the schemas list");
}
} // namespace

TextEdit env_feed_edit(const LoadedEnvironment &env, const std::string &feed) {
  SourceText source(env.text);
  if (const yaml::Node *node = env.doc->find("feed")) {
    TextEdit edit = source.scalar_span(node, false);
    edit.replacement = yaml_string(feed);
    return edit;
  }
  size_t at = after_keys(env, source, {"name", "extends"});
  return TextEdit{at, at, line_ending_at(source, at) + root_indent(env) + "feed: " + yaml_string(feed) + "\n"};
}

std::vector<TextEdit> env_schema_edits(Repository &repo, const LoadedEnvironment &env,
                                       const std::vector<SchemaRef> &updates) {
  SourceText source(env.text);
  const Environment &model = *env.model;
  std::vector<TextEdit> edits;
  auto updated = [&](std::vector<SchemaRef> refs) {
    for (const auto &u : updates) {
      auto same = std::find_if(refs.begin(), refs.end(), [&](const SchemaRef &r) { return r.schema == u.schema; });
      if (same != refs.end()) same->version = u.version;
      else refs.push_back(u);
    }
    std::vector<std::string> texts;
    for (const auto &r : refs) texts.push_back(r.text());
    return texts;
  };
  const yaml::Node *single = env.doc->find("schema");
  const yaml::Node *list = env.doc->find("schemas");
  if (!model.schemas || (!single && !list)) {
    // Inherited (or absent): write the parent's list, updated, as this environment's own.
    std::vector<SchemaRef> base;
    if (model.extends) {
      Resolution parent = resolve_environment(repo, *model.extends);
      if (parent.env) base = parent.env->schemas;
    }
    size_t at = after_keys(env, source, {"name", "extends", "feed"});
    auto texts = updated(base);
    std::string line = texts.size() == 1 ? "schema: " + yaml_string(texts[0]) : "schemas: " + yaml_flow_list(texts);
    edits.push_back(TextEdit{at, at, line_ending_at(source, at) + root_indent(env) + line + "\n"});
    return edits;
  }
  if (single && !list) {
    auto texts = updated(*model.schemas);
    TextEdit value = source.scalar_span(single, false);
    if (texts.size() == 1) {
      value.replacement = yaml_string(texts[0]);
      return {value};
    }
    // `schema: a:v1` becomes `schemas: [a:v1, b:v1]`: the key and its value are rewritten together.
    const yaml::Node *root = env.doc->root();
    size_t key_at = source.offset(root->key_mark(*root->index_of("schema")));
    return {TextEdit{key_at, value.end, "schemas: " + yaml_flow_list(texts)}};
  }
  if (!list || !list->is_sequence()) throw DomainError(env.file + ": 'schemas:' is not a list; fix it first");
  bool flow = source.is_flow(list);
  std::vector<std::string> added;
  for (const auto &u : updates) {
    bool replaced = false;
    for (const auto &ref : *model.schemas) {
      if (ref.schema != u.schema || !ref.path.starts_with("schemas[")) continue;
      TextEdit edit = source.scalar_span(env.doc->find(ref.path), flow);
      edit.replacement = yaml_string(u.text());
      edits.push_back(edit);
      replaced = true;
    }
    if (!replaced) added.push_back(u.text());
  }
  if (added.empty()) return edits;
  if (flow) {
    size_t close = closing_bracket(env.text, source.offset(list->mark()));
    std::string text;
    for (const auto &a : added) text += (list->size() == 0 && text.empty() ? "" : ", ") + yaml_string(a);
    edits.push_back(TextEdit{close, close, text});
  } else {
    size_t at = source.after_last_item(list);
    std::string text = line_ending_at(source, at);
    for (const auto &a : added) text += std::string(source.dash_column(list), ' ') + "- " + yaml_string(a) + "\n";
    edits.push_back(TextEdit{at, at, text});
  }
  return edits;
}

void verify_environment_edit(const LoadedEnvironment &env, const std::string &edited,
                             const std::optional<std::string> &feed, const std::vector<SchemaRef> &schemas) {
  auto doc = reparse_edited(env.file, edited);
  Diagnostics ignored;
  auto model = load_environment(*doc, ignored);
  bool ok = model && model->name == env.model->name && model->extends == env.model->extends;
  if (ok && feed) ok = model->feed == feed;
  for (const auto &wanted : schemas) {
    ok = ok && model->schemas && std::any_of(model->schemas->begin(), model->schemas->end(), [&](const SchemaRef &r) {
           return r.schema == wanted.schema && r.version == wanted.version;
         });
  }
  if (!ok)
    throw DomainError(env.file + ": cannot make this change in place: the file's layout is unusual (a value continued "
                                 "on a less indented line?); edit it by hand");
}

} // namespace ssmd::registry
