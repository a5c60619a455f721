// Writing YAML text: scalars that read back as the same string, and one-line values for new files and
// inserted blocks. ssmd never re-serialises a whole document; it writes new files and splices small
// pieces into existing ones (registry/text_edit.hpp).
#pragma once

#include "yaml/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::registry {

// `text` as a YAML string scalar: plain when that reads back as the same string (and not as a number,
// boolean, null or date), else double-quoted with escapes. Safe inside flow collections too.
std::string yaml_string(std::string_view text);

// A node as one line of flow YAML that reads back as the same value: `[a, b]`, `{k: v}`, `10`, `"x y"`.
std::string yaml_flow(const yaml::Node *node);

// `[a, b]` with each item through yaml_string().
std::string yaml_flow_list(const std::vector<std::string> &items);

// One `key: value` entry of a block; `value` is already YAML text.
struct YamlEntry {
  std::string key;
  std::string value;
};

// A sequence item of mappings: "<indent>- k1: v1\n<indent>  k2: v2\n..." where the keys after the first
// start at `key_column` (0-based) and the dash at `dash_column`.
std::string yaml_block_item(const std::vector<YamlEntry> &entries, size_t dash_column, size_t key_column);

} // namespace ssmd::registry
