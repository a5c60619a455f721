// What the oracle (wire_oracle.hpp) needs to know about a struct's fields and types through Cap'n Proto's
// runtime schemas: fields with ordinals through groups, the type at each ordinal, and whether a pointer
// may be stored where an AnyPointer (or AnyStruct, AnyList, Capability, generic parameter) is declared.
#pragma once

#include <capnp/schema.capnp.h>
#include <capnp/schema.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ssmd::test::oracle {

// Nested structs are filled this deep (recursive types stop there), and compared a little deeper.
inline constexpr unsigned k_max_depth = 3;

struct Leaf {
  uint16_t ordinal = 0;
  std::string path;                              // "price", "address.city"
  std::vector<capnp::StructSchema::Field> chain; // the groups leading to it, then the field itself
};

std::vector<Leaf> leaves(capnp::StructSchema s);
// Every ordinal inside a field: itself, or everything in its group.
std::set<uint16_t> ordinals_in(capnp::StructSchema::Field f);
bool has_discriminant(capnp::StructSchema::Field f);

// The type at each ordinal of a struct, so a writer knows what the other version expects there.
using Counterparts = std::map<uint16_t, capnp::Type>;
Counterparts counterparts_of(std::optional<capnp::Type> t);
std::optional<capnp::Type> element_of(std::optional<capnp::Type> t);

using AnyKind = capnp::schema::Type::AnyPointer::Unconstrained::Which;
AnyKind any_kind(capnp::Type t); // a generic parameter is unconstrained
bool is_pointer(capnp::Type t);
// Whether `t` may be stored where the AnyPointer type `any` is declared.
bool fits(capnp::Type t, capnp::Type any);

} // namespace ssmd::test::oracle
