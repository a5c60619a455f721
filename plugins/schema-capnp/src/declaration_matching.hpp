// Which declaration of the newer version each declaration of the older one became. Both the compiled
// file's declarations and every type it reaches in imported files take part (a type is compared wherever
// it is declared). A declaration is found by ID, else by scoped name (its ID then changed); one renamed
// without an explicit ID is recognised by where it is used (a field whose type went from the old name
// to the new one) or, alone in its scope, by an identical layout.
#pragma once

#include "compare_context.hpp"

#include <utility>
#include <vector>

namespace ssmd::capnp_schema {

using DeclarationPairs = std::vector<std::pair<const Node *, const Node *>>;

// Matches declarations, fills `ctx.id_map`, and reports removals, additions, ID changes and renames.
DeclarationPairs match_declarations(CompareContext &ctx);

} // namespace ssmd::capnp_schema
