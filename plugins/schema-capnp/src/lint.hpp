// Checks of a compiled file beyond what the compiler enforces: the version's root type, naming
// conventions, floating-point prices and import cycles.
#pragma once

#include "compiler.hpp"
#include "model.hpp"
#include "report.hpp"

#include <string>
#include <string_view>

namespace ssmd::capnp_schema {

// The root a schema version provides when it names none: the schema name in UpperCamelCase.
std::string default_root(std::string_view schema_name);

// Checks that `root` (or the default root of `schema_name`) is a struct of the file. Skipped when both
// are empty (a file checked outside any schema has no root to provide), and when only the default is
// known, is not declared and the file declares no struct at all (an annotation-only file like c++.capnp).
void check_root(const Model &model, const CompiledSchema &compiled, std::string_view root, std::string_view schema_name,
                Report &report);

// rule::type_name_case, rule::field_name_case and rule::float_price over the file's own declarations.
void lint_names_and_types(const Model &model, const CompiledSchema &compiled, Report &report);

// rule::import_cycle: one finding per cycle among the files this compilation read.
void check_import_cycles(const CompiledSchema &compiled, Report &report);

} // namespace ssmd::capnp_schema
