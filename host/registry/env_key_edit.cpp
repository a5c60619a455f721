#include "registry/env_key_edit.hpp"

#include "core/errors.hpp"
#include "core/split.hpp"
#include "registry/loaders.hpp"
#include "registry/names.hpp"
#include "registry/text_edit.hpp"
#include "registry/yaml_text.hpp"

#include <algorithm>

namespace ssmd::registry {

namespace {

// The fields `set_environment_key` writes; `rotation_days` only when the spec has one.
bool written_by(const KeySpec &spec, const std::string &field) {
  return field == "type" || field == "required" || field == "fields" || field == "source" ||
         (field == "rotation_days" && spec.rotation_days);
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Where entry `index` of a block mapping begins, comment lines written directly above its key at the same
// indentation included (they describe it).
size_t entry_begin(const SourceText &source, const yaml::Node *map, size_t index) {
  yaml::Mark key = map->key_mark(index);
  uint32_t line = key.line;
  const uint32_t floor = index > 0 ? map->key_mark(index - 1).line : 0;
  auto is_comment = [&](uint32_t n) {
    std::string_view s = source.line(n);
    size_t indent = s.find_first_not_of(' ');
    return indent != std::string_view::npos && indent == key.column - 1 && s[indent] == '#';
  };
  while (line > floor + 1 && is_comment(line - 1)) --line;
  return source.line_begin(line);
}

// Where entry `index` ends: where the next entry begins, else `map_end`, without the blank lines before it.
size_t entry_end(const SourceText &source, const yaml::Node *map, size_t index, size_t map_end) {
  size_t end = index + 1 < map->size() ? entry_begin(source, map, index + 1) : map_end;
  const size_t key_line_end = source.line_begin(map->key_mark(index).line + 1);
  while (end > key_line_end) {
    size_t previous = source.text().rfind('\n', end >= 2 ? end - 2 : 0);
    size_t line_start = previous == std::string_view::npos ? 0 : previous + 1;
    if (line_start < key_line_end || !blank(source.text().substr(line_start, end - line_start))) break;
    end = line_start;
  }
  return end;
}

std::string with_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

std::string render_key(const KeySpec &spec, const std::string &indent, const std::string &child,
                       const std::string &kept) {
  std::string out = indent + yaml_string(spec.name) + ":\n";
  out += child + "type: " + yaml_string(spec.type) + "\n";
  out += child + "required: " + std::string(spec.required.value_or(true) ? "true" : "false") + "\n";
  out += child + "fields: " + yaml_flow_list(spec.fields) + "\n";
  out += child + "source: " + yaml_string(spec.source) + "\n";
  if (spec.rotation_days) out += child + "rotation_days: " + std::to_string(*spec.rotation_days) + "\n";
  return out + kept;
}

// The root mapping's entry `keys`, checked to be editable: a block mapping, or empty.
const yaml::Node *editable_keys(const LoadedEnvironment &env, const SourceText &source) {
  const yaml::Node *keys = env.doc->root()->get("keys");
  if (!keys || keys->is_null()) return keys;
  if (!keys->is_map()) throw DomainError(env.file + ": 'keys:' is not a mapping; fix it first");
  if (keys->size() > 0 && source.is_flow(keys))
    throw DomainError(env.file + ": 'keys:' is written in flow style ({...}); write it as a block to edit it with "
                                 "ssmd, or edit it by hand");
  return keys;
}

bool same_key(const KeySpec &a, const KeySpec &b) {
  return a.name == b.name && a.type == b.type && a.required.value_or(true) == b.required.value_or(true) &&
         a.fields == b.fields && a.source == b.source && a.rotation_days == b.rotation_days;
}

// Parses `edited` and throws DomainError unless it changed key `name` (to `wanted`, or away) and nothing else
// the model holds.
void verify_key_edit(const LoadedEnvironment &env, const std::string &edited, const std::string &name,
                     const std::optional<KeySpec> &wanted) {
  auto doc = reparse_edited(env.file, edited);
  Diagnostics ignored;
  auto model = load_environment(*doc, ignored);
  const Environment &before = *env.model;
  auto others = [&](const std::optional<std::vector<KeySpec>> &keys) {
    std::vector<KeySpec> out;
    for (const auto &k : keys.value_or(std::vector<KeySpec>{}))
      if (k.name != name) out.push_back(k);
    return out;
  };
  bool ok = model && model->name == before.name && model->extends == before.extends && model->feed == before.feed;
  if (ok) {
    auto a = others(before.keys), b = others(model->keys);
    ok = a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_key);
  }
  if (ok) {
    const auto &keys = model->keys.value_or(std::vector<KeySpec>{});
    auto it = std::find_if(keys.begin(), keys.end(), [&](const KeySpec &k) { return k.name == name; });
    ok = wanted ? it != keys.end() && same_key(*it, *wanted) : it == keys.end();
  }
  if (!ok)
    throw DomainError(env.file + ": cannot make this change in place: the file's layout is unusual (a value continued "
                                 "on a less indented line?); edit it by hand");
}

} // namespace

std::vector<std::string> parse_key_fields(const std::string &flag, const std::string &text) {
  std::vector<std::string> out = split_all(text, ',', true);
  for (const auto &field : out)
    if (!valid_name(field))
      throw UsageError(flag + " takes names separated by commas such as key_id,private_key, not '" + text + "'");
  return out;
}

std::string set_environment_key(const LoadedEnvironment &env, const KeySpec &spec) {
  SourceText source(env.text);
  const yaml::Node *root = env.doc->root();
  const yaml::Node *keys = editable_keys(env, source);
  const std::string root_indent = root->size() ? std::string(root->key_mark(0).column - 1, ' ') : "";
  std::string edited;
  if (!keys || keys->size() == 0) {
    // No `keys:` (or an empty one): a new section after the schema references, or in place of the empty one.
    const std::string section = root_indent + "keys:\n" + render_key(spec, root_indent + "  ", root_indent + "    ", "");
    if (keys) {
      size_t index = *root->index_of("keys");
      size_t begin = source.line_begin(root->key_mark(index).line);
      size_t end = entry_end(source, root, index, source.text().size());
      edited = apply_edits(env.text, {TextEdit{begin, end, section}});
    } else {
      std::optional<size_t> last;
      for (const char *key : {"name", "extends", "feed", "schema", "schemas"})
        if (auto index = root->index_of(key); index && (!last || *index > *last)) last = index;
      size_t at = last ? entry_end(source, root, *last, source.text().size()) : 0;
      std::string lead = at == source.text().size() && !env.text.empty() && env.text.back() != '\n' ? "\n" : "";
      edited = apply_edits(env.text, {TextEdit{at, at, lead + section}});
    }
  } else {
    const size_t keys_index = *root->index_of("keys");
    const size_t keys_end = entry_end(source, root, keys_index, source.text().size());
    const std::string indent(keys->key_mark(0).column - 1, ' ');
    if (auto index = keys->index_of(spec.name)) {
      const yaml::Node *value = keys->at(*index);
      std::string child = indent + "  ";
      std::string kept;
      if (value->is_map() && value->size() > 0) {
        if (source.is_flow(value)) {
          for (size_t i = 0; i < value->size(); ++i)
            if (!written_by(spec, value->key_at(i)))
              throw DomainError(env.file + ": key '" + spec.name + "' is written in flow style ({...}) with `" +
                                value->key_at(i) + "`; edit it by hand");
        } else {
          child = std::string(value->key_mark(0).column - 1, ' ');
          const size_t value_end = entry_end(source, keys, *index, keys_end);
          for (size_t i = 0; i < value->size(); ++i) {
            if (written_by(spec, value->key_at(i))) continue;
            size_t begin = source.line_begin(value->key_mark(i).line);
            kept += with_newline(std::string(source.text().substr(begin, entry_end(source, value, i, value_end) - begin)));
          }
        }
      }
      size_t begin = source.line_begin(keys->key_mark(*index).line);
      size_t end = entry_end(source, keys, *index, keys_end);
      edited = apply_edits(env.text, {TextEdit{begin, end, render_key(spec, indent, child, kept)}});
    } else {
      size_t at = entry_end(source, keys, keys->size() - 1, keys_end);
      std::string lead = at == source.text().size() && env.text.back() != '\n' ? "\n" : "";
      edited = apply_edits(env.text, {TextEdit{at, at, lead + render_key(spec, indent, indent + "  ", "")}});
    }
  }
  // What the file will say is what the model reads back: `required` is written explicitly.
  KeySpec wanted = spec;
  wanted.required = spec.required.value_or(true);
  if (!spec.rotation_days) {
    // A rotation period the entry had is kept as written.
    if (env.model->keys)
      for (const auto &k : *env.model->keys)
        if (k.name == spec.name) wanted.rotation_days = k.rotation_days;
  }
  verify_key_edit(env, edited, spec.name, wanted);
  return edited;
}

std::string remove_environment_key(const LoadedEnvironment &env, const std::string &name) {
  SourceText source(env.text);
  const yaml::Node *root = env.doc->root();
  const yaml::Node *keys = editable_keys(env, source);
  auto index = keys && keys->is_map() ? keys->index_of(name) : std::nullopt;
  if (!index) throw DomainError("environment '" + env.stem + "' declares no key '" + name + "' (" + env.file + ")");
  const size_t keys_index = *root->index_of("keys");
  const size_t keys_end = entry_end(source, root, keys_index, source.text().size());
  TextEdit edit;
  if (keys->size() == 1) {
    edit = TextEdit{entry_begin(source, root, keys_index), keys_end, ""};
  } else {
    edit = TextEdit{entry_begin(source, keys, *index), entry_end(source, keys, *index, keys_end), ""};
    // The last entry keeps the blank lines after it; an earlier one takes its own up to the next entry.
    if (*index + 1 < keys->size()) edit.end = entry_begin(source, keys, *index + 1);
  }
  std::string edited = apply_edits(env.text, {edit});
  verify_key_edit(env, edited, name, std::nullopt);
  return edited;
}

} // namespace ssmd::registry
