// Whether data written with one version is read back the same by the other, decided from the two compiled
// schemas: types are compared by what the wire holds (not by name or ID), struct types through their
// fields with the generic bindings in force, interfaces by which calls they serve. This is the part of the
// comparison that says `wire`; tests/plugins/schema-capnp/test_wire_oracle.cpp checks it against real
// messages written with one version and read with the other.
#pragma once

#include "model.hpp"
#include "struct_layout.hpp"
#include "type_binding.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace ssmd::capnp_schema {

// How the type at one place of the newer version relates to the type at the same place of the older, in
// increasing order of concern.
enum class TypeChange {
  Same,         // nothing the wire or generated code sees
  MadeGeneric,  // a pointer became a generic parameter that users bind (note)
  ListUpgraded, // List(T) became List(S), S's @0 field being T (note)
  Compatible,   // another type the wire reads identically: generated code changes (source)
  Risky,        // readable today only if the data holds what the newer type says, e.g. AnyPointer
                // narrowed to Text (hygiene)
  Changed       // the wire reads it differently (wire)
};

struct TypeVerdict {
  TypeChange change = TypeChange::Same;
  std::string why; // for Compatible, Risky and Changed: one clause saying what differs
};

// What differs about one field (by ordinal) between two versions of a struct.
struct FieldDiff {
  TypeVerdict type;
  bool slot_moved = false;      // same type, stored elsewhere
  bool default_changed = false; // read differently when unset
  enum class Union { Same, Wrapped, Dissolved, Left, Joined, ValueChanged, Moved } union_change = Union::Same;
  UnionLevel old_level, new_level; // the levels that differ (Wrapped: new_level; Dissolved: old_level)
  // Whether anything here makes the wire read the field differently.
  bool breaks_wire() const {
    return type.change == TypeChange::Changed || slot_moved || default_changed ||
           (union_change != Union::Same && union_change != Union::Wrapped && union_change != Union::Dissolved);
  }
};

class WireComparer {
public:
  // `id_map` maps older type IDs to the newer types they became; it may grow after construction.
  WireComparer(const Model &older, const Model &newer, const std::map<uint64_t, uint64_t> &id_map)
      : older_(older), newer_(newer), id_map_(id_map) {}

  // Two resolved types at the same place (`in_list`: as list elements, whose encoding must also agree).
  TypeVerdict types(const TypeRef &older, const TypeRef &newer, bool in_list = false);
  // Two struct declarations read with the given bindings: Changed when any common field reads differently.
  TypeVerdict structs(const Node &older, const Bindings &older_bindings, const Node &newer,
                      const Bindings &newer_bindings);
  // One field present in both versions of a struct (by ordinal), each with its layout and bindings.
  FieldDiff field(const FlatField &older, const StructLayout &older_layout, const Bindings &older_bindings,
                  const FlatField &newer, const StructLayout &newer_layout, const Bindings &newer_bindings);
  // Whether callers holding either interface can call exactly the methods the other serves.
  bool same_calls(uint64_t older, uint64_t newer) const;
  // The calls a server of interface `id` answers: (ID of the interface that declares the method, method
  // number), through every interface it extends; for the older version with IDs mapped to the newer.
  std::set<std::pair<uint64_t, uint16_t>> calls(const Model &model, uint64_t id) const;

  // Drops what was decided so far: after `id_map` grew, types it now maps compare as the same.
  void forget() { memo_.clear(); }

  uint64_t mapped(uint64_t older_id) const {
    auto it = id_map_.find(older_id);
    return it == id_map_.end() ? older_id : it->second;
  }
  bool same_type(const TypeRef &older, const TypeRef &newer) const {
    return type_key(older, &id_map_) == type_key(newer);
  }

private:
  TypeVerdict data_types(const TypeRef &older, const TypeRef &newer) const;
  TypeVerdict any_pointers(const TypeRef &older, const TypeRef &newer, bool in_list) const;
  TypeVerdict lists(const TypeRef &older, const TypeRef &newer);
  TypeVerdict struct_types(const TypeRef &older, const TypeRef &newer);
  TypeVerdict generic_interfaces(const TypeRef &older, const TypeRef &newer);
  // Whether a list of `element` reads the same as a list of `s` (the upgrade the guide allows).
  bool upgrades_to(const TypeRef &element, const Node &s, const Model &model);
  FieldDiff::Union union_change(const FlatField &older, const StructLayout &older_layout, const FlatField &newer,
                                const StructLayout &newer_layout, UnionLevel &old_level, UnionLevel &new_level) const;

  const Model &older_;
  const Model &newer_;
  const std::map<uint64_t, uint64_t> &id_map_;
  // Struct pairs (by type key) compared or being compared; one in progress counts as compatible, so a
  // recursive type is decided by its other fields.
  std::map<std::pair<std::string, std::string>, TypeVerdict> memo_;
};

// The later of two changes in TypeChange's order.
TypeChange worse(TypeChange a, TypeChange b);

} // namespace ssmd::capnp_schema
