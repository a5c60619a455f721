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

void walk(const Model &model, const Node &node, const std::string &prefix, const std::vector<UnionLevel> &chain,
          StructLayout &out) {
  if (node.discriminant_count > 0) out.unions[node.id].discriminant_offset = node.discriminant_offset;
  for (const auto &field : node.fields) {
    std::vector<UnionLevel> levels = chain;
    if (field.discriminant != k_no_discriminant) {
      levels.push_back({node.id, node.discriminant_offset, field.discriminant});
      if (auto key = lowest_ordinal(model, field)) out.unions[node.id].discriminants[*key] = field.discriminant;
    }
    if (field.is_group) {
      if (const Node *group = model.find(field.group_id)) walk(model, *group, prefix + field.name + ".", levels, out);
    } else if (field.ordinal) {
      std::vector<uint64_t> scopes;
      for (const auto &level : levels) {
        scopes.push_back(level.scope);
        UnionInfo &u = out.unions[level.scope];
        u.ordinals.insert(*field.ordinal);
        u.members[level.value].insert(*field.ordinal);
      }
      out.fields.push_back({&field, prefix + field.name, scopes, levels});
    }
  }
}

} // namespace

std::optional<uint32_t> data_bits(const TypeRef &type) {
  using K = TypeRef::Kind;
  switch (type.kind) {
  case K::Void: return 0;
  case K::Bool: return 1;
  case K::Int8:
  case K::UInt8: return 8;
  case K::Int16:
  case K::UInt16:
  case K::Enum: return 16;
  case K::Int32:
  case K::UInt32:
  case K::Float32: return 32;
  case K::Int64:
  case K::UInt64:
  case K::Float64: return 64;
  default: return std::nullopt;
  }
}

Slot slot_of(const Field &field) {
  if (auto bits = data_bits(field.type)) return Slot{false, *bits ? field.offset * *bits : 0, *bits};
  return Slot{true, field.offset, 64};
}

const FlatField *StructLayout::by_ordinal(uint16_t ordinal) const {
  auto it = ordinal_index_.find(ordinal);
  return it == ordinal_index_.end() ? nullptr : &fields[it->second];
}

const FlatField *StructLayout::by_path(const std::string &path) const {
  auto it = path_index_.find(path);
  return it == path_index_.end() ? nullptr : &fields[it->second];
}

bool StructLayout::data_overlaps(uint32_t offset, uint32_t bits) const {
  auto overlaps = [&](uint32_t at, uint32_t width) { return width && at < offset + bits && offset < at + width; };
  for (const auto &f : fields) {
    Slot s = slot_of(*f.field);
    if (!s.pointer && overlaps(s.offset, s.bits)) return true;
  }
  for (const auto &[id, u] : unions)
    if (overlaps(u.discriminant_offset * 16, 16)) return true;
  return false;
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
