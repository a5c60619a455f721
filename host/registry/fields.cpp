#include "registry/fields.hpp"

#include "core/suggest.hpp"

#include <charconv>

namespace ssmd::registry {

std::string describe(const yaml::Node *node) {
  if (!node || node->is_null()) return "nothing";
  if (node->is_sequence()) return "a list";
  if (node->is_map()) return "a mapping";
  std::string text = node->scalar();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return (node->quoted() ? "the string \"" : "'") + text + (node->quoted() ? "\"" : "'");
}

FieldReader::FieldReader(const yaml::Document &doc, const yaml::Node *map, std::string path, std::string prefix,
                         Diagnostics &out)
    : doc_(doc), map_(map), path_(std::move(path)), prefix_(std::move(prefix)), out_(out) {}

void FieldReader::error_at(const yaml::Node *node, const std::string &rule, const std::string &message) {
  yaml::Mark m = node && node->mark().line ? node->mark() : doc_.locate(path_);
  out_.push_back(Diagnostic{doc_.file(), m.line, m.column, Severity::Error, rule, message});
}

bool FieldReader::require_map(const std::string &what) {
  if (map_ && map_->is_map()) return true;
  error_at(map_, prefix_ + "/wrong-type", what + " must be a mapping, not " + describe(map_));
  return false;
}

const yaml::Node *FieldReader::node(const std::string &key) const {
  return map_ && map_->is_map() ? map_->get(key) : nullptr;
}

void FieldReader::wrong_type(const yaml::Node *node, const std::string &key, const std::string &expected) {
  error_at(node, prefix_ + "/wrong-type", path_of(key) + " must be " + expected + ", not " + describe(node));
}

std::optional<std::string> FieldReader::string(const std::string &key) {
  const yaml::Node *n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_scalar()) {
    wrong_type(n, key, "a string");
    return std::nullopt;
  }
  return n->scalar();
}

std::optional<Date> FieldReader::date(const std::string &key) {
  const yaml::Node *n = node(key);
  if (!n) return std::nullopt;
  // A quoted "2025-01-01" is a string in YAML; dates are written bare, as YAML timestamps.
  auto parsed = n->is_scalar() && !n->quoted() ? Date::parse(n->scalar()) : std::nullopt;
  if (!parsed) wrong_type(n, key, "a calendar date YYYY-MM-DD (unquoted)");
  return parsed;
}

std::optional<int64_t> FieldReader::integer(const std::string &key) {
  const yaml::Node *n = node(key);
  if (!n) return std::nullopt;
  if (n->is_scalar() && !n->quoted()) {
    const std::string &s = n->scalar();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return value;
  }
  wrong_type(n, key, "an integer");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const std::string &key) {
  const yaml::Node *n = node(key);
  if (!n) return std::nullopt;
  if (n->is_scalar() && !n->quoted()) {
    const std::string &s = n->scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  wrong_type(n, key, "true or false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::strings(const std::string &key) {
  const yaml::Node *n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_sequence()) {
    wrong_type(n, key, "a list of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < n->size(); ++i) {
    const yaml::Node *item = n->at(i);
    if (!item->is_scalar()) {
      error_at(item, prefix_ + "/wrong-type",
               path_of(key) + "[" + std::to_string(i) + "] must be a string, not " + describe(item));
      ok = false;
      continue;
    }
    out.push_back(item->scalar());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::vector<std::string> FieldReader::unknown_keys(const std::vector<std::string> &known, UnknownKeys policy) {
  std::vector<std::string> unknown;
  if (!map_ || !map_->is_map()) return unknown;
  for (size_t i = 0; i < map_->size(); ++i) {
    const std::string &key = map_->key_at(i);
    bool is_known = false;
    for (const auto &k : known) is_known = is_known || k == key;
    if (is_known) continue;
    unknown.push_back(key);
    auto near = closest(key, known);
    if (policy == UnknownKeys::WarnTypos && !near) continue;
    std::string message = "unknown key '" + path_of(key) + "'";
    message += near ? "; did you mean '" + *near + "'?" : " (known keys: " + [&] {
      std::string list;
      for (const auto &k : known) list += (list.empty() ? "" : ", ") + k;
      return list;
    }() + ")";
    yaml::Mark m = map_->key_mark(i);
    out_.push_back(Diagnostic{doc_.file(), m.line, m.column, Severity::Warning, prefix_ + "/unknown-key", message});
  }
  return unknown;
}

} // namespace ssmd::registry
