// Builds the `Model` of a compiled file from Cap'n Proto's schema nodes: every named node of the file
// (walking nestedNodes), the groups of its structs, the parameter structs of its methods, and every
// struct, enum or interface its types refer to (from imported files too, marked `local = false`).
#pragma once

#include "model.hpp"

#include <capnp/schema-parser.h>

#include <string>

namespace ssmd::capnp_schema {

Model build_model(const capnp::ParsedSchema &file, const std::string &display_name);

} // namespace ssmd::capnp_schema
