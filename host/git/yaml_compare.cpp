#include "git/yaml_compare.hpp"

#include <algorithm>

namespace ssmd::git {

using yaml::Node;

bool same_value(const Node *a, const Node *b) {
  if (a == b) return true;
  if (!a || !b || a->kind() != b->kind()) return false;
  switch (a->kind()) {
  case Node::Kind::Null: return true;
  case Node::Kind::Scalar: return a->scalar() == b->scalar();
  case Node::Kind::Sequence:
    if (a->size() != b->size()) return false;
    for (size_t i = 0; i < a->size(); ++i)
      if (!same_value(a->at(i), b->at(i))) return false;
    return true;
  case Node::Kind::Map:
    if (a->size() != b->size()) return false;
    for (size_t i = 0; i < a->size(); ++i)
      if (!same_value(a->at(i), b->get(a->key_at(i)))) return false;
    return true;
  }
  return false;
}

std::optional<std::string> scalar_text(const Node *node) {
  if (!node || !node->is_scalar()) return std::nullopt;
  return node->scalar();
}

std::vector<std::string> changed_keys(const Node *a, const Node *b) {
  std::vector<std::string> keys;
  if (a == b) return keys;
  auto note = [&](const std::string &key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  const Node *old_map = a && a->is_map() ? a : nullptr;
  const Node *new_map = b && b->is_map() ? b : nullptr;
  if (new_map)
    for (size_t i = 0; i < new_map->size(); ++i) {
      const std::string &key = new_map->key_at(i);
      if (!same_value(old_map ? old_map->get(key) : nullptr, new_map->at(i))) note(key);
    }
  if (old_map)
    for (size_t i = 0; i < old_map->size(); ++i) {
      const std::string &key = old_map->key_at(i);
      if (!same_value(old_map->at(i), new_map ? new_map->get(key) : nullptr)) note(key);
    }
  return keys;
}

std::optional<std::vector<KeyedItem>> keyed_items(const Node *sequence, std::string_view id_key) {
  std::vector<KeyedItem> items;
  if (!sequence || sequence->is_null()) return items;
  if (!sequence->is_sequence()) return std::nullopt;
  for (size_t i = 0; i < sequence->size(); ++i) {
    const Node *item = sequence->at(i);
    auto id = item && item->is_map() ? scalar_text(item->get(id_key)) : std::nullopt;
    if (!id) return std::nullopt;
    items.push_back({*id, item});
  }
  return items;
}

ItemIndex index_items(const std::vector<KeyedItem> &items) {
  ItemIndex index;
  index.reserve(items.size());
  for (const auto &item : items) index.emplace(item.id, item.node);
  return index;
}

const Node *find_item(const ItemIndex &index, std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

} // namespace ssmd::git
