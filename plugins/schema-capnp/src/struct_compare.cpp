// Field-level compatibility of two versions of one struct: ordinals, types, defaults, union membership
// and layout.
#include "compare_context.hpp"
#include "rules.hpp"
#include "struct_layout.hpp"

#include <algorithm>

namespace ssmd::capnp_schema {

namespace {

bool upgradable_element(const TypeRef &t) {
  using K = TypeRef::Kind;
  return t.kind != K::Bool && t.kind != K::Struct && t.kind != K::Interface && t.kind != K::AnyPointer &&
         t.kind != K::Void;
}

// "`a` @1, `b` @2": the fields of `ordinals` (but `skip`), at most five of them.
std::string names(const StructLayout &layout, const std::set<uint16_t> &ordinals, int skip = -1) {
  std::string out;
  size_t listed = 0, left = 0;
  for (uint16_t o : ordinals) {
    if (o == skip) continue;
    const FlatField *f = layout.by_ordinal(o);
    if (!f) continue;
    if (listed == 5) {
      ++left;
      continue;
    }
    out += (out.empty() ? "`" : ", `") + f->path + "` @" + std::to_string(o);
    ++listed;
  }
  if (left) out += " and " + std::to_string(left) + " more";
  return out;
}

// The members of `set` that are also in `to`, in time proportional to `set`.
std::set<uint16_t> restricted(const std::set<uint16_t> &set, const std::set<uint16_t> &to) {
  std::set<uint16_t> out;
  for (uint16_t o : set)
    if (to.contains(o)) out.insert(out.end(), o);
  return out;
}

class StructComparison {
public:
  StructComparison(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                   CompareContext &ctx)
      : newer_(newer), what_(what), owner_(owner), ctx_(ctx), old_layout_(flatten(ctx.older, older)),
        new_layout_(flatten(ctx.newer, newer)) {
    for (const auto &f : old_layout_.fields)
      if (new_layout_.by_ordinal(*f.field->ordinal)) common_.insert(*f.field->ordinal);
  }

  void run() {
    size_t errors_before = ctx_.errors();
    for (const auto &f : old_layout_.fields) compare_field(f);
    report_added();
    compare_unions();
    // Offsets follow from ordinals and types; report them only when nothing above already explains why.
    if (ctx_.errors() == errors_before) compare_offsets();
  }

private:
  std::string label(const FlatField &f) const {
    return what_ + " `" + f.path + "` @" + std::to_string(*f.field->ordinal) + " of `" + owner_ + "`";
  }

  Position where(const FlatField &f) const {
    if (auto p = ctx_.index.find(newer_.path + "." + f.path)) return *p;
    if (!newer_.is_implicit)
      if (auto p = ctx_.index.find_ordinal(newer_.path, *f.field->ordinal)) return *p;
    return ctx_.index.locate(newer_.path);
  }

  void compare_field(const FlatField &old) {
    uint16_t ordinal = *old.field->ordinal;
    const FlatField *same_number = new_layout_.by_ordinal(ordinal);
    const FlatField *same_name = new_layout_.by_path(old.path);
    if (same_name && *same_name->field->ordinal != ordinal) {
      ctx_.at(rule::field_ordinal_changed, where(*same_name),
              what_ + " `" + old.path + "` of `" + owner_ + "` moved from @" + std::to_string(ordinal) + " to @" +
                  std::to_string(*same_name->field->ordinal) +
                  "; the ordinal is a field's identity on the wire, so keep it");
      return;
    }
    if (!same_number) {
      ctx_.at(rule::field_removed, ctx_.index.locate(newer_.path),
              label(old) + " was removed; keep it (rename it `obsolete...` if unused) so its number is never reused");
      return;
    }
    if (same_number->path != old.path)
      ctx_.at(rule::field_renamed, where(*same_number),
              label(old) + " is now `" + same_number->path +
                  "`: the wire is unchanged, but code that uses the old name breaks");
    compare_type_and_default(old, *same_number);
  }

  // Fields under ordinals the older version did not use: allowed, old readers skip them.
  void report_added() {
    for (const auto &f : new_layout_.fields) {
      uint16_t ordinal = *f.field->ordinal;
      if (old_layout_.by_ordinal(ordinal)) continue;
      ctx_.at(rule::field_added, where(f),
              what_ + " `" + f.path + "` @" + std::to_string(ordinal) + " of `" + owner_ +
                  "` was added: readers of the older version skip it, and see its default in older data");
    }
  }

  void compare_type_and_default(const FlatField &old, const FlatField &now) {
    const TypeRef &a = old.field->type;
    const TypeRef &b = now.field->type;
    switch (compare_types(a, b, ctx_)) {
    case TypeChange::Changed:
      ctx_.at(rule::field_type_changed, where(now),
              label(old) + " changed type from " + describe(a, ctx_.older) + " to " + describe(b, ctx_.newer) +
                  "; add a new field with the new type instead");
      return;
    case TypeChange::ListUpgraded:
      ctx_.at(rule::list_upgraded, where(now),
              label(old) + " was upgraded from " + describe(a, ctx_.older) + " to " + describe(b, ctx_.newer) +
                  "; old data stays readable, but the canonical encoding changes");
      return;
    case TypeChange::MadeGeneric:
      ctx_.at(rule::made_generic, where(now),
              label(old) + " became a generic parameter; every user must bind it to " + describe(a, ctx_.older));
      return;
    case TypeChange::Same: break;
    }
    if (old.field->default_value != now.field->default_value)
      ctx_.at(rule::default_changed, where(now),
              label(old) + " changed its default value; readers of the two versions would disagree about every "
                           "message that leaves it unset");
  }

  void compare_unions() {
    std::map<uint64_t, std::set<uint16_t>> old_sets, new_sets;
    for (const auto &[id, u] : old_layout_.unions)
      if (auto s = restricted(u.ordinals, common_); !s.empty()) old_sets[id] = s;
    for (const auto &[id, u] : new_layout_.unions)
      if (auto s = restricted(u.ordinals, common_); !s.empty()) new_sets[id] = s;

    std::set<uint64_t> successors;
    for (const auto &[old_id, members] : old_sets) {
      // The newer union holding most of this union's existing members is what it became.
      std::map<uint64_t, size_t> overlaps;
      for (uint16_t o : members)
        for (uint64_t u : new_layout_.by_ordinal(o)->unions) ++overlaps[u];
      uint64_t best = 0;
      size_t overlap = 0;
      for (const auto &[new_id, n] : overlaps)
        if (n > overlap || (n == members.size() && new_sets[new_id].size() == n)) best = new_id, overlap = n;
      const std::set<uint16_t> empty;
      const std::set<uint16_t> &now = overlap ? new_sets[best] : empty;
      if (overlap) successors.insert(best);
      for (uint16_t o : members)
        if (!now.contains(o))
          ctx_.at(rule::field_left_union, where(*new_layout_.by_ordinal(o)),
                  label(*old_layout_.by_ordinal(o)) + " left the union it shared with " +
                      names(old_layout_, members, o) + "; a field can never leave its union");
      std::set<uint16_t> joined;
      std::set_difference(now.begin(), now.end(), members.begin(), members.end(),
                          std::inserter(joined, joined.begin()));
      for (uint16_t o : joined)
        ctx_.at(rule::field_joined_union, where(*new_layout_.by_ordinal(o)),
                label(*old_layout_.by_ordinal(o)) + " moved into the existing union of " + names(old_layout_, members) +
                    "; only new fields may join a union");
      if (overlap && now == members) compare_discriminants(old_layout_.unions.at(old_id), new_layout_.unions.at(best));
    }
    for (const auto &[new_id, now] : new_sets) {
      if (successors.contains(new_id)) continue;
      const FlatField *first = new_layout_.by_ordinal(*now.begin());
      if (now.size() > 1)
        ctx_.at(rule::field_joined_union, where(*first),
                "existing " + what_ + "s " + names(old_layout_, now) + " of `" + owner_ +
                    "` now share a new union; a new union may take in at most one existing field");
      else
        ctx_.at(rule::field_wrapped, where(*first),
                label(*old_layout_.by_ordinal(*now.begin())) +
                    " moved into a new union whose other members are new; old data reads as this member");
    }
  }

  void compare_discriminants(const UnionInfo &old, const UnionInfo &now) {
    const FlatField *any = new_layout_.by_ordinal(*restricted(now.ordinals, common_).begin());
    if (old.discriminant_offset != now.discriminant_offset) {
      ctx_.at(rule::layout_changed, where(*any),
              "the union around " + label(*any) + " moved its discriminant; readers would see the wrong member");
      return;
    }
    for (const auto &[key, value] : old.discriminants) {
      auto it = now.discriminants.find(key);
      if (it != now.discriminants.end() && it->second != value)
        ctx_.at(rule::layout_changed, where(*new_layout_.by_ordinal(key)),
                "the union member starting at @" + std::to_string(key) + " of `" + owner_ +
                    "` changed its discriminant value from " + std::to_string(value) + " to " +
                    std::to_string(it->second));
    }
  }

  void compare_offsets() {
    for (const auto &old : old_layout_.fields) {
      const FlatField *now = new_layout_.by_ordinal(*old.field->ordinal);
      if (now && now->field->offset != old.field->offset &&
          compare_types(old.field->type, now->field->type, ctx_) == TypeChange::Same)
        ctx_.at(rule::layout_changed, where(*now),
                label(old) + " moved from offset " + std::to_string(old.field->offset) + " to " +
                    std::to_string(now->field->offset) + " in its section");
    }
  }

  const Node &newer_;
  std::string what_;
  const std::string &owner_;
  CompareContext &ctx_;
  StructLayout old_layout_, new_layout_;
  std::set<uint16_t> common_; // ordinals present in both versions
};

} // namespace

TypeChange compare_types(const TypeRef &older, const TypeRef &newer, const CompareContext &ctx) {
  using K = TypeRef::Kind;
  bool newer_is_parameter = newer.kind == K::AnyPointer && !newer.any.empty() &&
                            (newer.any.starts_with("param") || newer.any.starts_with("method-param"));
  if (older.kind != newer.kind)
    return older.is_pointer() && newer_is_parameter ? TypeChange::MadeGeneric : TypeChange::Changed;
  switch (older.kind) {
  case K::List: {
    const TypeRef &a = older.element.at(0);
    const TypeRef &b = newer.element.at(0);
    TypeChange inner = compare_types(a, b, ctx);
    if (inner == TypeChange::Same || inner == TypeChange::MadeGeneric) return inner;
    if (upgradable_element(a) && b.kind == K::Struct)
      if (const Node *s = ctx.newer.find(b.id))
        for (const auto &f : s->fields)
          if (f.ordinal == 0 && !f.is_group && compare_types(a, f.type, ctx) == TypeChange::Same)
            return TypeChange::ListUpgraded;
    return TypeChange::Changed;
  }
  case K::Enum:
  case K::Struct:
  case K::Interface: return ctx.mapped(older.id) == newer.id ? TypeChange::Same : TypeChange::Changed;
  case K::AnyPointer:
    if (older.any == newer.any) return TypeChange::Same;
    return !older.any.starts_with("param") && !older.any.starts_with("method") && newer_is_parameter
               ? TypeChange::MadeGeneric
               : TypeChange::Changed;
  default: return TypeChange::Same;
  }
}

void compare_struct(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                    CompareContext &ctx) {
  StructComparison(older, newer, what, owner, ctx).run();
}

} // namespace ssmd::capnp_schema
