// Every rule the capnp schema-format plugin reports: one literal per rule, with its severity, whether a
// repository may disable it (`capnp.disabled_rules`), what it checks and where the rule comes from.
#pragma once

#include <ssmd/plugin.h>

#include <span>
#include <string_view>

namespace ssmd::capnp_schema {

enum class RuleCategory {
  Structure, // the file does not compile or does not provide what the schema declares
  Lint,      // style and domain conventions; a repository may disable these
  Wire,      // `breaking`: the two versions read data or serve calls differently (`capnp/breaking/...`)
  Removal,   // `breaking`: something the older version has is gone; the guide forbids it (`capnp/removal/...`)
  Hygiene,   // `breaking`: legal today, dangerous later, e.g. an ID change (`capnp/hygiene/...`)
  Source,    // `breaking`: generated code changes, the wire stays compatible (`capnp/source/...`)
  Note,      // `breaking`: a change the language guide allows, worth knowing about (`capnp/note/...`)
  Config     // the repository's `capnp.*` configuration is malformed
};

struct RuleSpec {
  std::string_view id;
  ssmd_severity severity;
  RuleCategory category;
  std::string_view purpose; // one sentence: "Checks that ..."
  std::string_view source;  // a documentation URL or the convention it follows
};

namespace rule {
inline constexpr std::string_view syntax = "capnp/syntax";
inline constexpr std::string_view compile = "capnp/compile";
inline constexpr std::string_view missing_file_id = "capnp/missing-file-id";
inline constexpr std::string_view import_failed = "capnp/import";
inline constexpr std::string_view unreadable = "capnp/file-unreadable";
inline constexpr std::string_view too_large = "capnp/file-too-large";
inline constexpr std::string_view binary = "capnp/binary-file";
inline constexpr std::string_view too_deep = "capnp/too-deeply-nested";
inline constexpr std::string_view chain_too_long = "capnp/declaration-chain-too-long";
inline constexpr std::string_view error_limit = "capnp/error-limit";
inline constexpr std::string_view internal = "capnp/internal";
inline constexpr std::string_view root_missing = "capnp/root-missing";
inline constexpr std::string_view root_not_struct = "capnp/root-not-struct";
inline constexpr std::string_view field_name_case = "capnp/field-name-case";
inline constexpr std::string_view type_name_case = "capnp/type-name-case";
inline constexpr std::string_view float_price = "capnp/float-price";
inline constexpr std::string_view import_cycle = "capnp/import-cycle";
inline constexpr std::string_view config = "capnp/config";

inline constexpr std::string_view kind_changed = "capnp/breaking/kind-changed";
inline constexpr std::string_view field_type_changed = "capnp/breaking/field-type-changed";
inline constexpr std::string_view default_changed = "capnp/breaking/default-changed";
inline constexpr std::string_view field_left_union = "capnp/breaking/field-left-union";
inline constexpr std::string_view field_joined_union = "capnp/breaking/field-joined-union";
inline constexpr std::string_view layout_changed = "capnp/breaking/layout-changed";
inline constexpr std::string_view method_removed = "capnp/breaking/method-removed";
inline constexpr std::string_view method_signature_changed = "capnp/breaking/method-signature-changed";
inline constexpr std::string_view superclass_removed = "capnp/breaking/superclass-removed";
inline constexpr std::string_view interface_id_changed = "capnp/breaking/interface-id-changed";

inline constexpr std::string_view type_removed = "capnp/removal/type-removed";
inline constexpr std::string_view field_removed = "capnp/removal/field-removed";
inline constexpr std::string_view enumerant_removed = "capnp/removal/enumerant-removed";

inline constexpr std::string_view type_id_changed = "capnp/hygiene/type-id-changed";
inline constexpr std::string_view type_narrowed = "capnp/hygiene/type-narrowed";

inline constexpr std::string_view type_renamed = "capnp/source/type-renamed";
inline constexpr std::string_view field_renamed = "capnp/source/field-renamed";
inline constexpr std::string_view enumerant_renamed = "capnp/source/enumerant-renamed";
inline constexpr std::string_view method_renamed = "capnp/source/method-renamed";
inline constexpr std::string_view field_ordinal_changed = "capnp/source/field-ordinal-changed";
inline constexpr std::string_view enumerant_ordinal_changed = "capnp/source/enumerant-ordinal-changed";
inline constexpr std::string_view method_ordinal_changed = "capnp/source/method-ordinal-changed";
inline constexpr std::string_view type_replaced = "capnp/source/type-replaced";
inline constexpr std::string_view declaration_removed = "capnp/source/declaration-removed";

inline constexpr std::string_view field_wrapped = "capnp/note/field-wrapped-in-union";
inline constexpr std::string_view list_upgraded = "capnp/note/list-upgraded-to-struct";
inline constexpr std::string_view made_generic = "capnp/note/made-generic";
inline constexpr std::string_view type_added = "capnp/note/type-added";
inline constexpr std::string_view field_added = "capnp/note/field-added";
inline constexpr std::string_view enumerant_added = "capnp/note/enumerant-added";
inline constexpr std::string_view method_added = "capnp/note/method-added";
} // namespace rule

// The category as `ssmd rules list` shows it. A comparison's categories are named as ssmd names them for
// `--fail-on` (a `capnp/note/...` rule is `safe`).
std::string_view category_name(RuleCategory category);

// All rules, in the order the README lists them.
std::span<const RuleSpec> all_rules();
// The rule with this id, or nullptr.
const RuleSpec *find_rule(std::string_view id);

} // namespace ssmd::capnp_schema
