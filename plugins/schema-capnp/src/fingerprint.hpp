// A structural fingerprint of a compiled schema: SHA-256 over a canonical text of its nodes, sorted by
// ID, fields by ordinal. Comments, whitespace, declaration order and the file's path do not enter it;
// names, IDs, ordinals, types, defaults, annotations and layout do.
#pragma once

#include "model.hpp"

#include <string>

namespace ssmd::capnp_schema {

inline constexpr std::string_view k_fingerprint_prefix = "capnp-schema:sha256:";

// The canonical text the fingerprint hashes (exposed for tests and debugging).
std::string canonical_text(const Model &model);
// `capnp-schema:sha256:` and 64 hex digits.
std::string fingerprint(const Model &model);

} // namespace ssmd::capnp_schema
