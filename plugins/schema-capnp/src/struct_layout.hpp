// A struct's fields with ordinals, flattened through its groups and unions, as the wire sees them: every
// field knows the unions it belongs to (where each keeps its discriminant and which value selects the
// field's branch), and every union knows which ordinals each of its members holds.
#pragma once

#include "model.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ssmd::capnp_schema {

// One union a field is inside: the union's scope (the struct or group node that holds it), where its
// discriminant is (in 16-bit units of the data section) and the value that selects the field's branch.
struct UnionLevel {
  uint64_t scope = 0;
  uint32_t offset = 0;
  uint16_t value = 0;
  bool operator==(const UnionLevel &o) const { return offset == o.offset && value == o.value; }
};

struct FlatField {
  const Field *field = nullptr;
  std::string path;             // relative to the struct: "price", "address.city"
  std::vector<uint64_t> unions; // the union scopes (struct or group node IDs) it is in, outermost first
  std::vector<UnionLevel> chain; // the same unions with their discriminants, outermost first
};

struct UnionInfo {
  std::set<uint16_t> ordinals;                // every ordinal inside the union, through groups
  std::map<uint16_t, uint16_t> discriminants; // member key (its lowest ordinal) -> discriminant value
  std::map<uint16_t, std::set<uint16_t>> members; // discriminant value -> the ordinals inside that member
  uint32_t discriminant_offset = 0;
};

// Where a field's value is stored: `bits` wide at bit `offset` of the data section, or pointer `offset`.
struct Slot {
  bool pointer = false;
  uint32_t offset = 0;
  uint32_t bits = 0; // 0 for Void
  bool operator==(const Slot &) const = default;
};

struct StructLayout {
  std::vector<FlatField> fields;
  std::map<uint64_t, UnionInfo> unions;
  const FlatField *by_ordinal(uint16_t ordinal) const;
  const FlatField *by_path(const std::string &path) const;
  // Whether any field's value or any union's discriminant occupies a bit in [offset, offset + bits) of
  // the data section.
  bool data_overlaps(uint32_t offset, uint32_t bits) const;

private:
  friend StructLayout flatten(const Model &model, const Node &node);
  std::map<uint16_t, size_t> ordinal_index_;
  std::unordered_map<std::string, size_t> path_index_;
};

StructLayout flatten(const Model &model, const Node &node);

// The width in bits of a data type (0 for Void), or nullopt for a pointer type.
std::optional<uint32_t> data_bits(const TypeRef &type);
Slot slot_of(const Field &field);

} // namespace ssmd::capnp_schema
