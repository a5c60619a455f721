// Reads the typed fields of one YAML mapping and reports, at the offending node, every value of the wrong
// type and every key the host does not know. Loaders use one FieldReader per mapping.
#pragma once

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "yaml/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::registry {

// What to do with keys that are not in the known list.
enum class UnknownKeys {
  Warn,        // a warning on each, suggesting the closest known key
  WarnTypos,   // kept silently for plugins, unless it is a near miss of a known key (then a warning)
};

class FieldReader {
public:
  // `prefix` is the rule prefix ("feed", "schema", "env"); `path` the mapping's document path.
  FieldReader(const yaml::Document &doc, const yaml::Node *map, std::string path, std::string prefix,
              Diagnostics &out);

  // False (and an error at the node) when the node is not a mapping.
  bool require_map(const std::string &what);

  const yaml::Node *node(const std::string &key) const;
  bool has(const std::string &key) const { return node(key) != nullptr; }
  std::string path_of(const std::string &key) const { return path_.empty() ? key : path_ + "." + key; }

  // Each returns nullopt when the key is absent or the value has the wrong type (reported).
  std::optional<std::string> string(const std::string &key);
  std::optional<Date> date(const std::string &key);
  std::optional<int64_t> integer(const std::string &key);
  std::optional<bool> boolean(const std::string &key);
  std::optional<std::vector<std::string>> strings(const std::string &key);

  // Reports the keys not in `known`; returns them in document order.
  std::vector<std::string> unknown_keys(const std::vector<std::string> &known, UnknownKeys policy);

  void error_at(const yaml::Node *node, const std::string &rule, const std::string &message);

private:
  void wrong_type(const yaml::Node *node, const std::string &key, const std::string &expected);
  const yaml::Document &doc_;
  const yaml::Node *map_;
  std::string path_;
  std::string prefix_;
  Diagnostics &out_;
};

// A short description of a node for messages: "'soon'", "a list", "a mapping", "nothing".
std::string describe(const yaml::Node *node);

} // namespace ssmd::registry
