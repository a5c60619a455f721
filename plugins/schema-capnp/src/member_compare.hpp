// Enums and interfaces, member by member: enumerants and methods are known by number on the wire and by
// name in generated code. Methods also compare their parameter and result structs, and interfaces the
// interfaces they extend (a call names the interface that declares the method by its ID).
#pragma once

#include "compare_context.hpp"

namespace ssmd::capnp_schema {

void compare_enums(const Node &older, const Node &newer, CompareContext &ctx);
void compare_interfaces(const Node &older, const Node &newer, CompareContext &ctx);

} // namespace ssmd::capnp_schema
