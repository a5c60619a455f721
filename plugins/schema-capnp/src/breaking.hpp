// Compares two versions of a schema structurally, by the rules of the Cap'n Proto language guide
// ("Evolving Your Protocol") and of the encoding: every type the compiled file declares or reaches in an
// imported file is compared, fields by ordinal with generic arguments bound, enumerants and methods by
// number. Each finding's rule id says its category (rules.hpp): `capnp/breaking/...` (wire: the versions
// read data or serve calls differently), `capnp/removal/...`, `capnp/hygiene/...`, `capnp/source/...` and
// `capnp/note/...`. Findings point into the newer version's files.
#pragma once

#include "file_indexes.hpp"
#include "model.hpp"
#include "report.hpp"

namespace ssmd::capnp_schema {

void compare_versions(const Model &older, const Model &newer, const FileIndexes &newer_files, Report &report);

} // namespace ssmd::capnp_schema
