#include "rules.hpp"

#include <array>

namespace ssmd::capnp_schema {

namespace {

constexpr std::string_view k_guide = "https://capnproto.org/language.html#evolving-your-protocol";
constexpr std::string_view k_language = "https://capnproto.org/language.html";
constexpr std::string_view k_compiler = "Cap'n Proto compiler (libcapnpc SchemaParser) diagnostics";
constexpr std::string_view k_encoding = "https://capnproto.org/encoding.html";
constexpr std::string_view k_rpc = "https://capnproto.org/rpc.html";
constexpr std::string_view k_ssmd = "ssmd schema conventions (plugins/schema-capnp/README.md)";

constexpr auto E = SSMD_SEVERITY_ERROR;
constexpr auto W = SSMD_SEVERITY_WARNING;
constexpr auto I = SSMD_SEVERITY_INFO;
using C = RuleCategory;

constexpr std::array k_rules = {
    RuleSpec{rule::syntax, E, C::Structure, "Checks that the file lexes and parses as Cap'n Proto schema language.",
             k_compiler},
    RuleSpec{rule::compile, E, C::Structure,
             "Checks that the file compiles: names resolve, ordinals are sequential, types and values match.",
             k_compiler},
    RuleSpec{rule::missing_file_id, E, C::Structure,
             "Checks that the file declares its own 64-bit file ID (`@0x...;`), and suggests one.",
             "https://capnproto.org/language.html#unique-ids"},
    RuleSpec{rule::import_failed, E, C::Structure,
             "Checks that every import resolves to a readable schema file inside the repository or an import path.",
             "https://capnproto.org/language.html#imports"},
    RuleSpec{rule::unreadable, E, C::Structure, "Checks that the version's schema file exists in the repository.",
             k_ssmd},
    RuleSpec{rule::too_large, E, C::Structure, "Checks that a schema file is at most 4 MiB, so checks stay fast.",
             k_ssmd},
    RuleSpec{rule::binary, E, C::Structure, "Checks that a schema file is text: it contains no NUL byte.", k_ssmd},
    RuleSpec{rule::too_deep, E, C::Structure,
             "Checks that brackets and dotted names nest at most 128 deep, which the compiler's recursive parser "
             "needs to stay within its stack.",
             k_ssmd},
    RuleSpec{rule::chain_too_long, E, C::Structure,
             "Checks that no chain of declarations that each need the next (`using A0 = A1; using A1 = A2; ...`) "
             "is longer than 500, which the compiler's recursion along such chains needs to stay within its stack.",
             k_ssmd},
    RuleSpec{rule::error_limit, I, C::Structure, "Says how many further compiler errors were not listed.", k_ssmd},
    RuleSpec{rule::internal, E, C::Structure, "Reports a failure inside the Cap'n Proto compiler library.", k_compiler},
    RuleSpec{rule::root_missing, E, C::Structure,
             "Checks that the version's root type (default: the schema name in UpperCamelCase) is declared.", k_ssmd},
    RuleSpec{rule::root_not_struct, E, C::Structure, "Checks that the version's root type is a struct.", k_ssmd},
    RuleSpec{rule::field_name_case, W, C::Lint,
             "Checks that fields, groups, parameters, enumerants and methods are lowerCamelCase with acronyms "
             "written as words (`bidPx`, not `bidPX`).",
             k_language},
    RuleSpec{rule::type_name_case, W, C::Lint,
             "Checks that structs, enums and interfaces are UpperCamelCase with acronyms written as words "
             "(`HttpRequest`, not `HTTPRequest`).",
             k_language},
    RuleSpec{rule::float_price, W, C::Lint,
             "Checks that price, amount and notional fields are not Float32/Float64, which cannot hold decimal "
             "prices exactly.",
             k_ssmd},
    RuleSpec{rule::import_cycle, W, C::Lint,
             "Checks that schema files do not import each other in a cycle, which ties their versions together.",
             k_ssmd},
    RuleSpec{rule::config, W, C::Config,
             "Checks the repository's `capnp.import_paths` and `capnp.disabled_rules` configuration.", k_ssmd},

    RuleSpec{rule::kind_changed, E, C::Wire,
             "Checks that a declaration keeps its kind (struct, enum, interface, const, annotation).", k_guide},
    RuleSpec{rule::field_type_changed, E, C::Wire,
             "Checks that a field or parameter keeps a type the wire reads the same way, generic arguments "
             "included (`Box(Text)` is not `Box(Data)`).",
             k_guide},
    RuleSpec{rule::default_changed, E, C::Wire,
             "Checks that a field or parameter keeps its default value (`\"\"` and no default are the same).",
             k_guide},
    RuleSpec{rule::field_left_union, E, C::Wire, "Checks that no existing field is moved out of its union.", k_guide},
    RuleSpec{rule::field_joined_union, E, C::Wire,
             "Checks that existing fields move only into a new union whose other members are new.", k_guide},
    RuleSpec{rule::layout_changed, E, C::Wire,
             "Checks that every field keeps its offset and every union its discriminant location and values.",
             k_encoding},
    RuleSpec{rule::method_removed, E, C::Wire,
             "Checks that no interface method is removed: callers of the older version would get "
             "`unimplemented`.",
             k_guide},
    RuleSpec{rule::method_signature_changed, E, C::Wire,
             "Checks that a method's parameter and result structs stay types the wire reads the same way.", k_guide},
    RuleSpec{rule::superclass_removed, E, C::Wire,
             "Checks that an interface keeps every interface it extends, whose methods callers address by its ID.",
             k_guide},
    RuleSpec{rule::interface_id_changed, E, C::Wire,
             "Checks that an interface keeps its ID, which every call carries (a rename changes an implicit ID).",
             k_rpc},

    RuleSpec{rule::type_removed, E, C::Removal,
             "Checks that no struct, enum or interface of the older version is removed.", k_guide},
    RuleSpec{rule::field_removed, E, C::Removal,
             "Checks that no field or method parameter is removed, so its number is never reused.", k_guide},
    RuleSpec{rule::enumerant_removed, E, C::Removal,
             "Checks that no enumerant is removed, so its number is never reused.", k_guide},

    RuleSpec{rule::type_id_changed, W, C::Hygiene,
             "Reports a changed file ID or struct or enum ID (a rename changes an implicit ID): the wire does not "
             "carry it, but `schema.capnp` consumers and RPC do.",
             k_guide},
    RuleSpec{rule::type_narrowed, W, C::Hygiene,
             "Reports an AnyPointer or generic parameter narrowed to a specific type: data that holds anything "
             "else no longer reads.",
             k_guide},

    RuleSpec{rule::type_renamed, W, C::Source, "Reports a type renamed or moved to another scope under the same ID.",
             k_guide},
    RuleSpec{rule::field_renamed, W, C::Source, "Reports a field or parameter renamed under the same ordinal.",
             k_guide},
    RuleSpec{rule::enumerant_renamed, W, C::Source, "Reports an enumerant renamed under the same number.", k_guide},
    RuleSpec{rule::method_renamed, W, C::Source, "Reports a method renamed under the same number.", k_guide},
    RuleSpec{rule::field_ordinal_changed, W, C::Source,
             "Reports a field name that moved to another ordinal: the wire reads by number, so code reads "
             "another field's value under the name.",
             k_guide},
    RuleSpec{rule::enumerant_ordinal_changed, W, C::Source,
             "Reports an enumerant name that moved to another number: the wire carries the number, so code sees "
             "another name for the same value.",
             k_guide},
    RuleSpec{rule::method_ordinal_changed, W, C::Source,
             "Reports a method name that moved to another number: calls are dispatched by number.", k_guide},
    RuleSpec{rule::type_replaced, W, C::Source,
             "Reports a field's or method's type replaced by one the wire reads the same way (a struct of the "
             "same layout, an enum for UInt16, a pointer widened to AnyPointer).",
             k_encoding},
    RuleSpec{rule::declaration_removed, W, C::Source, "Reports a removed constant or annotation declaration.", k_guide},

    RuleSpec{rule::field_wrapped, I, C::Note,
             "Notes an existing field moved into a new union whose other members are new (allowed).", k_guide},
    RuleSpec{rule::list_upgraded, I, C::Note,
             "Notes a List(T) field upgraded to a list of structs whose @0 field is T (allowed; changes the "
             "canonical encoding).",
             k_guide},
    RuleSpec{rule::made_generic, I, C::Note,
             "Notes a pointer field replaced by a generic parameter of a newly generic type (allowed when users "
             "bind it).",
             k_guide},
    RuleSpec{rule::type_added, I, C::Note, "Notes a new struct, enum or interface (allowed).", k_guide},
    RuleSpec{rule::field_added, I, C::Note,
             "Notes a field or method parameter added under a new, higher ordinal (allowed: old readers skip it).",
             k_guide},
    RuleSpec{rule::enumerant_added, I, C::Note,
             "Notes an enumerant added under a new, higher number (allowed: old readers see an unknown value).",
             k_guide},
    RuleSpec{rule::method_added, I, C::Note,
             "Notes an interface method added under a new, higher number (allowed: old servers answer "
             "unimplemented).",
             k_guide},
};

} // namespace

std::string_view category_name(RuleCategory category) {
  switch (category) {
  case RuleCategory::Structure: return "structure";
  case RuleCategory::Lint: return "lint";
  case RuleCategory::Wire: return "wire";
  case RuleCategory::Removal: return "removal";
  case RuleCategory::Hygiene: return "hygiene";
  case RuleCategory::Source: return "source";
  case RuleCategory::Note: return "safe";
  case RuleCategory::Config: return "config";
  }
  return "other";
}

std::span<const RuleSpec> all_rules() { return k_rules; }

const RuleSpec *find_rule(std::string_view id) {
  for (const auto &r : k_rules)
    if (r.id == id) return &r;
  return nullptr;
}

} // namespace ssmd::capnp_schema
