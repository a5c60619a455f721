// What the comparison of two versions shares: both models, where things are in the newer file, the
// mapping from older type IDs to newer ones, and the report.
#pragma once

#include "model.hpp"
#include "report.hpp"
#include "source_index.hpp"

#include <map>
#include <string>
#include <string_view>

namespace ssmd::capnp_schema {

struct CompareContext {
  const Model &older;
  const Model &newer;
  const SourceIndex &index;
  const std::string &file;
  Report &report;
  std::map<uint64_t, uint64_t> id_map; // older type ID -> the newer type it became

  uint64_t mapped(uint64_t older_id) const {
    auto it = id_map.find(older_id);
    return it == id_map.end() ? older_id : it->second;
  }
  void at(std::string_view rule, Position where, const std::string &message) {
    report.at(rule, file, where, message);
  }
};

enum class TypeChange {
  Same,
  ListUpgraded, // List(T) became List(S) where S's @0 field is T: allowed
  MadeGeneric,  // a pointer type became a generic parameter: allowed when users bind it
  Changed
};

TypeChange compare_types(const TypeRef &older, const TypeRef &newer, const CompareContext &ctx);

// Compares the fields of two structs (or two method parameter lists). `what` names a member in messages
// ("field", "parameter", "result") and `owner` the struct or method it belongs to.
void compare_struct(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                    CompareContext &ctx);

} // namespace ssmd::capnp_schema
