#include "struct_layout.hpp"

#include <optional>

namespace ssmd::capnp_schema {

namespace {

// The lowest ordinal inside a field (itself, or anything in its group).
std::optional<uint16_t> lowest_ordinal(const Model &model, const Field &field) {
  if (!field.is_group) return field.ordinal;
  const Node *group = model.find(field.group_id);
  std::optional<uint16_t> lowest;
  for (const auto &f : group ? group->fields : std::vector<Field>{})
    if (auto o = lowest_ordinal(model, f); o && (!lowest || *o < *lowest)) lowest = o;
  return lowest;
}

void walk(const Model &model, const Node &node, const std::string &prefix, const std::vector<uint64_t> &unions,
          StructLayout &out) {
  if (node.discriminant_count > 0) out.unions[node.id].discriminant_offset = node.discriminant_offset;
  for (const auto &field : node.fields) {
    std::vector<uint64_t> scopes = unions;
    if (field.discriminant != k_no_discriminant) {
      scopes.push_back(node.id);
      if (auto key = lowest_ordinal(model, field)) out.unions[node.id].discriminants[*key] = field.discriminant;
    }
    if (field.is_group) {
      if (const Node *group = model.find(field.group_id)) walk(model, *group, prefix + field.name + ".", scopes, out);
    } else if (field.ordinal) {
      for (uint64_t u : scopes) out.unions[u].ordinals.insert(*field.ordinal);
      out.fields.push_back({&field, prefix + field.name, scopes});
    }
  }
}

} // namespace

const FlatField *StructLayout::by_ordinal(uint16_t ordinal) const {
  auto it = ordinal_index_.find(ordinal);
  return it == ordinal_index_.end() ? nullptr : &fields[it->second];
}

const FlatField *StructLayout::by_path(const std::string &path) const {
  auto it = path_index_.find(path);
  return it == path_index_.end() ? nullptr : &fields[it->second];
}

StructLayout flatten(const Model &model, const Node &node) {
  StructLayout layout;
  walk(model, node, "", {}, layout);
  for (size_t i = 0; i < layout.fields.size(); ++i) {
    layout.ordinal_index_.emplace(*layout.fields[i].field->ordinal, i);
    layout.path_index_.emplace(layout.fields[i].path, i);
  }
  return layout;
}

} // namespace ssmd::capnp_schema
