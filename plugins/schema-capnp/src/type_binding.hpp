// Generic parameters as the wire sees them: a field declared `v @0 :T` inside `Box(T)` holds whatever the
// brand at the place of use binds `T` to (`b :Box(Text)` makes it Text). Comparisons resolve every type
// against the bindings in force, so `Box(Text)` and `Box(Data)` compare as the types they hold.
#pragma once

#include "model.hpp"

#include <map>
#include <string>
#include <vector>

namespace ssmd::capnp_schema {

// The bindings in force while reading a declaration's fields: generic scope ID -> the types bound to its
// parameters, in order. A scope that is absent leaves its parameters unbound (they stay parameters).
using Bindings = std::map<uint64_t, std::vector<TypeRef>>;

// `type` with every parameter `bindings` binds replaced by its binding, and every `inherit` scope of its
// brand replaced by the bindings it passes on (or dropped, when none are in force).
TypeRef resolve(const TypeRef &type, const Bindings &bindings);

// The bindings a resolved struct or interface type gives its declaration's fields.
Bindings bindings_of(const TypeRef &resolved);

// A text that is equal for two resolved types exactly when they are the same type (after mapping older
// IDs through `map`, when given).
std::string type_key(const TypeRef &type, const std::map<uint64_t, uint64_t> *map = nullptr);

} // namespace ssmd::capnp_schema
