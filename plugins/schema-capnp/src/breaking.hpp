// Compares two versions of a schema file structurally, by the rules of the Cap'n Proto language guide
// ("Evolving Your Protocol"). Types are matched by ID (else by scoped name), fields by ordinal, enumerants
// and methods by number. Wire-breaking changes are errors (`capnp/breaking/...`), renames that only break
// generated code are warnings (`capnp/source/...`), allowed but notable changes are infos
// (`capnp/note/...`); additions produce nothing. Every finding points into the newer file.
#pragma once

#include "model.hpp"
#include "report.hpp"
#include "source_index.hpp"

#include <string>

namespace ssmd::capnp_schema {

void compare_versions(const Model &older, const Model &newer, const SourceIndex &newer_index,
                      const std::string &newer_file, Report &report);

} // namespace ssmd::capnp_schema
