// The oracle's writer (wire_oracle.hpp): a message of one struct with every field set to a value that
// tells it apart (the top bit and every byte set, different per field), or with only its union choices.
#pragma once

#include "oracle_types.hpp"

#include <capnp/dynamic.h>

namespace ssmd::test::oracle {

// What a message holds besides its union choices.
enum class Fill {
  Known,   // every field set; enums to enumerants both versions may name
  Wide,    // every field set; enums to numbers no enumerant has, with the high byte set
  Defaults // only the union choices: each chosen member set to its default (null, zero)
};

// Fills `root`, a struct of `schema`, choosing member `variant` (modulo their number) of every union.
// `other` is the other version's type at each ordinal: an AnyPointer takes its shape when it may.
void write_message(capnp::DynamicStruct::Builder root, capnp::StructSchema schema, const Counterparts &other,
                   unsigned variant, Fill mode);

} // namespace ssmd::test::oracle
