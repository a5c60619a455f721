// A struct's fields with ordinals, flattened through its groups and unions, as the wire sees them: every
// field knows the unions it belongs to, and every union knows which ordinals it holds and which
// discriminant value selects each member.
#pragma once

#include "model.hpp"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ssmd::capnp_schema {

struct FlatField {
  const Field *field = nullptr;
  std::string path;             // relative to the struct: "price", "address.city"
  std::vector<uint64_t> unions; // the union scopes (struct or group node IDs) it is in, outermost first
};

struct UnionInfo {
  std::set<uint16_t> ordinals;                // every ordinal inside the union, through groups
  std::map<uint16_t, uint16_t> discriminants; // member key (its lowest ordinal) -> discriminant value
  uint32_t discriminant_offset = 0;
};

struct StructLayout {
  std::vector<FlatField> fields;
  std::map<uint64_t, UnionInfo> unions;
  const FlatField *by_ordinal(uint16_t ordinal) const;
  const FlatField *by_path(const std::string &path) const;

private:
  friend StructLayout flatten(const Model &model, const Node &node);
  std::map<uint16_t, size_t> ordinal_index_;
  std::unordered_map<std::string, size_t> path_index_;
};

StructLayout flatten(const Model &model, const Node &node);

} // namespace ssmd::capnp_schema
