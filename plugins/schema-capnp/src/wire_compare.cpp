#include "wire_compare.hpp"

#include <set>

namespace ssmd::capnp_schema {

namespace {

using K = TypeRef::Kind;

// Whether `t` may be stored where `any` (an AnyPointer, AnyStruct, AnyList, Capability or generic
// parameter) is declared.
bool fits(const TypeRef &t, const TypeRef &any) {
  if (any.is_parameter() || any.any == "any") return t.is_pointer();
  bool any_struct = t.kind == K::AnyPointer && t.any == "struct";
  bool any_list = t.kind == K::AnyPointer && t.any == "list";
  bool any_cap = t.kind == K::AnyPointer && t.any == "capability";
  if (any.any == "struct") return t.kind == K::Struct || any_struct;
  if (any.any == "list") return t.kind == K::Text || t.kind == K::Data || t.kind == K::List || any_list;
  if (any.any == "capability") return t.kind == K::Interface || any_cap;
  return false;
}

// Element types a list may be upgraded from (the language guide excludes Bool, and structs and
// capabilities are not single values).
bool upgradable(const TypeRef &t) {
  return t.kind != K::Bool && t.kind != K::Struct && t.kind != K::Interface && t.kind != K::AnyPointer &&
         t.kind != K::Void;
}

bool is_bytes(const TypeRef &t) {
  return t.kind == K::Data || (t.kind == K::List && !t.element.empty() && t.element[0].kind == K::UInt8);
}

// The plain `@0` field of a struct (not in a group or union), whose value a list element upgraded to
// the struct becomes.
const Field *first_field(const Node &s) {
  for (const auto &f : s.fields)
    if (f.ordinal == 0 && !f.is_group && f.discriminant == k_no_discriminant) return &f;
  return nullptr;
}

bool default_is_zero(const Field &f) { return f.default_bits == 0 && f.default_pointer.empty(); }

using Dispatch = std::set<std::pair<uint64_t, uint16_t>>;

void collect_calls(const Model &model, uint64_t id, const WireComparer *map, std::set<uint64_t> &seen, Dispatch &out) {
  if (!seen.insert(id).second) return;
  const Node *node = model.find(id);
  if (!node) return;
  for (const auto &m : node->methods) out.emplace(map ? map->mapped(id) : id, m.ordinal);
  for (uint64_t super : node->superclasses) collect_calls(model, super, map, seen, out);
}

} // namespace

TypeChange worse(TypeChange a, TypeChange b) { return static_cast<int>(a) < static_cast<int>(b) ? b : a; }

TypeVerdict WireComparer::types(const TypeRef &older, const TypeRef &newer, bool in_list) {
  // Most fields keep their type: the common case builds no text.
  if (older.kind == newer.kind && older.kind != K::Struct && older.kind != K::Interface && older.kind != K::List &&
      older.kind != K::AnyPointer && older.kind != K::Enum)
    return {};
  auto change = [&] { return describe(older, older_) + " became " + describe(newer, newer_); };
  if (older.is_pointer() != newer.is_pointer()) return {TypeChange::Changed, change()};
  if (!older.is_pointer()) return data_types(older, newer);
  if (older.kind == K::AnyPointer || newer.kind == K::AnyPointer) return any_pointers(older, newer, in_list);
  if (older.kind != newer.kind) {
    if (is_bytes(older) && is_bytes(newer)) return {TypeChange::Compatible, change() + ", which holds the same bytes"};
    return {TypeChange::Changed, change()};
  }
  switch (older.kind) {
  case K::List: return lists(older, newer);
  case K::Struct: return struct_types(older, newer);
  case K::Interface:
    if (same_type(older, newer)) return {};
    if (mapped(older.id) == newer.id) return generic_interfaces(older, newer);
    if (same_calls(older.id, newer.id)) return {TypeChange::Compatible, change() + ", which serves the same calls"};
    return {TypeChange::Changed, change() + ", which serves other calls (interface IDs and method numbers)"};
  default: return {}; // Text, Data
  }
}

TypeVerdict WireComparer::data_types(const TypeRef &older, const TypeRef &newer) const {
  if (older.kind == newer.kind) {
    if (older.kind == K::Enum && mapped(older.id) != newer.id)
      return {TypeChange::Compatible, describe(older, older_) + " became " + describe(newer, newer_) +
                                          ", another enum: values keep their numbers"};
    return {};
  }
  std::string change = describe(older, older_) + " became " + describe(newer, newer_);
  auto number16 = [](const TypeRef &t) { return t.kind == K::UInt16 || t.kind == K::Enum; };
  if (number16(older) && number16(newer))
    return {TypeChange::Compatible, change + ": both carry an unsigned 16-bit number"};
  return {TypeChange::Changed, change};
}

TypeVerdict WireComparer::any_pointers(const TypeRef &older, const TypeRef &newer, bool in_list) const {
  std::string change = describe(older, older_) + " became " + describe(newer, newer_);
  bool older_any = older.kind == K::AnyPointer, newer_any = newer.kind == K::AnyPointer;
  if (in_list) {
    // A list of structs is encoded inline, a list of pointers as pointers: they do not read as each other.
    auto any_struct = [](const TypeRef &t) { return t.kind == K::AnyPointer && t.any == "struct"; };
    if (older.kind == K::Struct || newer.kind == K::Struct || any_struct(older) != any_struct(newer))
      return {TypeChange::Changed, change + " as list elements, which are encoded differently"};
  }
  if (older_any && newer_any) {
    if (older.is_parameter() && newer.is_parameter()) {
      if (type_key(older, &id_map_) == type_key(newer)) return {};
      return {TypeChange::Risky, change + ": every user that binds the two parameters differently reads it wrong"};
    }
    if (newer.is_parameter()) return {TypeChange::MadeGeneric, change};
    if (older.is_parameter())
      return newer.any == "any" ? TypeVerdict{TypeChange::Compatible, change + ", no longer a generic parameter"}
                                : TypeVerdict{TypeChange::Risky, change + ": data holding anything else no longer reads"};
    if (older.any == newer.any) return {};
    if (newer.any == "any") return {TypeChange::Compatible, change + ", which holds any pointer"};
    if (older.any == "any")
      return {TypeChange::Risky, change + ": data holding anything else no longer reads"};
    return {TypeChange::Changed, change};
  }
  if (!older_any) {
    if (!fits(older, newer)) return {TypeChange::Changed, change + ", which cannot hold it"};
    if (newer.is_parameter()) return {TypeChange::MadeGeneric, change};
    return {TypeChange::Compatible, change + ", which holds it"};
  }
  if (!fits(newer, older)) return {TypeChange::Changed, change + ", which it could not have held"};
  return {TypeChange::Risky, change + ": data holding anything else no longer reads"};
}

TypeVerdict WireComparer::lists(const TypeRef &older, const TypeRef &newer) {
  const TypeRef &a = older.element.at(0);
  const TypeRef &b = newer.element.at(0);
  TypeVerdict v = types(a, b, true);
  if (v.change != TypeChange::Changed) return v;
  // List(T) -> List(S) where S's @0 field is T (and the reverse): elements read as the struct's first field.
  if (upgradable(a) && b.kind == K::Struct)
    if (const Node *s = newer_.find(b.id))
      if (const Field *f = first_field(*s); f && default_is_zero(*f)) {
        auto inner = types(a, resolve(f->type, bindings_of(b)), true).change;
        if (inner == TypeChange::Same || inner == TypeChange::Compatible) return {TypeChange::ListUpgraded, {}};
      }
  if (a.kind == K::Struct && upgradable(b))
    if (const Node *s = older_.find(a.id))
      if (const Field *f = first_field(*s); f && default_is_zero(*f)) {
        auto inner = types(resolve(f->type, bindings_of(a)), b, true).change;
        if (inner == TypeChange::Same || inner == TypeChange::Compatible)
          return {TypeChange::Risky, describe(older, older_) + " became " + describe(newer, newer_) +
                                         ": elements keep only their first field; the others are lost"};
      }
  size_t inner = v.why.find(": "); // why the elements differ, when they are structs or generics
  return {TypeChange::Changed, describe(older, older_) + " became " + describe(newer, newer_) +
                                   (inner == std::string::npos ? std::string() : v.why.substr(inner))};
}

TypeVerdict WireComparer::generic_interfaces(const TypeRef &older, const TypeRef &newer) {
  // One interface bound to other generic arguments: its methods (compared as a declaration) now carry
  // parameters and results of other types.
  const Node *a = older_.find(older.id);
  const Node *b = newer_.find(newer.id);
  std::string change = describe(older, older_) + " became " + describe(newer, newer_);
  if (!a || !b) return {TypeChange::Changed, change};
  TypeVerdict out{TypeChange::Compatible, change + ", whose calls read the same"};
  for (size_t i = 0; i < a->methods.size() && i < b->methods.size(); ++i) {
    for (auto [x, y] : {std::pair(a->methods[i].params, b->methods[i].params),
                        std::pair(a->methods[i].results, b->methods[i].results)}) {
      const Node *p = older_.find(x);
      const Node *q = newer_.find(y);
      if (!p || !q) continue;
      TypeVerdict v = structs(*p, bindings_of(older), *q, bindings_of(newer));
      if (v.change == TypeChange::Changed)
        return {TypeChange::Changed, change + ": method `" + b->methods[i].name + "` " + v.why};
    }
  }
  return out;
}

TypeVerdict WireComparer::struct_types(const TypeRef &older, const TypeRef &newer) {
  bool same_declaration = mapped(older.id) == newer.id;
  bool same = same_type(older, newer);
  if (same && older.scopes.empty()) return {};
  const Node *a = older_.find(older.id);
  const Node *b = newer_.find(newer.id);
  std::string change = describe(older, older_) + " became " + describe(newer, newer_);
  if (!a || !b || a->kind != Node::Kind::Struct || b->kind != Node::Kind::Struct)
    return same ? TypeVerdict{} : TypeVerdict{TypeChange::Changed, change};
  TypeVerdict v = structs(*a, bindings_of(older), *b, bindings_of(newer));
  if (same) return v.change == TypeChange::Changed ? v : TypeVerdict{}; // the declaration's own changes are its own
  if (v.change == TypeChange::Changed || v.change == TypeChange::Risky)
    return {v.change, change + ": " + v.why};
  return {TypeChange::Compatible,
          change + (same_declaration ? ", whose fields read the same" : ", a struct whose fields the wire reads the same")};
}

TypeVerdict WireComparer::structs(const Node &older, const Bindings &older_bindings, const Node &newer,
                                  const Bindings &newer_bindings) {
  auto bound = [](uint64_t id, const Bindings &b) {
    TypeRef t;
    t.kind = K::Struct;
    t.id = id;
    for (const auto &[scope, args] : b) t.scopes.push_back({scope, false, args});
    return type_key(t);
  };
  auto key = std::make_pair(bound(older.id, older_bindings), bound(newer.id, newer_bindings));
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  memo_[key] = {};
  StructLayout a = flatten(older_, older), b = flatten(newer_, newer);
  TypeVerdict out;
  for (const auto &f : a.fields) {
    const FlatField *g = b.by_ordinal(*f.field->ordinal);
    if (!g) continue;
    FieldDiff d = field(f, a, older_bindings, *g, b, newer_bindings);
    std::string which = "`" + f.path + "` @" + std::to_string(*f.field->ordinal);
    if (d.breaks_wire()) {
      out = {TypeChange::Changed, which + (d.type.change == TypeChange::Changed ? ": " + d.type.why
                                           : d.slot_moved                      ? " is stored elsewhere"
                                           : d.default_changed                 ? " has another default"
                                                                               : " is in another union")};
      break;
    }
    TypeChange c = d.type.change == TypeChange::Risky ? TypeChange::Risky
                   : d.type.change == TypeChange::Same ? TypeChange::Same
                                                       : TypeChange::Compatible;
    if (static_cast<int>(c) > static_cast<int>(out.change)) out = {c, which + ": " + d.type.why};
  }
  memo_[key] = out;
  return out;
}

FieldDiff WireComparer::field(const FlatField &older, const StructLayout &older_layout, const Bindings &older_bindings,
                              const FlatField &newer, const StructLayout &newer_layout,
                              const Bindings &newer_bindings) {
  FieldDiff d;
  d.type = types(resolve(older.field->type, older_bindings), resolve(newer.field->type, newer_bindings));
  if (d.type.change != TypeChange::Changed) {
    Slot a = slot_of(*older.field), b = slot_of(*newer.field);
    d.slot_moved = a != b;
    d.default_changed = a.pointer ? older.field->default_pointer != newer.field->default_pointer
                                  : older.field->default_bits != newer.field->default_bits;
  }
  d.union_change = union_change(older, older_layout, newer, newer_layout, d.old_level, d.new_level);
  return d;
}

FieldDiff::Union WireComparer::union_change(const FlatField &older, const StructLayout &older_layout,
                                            const FlatField &newer, const StructLayout &newer_layout,
                                            UnionLevel &old_level, UnionLevel &new_level) const {
  using U = FieldDiff::Union;
  // A union one side has and the other lacks is harmless when the field's branch is the first (data
  // without the discriminant reads as 0), every other member holds only fields the other side lacks (its
  // readers cannot tell them apart from an unknown member), and the other side never writes where the
  // discriminant is.
  auto removable = [](const UnionLevel &level, const StructLayout &own, const StructLayout &other) {
    if (level.value != 0) return false;
    auto it = own.unions.find(level.scope);
    if (it == own.unions.end()) return false;
    for (const auto &[value, ordinals] : it->second.members) {
      if (value == level.value) continue;
      for (uint16_t o : ordinals)
        if (other.by_ordinal(o)) return false;
    }
    return !other.data_overlaps(level.offset * 16, 16);
  };
  const auto &a = older.chain;
  const auto &b = newer.chain;
  size_t i = 0, j = 0;
  U result = U::Same;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
    } else if (i < a.size() && removable(a[i], older_layout, newer_layout)) {
      if (result == U::Same) result = U::Dissolved, old_level = a[i];
      ++i;
    } else if (j < b.size() && removable(b[j], newer_layout, older_layout)) {
      if (result == U::Same) result = U::Wrapped, new_level = b[j];
      ++j;
    } else {
      if (i < a.size()) old_level = a[i];
      if (j < b.size()) new_level = b[j];
      if (j >= b.size()) return U::Left;
      if (i >= a.size()) return U::Joined;
      return a[i].offset == b[j].offset ? U::ValueChanged : U::Moved;
    }
  }
  return result;
}

bool WireComparer::same_calls(uint64_t older, uint64_t newer) const {
  return calls(older_, older) == calls(newer_, newer);
}

std::set<std::pair<uint64_t, uint16_t>> WireComparer::calls(const Model &model, uint64_t id) const {
  Dispatch out;
  std::set<uint64_t> seen;
  collect_calls(model, id, &model == &older_ ? this : nullptr, seen, out);
  return out;
}

} // namespace ssmd::capnp_schema
