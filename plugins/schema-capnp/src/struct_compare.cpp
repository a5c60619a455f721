// Field-level comparison of two versions of one struct: by ordinal for the wire (type, place, default and
// union membership, through `WireComparer::field`), by name for generated code (renames and names that
// moved to another ordinal).
#include "compare_context.hpp"
#include "rules.hpp"
#include "struct_layout.hpp"

#include <algorithm>

namespace ssmd::capnp_schema {

namespace {

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

class StructComparison {
public:
  StructComparison(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                   CompareContext &ctx)
      : newer_(newer), what_(what), owner_(owner), ctx_(ctx), old_layout_(flatten(ctx.older, older)),
        new_layout_(flatten(ctx.newer, newer)) {}

  void run() {
    size_t wire_before = ctx_.wire_findings();
    for (const auto &f : old_layout_.fields) compare_field(f);
    report_added();
    report_unions();
    // Places follow from ordinals and types; report them only when nothing above already explains why.
    if (ctx_.wire_findings() == wire_before) report_moved_slots();
  }

private:
  struct Compared {
    const FlatField *old;
    const FlatField *now;
    FieldDiff diff;
  };

  std::string label(const FlatField &f) const {
    return what_ + " `" + f.path + "` @" + std::to_string(*f.field->ordinal) + " of `" + owner_ + "`";
  }

  void at(std::string_view rule, Position where, std::string message) {
    ctx_.at(rule, newer_.file, where, std::move(message));
  }

  Position where(const FlatField &f) const {
    const SourceIndex &index = ctx_.index(newer_.file);
    if (auto p = index.find(newer_.path + "." + f.path)) return *p;
    if (!newer_.is_implicit)
      if (auto p = index.find_ordinal(newer_.path, *f.field->ordinal)) return *p;
    return index.locate(newer_.path);
  }

  void compare_field(const FlatField &old) {
    uint16_t ordinal = *old.field->ordinal;
    const FlatField *same_number = new_layout_.by_ordinal(ordinal);
    const FlatField *same_name = new_layout_.by_path(old.path);
    if (same_name && *same_name->field->ordinal != ordinal)
      at(rule::field_ordinal_changed, where(*same_name),
         what_ + " `" + old.path + "` of `" + owner_ + "` moved from @" + std::to_string(ordinal) + " to @" +
             std::to_string(*same_name->field->ordinal) +
             ": the wire reads by number, so code of the two versions reads different values under this name");
    if (!same_number) {
      at(rule::field_removed, ctx_.locate(newer_.file, newer_.path),
         label(old) + " was removed; keep it (rename it `obsolete...` if unused) so its number is never reused");
      return;
    }
    // A new name at this number is a rename, unless the name came from another number (reported above).
    if (same_number->path != old.path && !old_layout_.by_path(same_number->path))
      at(rule::field_renamed, where(*same_number),
         label(old) + " is now `" + same_number->path + "`: the wire is unchanged, but code that uses the old name breaks");
    FieldDiff diff = ctx_.wire.field(old, old_layout_, {}, *same_number, new_layout_, {});
    report_type(old, *same_number, diff);
    compared_.push_back({&old, same_number, std::move(diff)});
  }

  void report_type(const FlatField &old, const FlatField &now, const FieldDiff &diff) {
    const Model &o = ctx_.older, &n = ctx_.newer;
    std::string from_to = describe(old.field->type, o) + " to " + describe(now.field->type, n);
    switch (diff.type.change) {
    case TypeChange::Changed:
      at(rule::field_type_changed, where(now),
         label(old) + " changed type from " + from_to + detail(diff.type.why) +
             "; add a new field with the new type instead");
      return;
    case TypeChange::ListUpgraded:
      at(rule::list_upgraded, where(now),
         label(old) + " was upgraded from " + from_to + "; old data stays readable, but the canonical encoding changes");
      break;
    case TypeChange::MadeGeneric:
      at(rule::made_generic, where(now),
         label(old) + " became a generic parameter; every user must bind it to " + describe(old.field->type, o));
      break;
    case TypeChange::Compatible:
      at(rule::type_replaced, where(now),
         label(old) + " changed type from " + from_to + ", which the wire reads the same way (" + diff.type.why +
             "); code generated from it changes");
      break;
    case TypeChange::Risky:
      at(rule::type_narrowed, where(now), label(old) + " changed type from " + from_to + " (" + diff.type.why + ")");
      break;
    case TypeChange::Same: break;
    }
    if (diff.default_changed)
      at(rule::default_changed, where(now),
         label(old) + " changed its default value; readers of the two versions would disagree about every "
                      "message that leaves it unset");
  }

  // The nested reason for a change of a struct's or generic's type, when it is not the types themselves.
  static std::string detail(const std::string &why) {
    size_t colon = why.find(": ");
    return colon == std::string::npos ? std::string() : " (" + why.substr(colon + 2) + ")";
  }

  // Fields under ordinals the older version did not use: allowed, old readers skip them.
  void report_added() {
    for (const auto &f : new_layout_.fields) {
      uint16_t ordinal = *f.field->ordinal;
      if (old_layout_.by_ordinal(ordinal)) continue;
      at(rule::field_added, where(f),
         what_ + " `" + f.path + "` @" + std::to_string(ordinal) + " of `" + owner_ +
             "` was added: readers of the older version skip it, and see its default in older data");
    }
  }

  void report_unions() {
    using U = FieldDiff::Union;
    std::map<uint64_t, std::vector<const Compared *>> joined, wrapped;
    for (const auto &c : compared_) {
      const FieldDiff &d = c.diff;
      switch (d.union_change) {
      case U::Left: {
        const UnionInfo &u = old_layout_.unions.at(d.old_level.scope);
        at(rule::field_left_union, where(*c.now),
           label(*c.old) + " left the union it shared with " + names(old_layout_, u.ordinals, *c.old->field->ordinal) +
               "; a field can never leave its union");
        break;
      }
      case U::Joined: joined[d.new_level.scope].push_back(&c); break;
      case U::Wrapped: wrapped[d.new_level.scope].push_back(&c); break;
      case U::ValueChanged:
        at(rule::layout_changed, where(*c.now),
           "the union around " + label(*c.old) + " changed its discriminant value from " +
               std::to_string(d.old_level.value) + " to " + std::to_string(d.new_level.value) +
               "; readers would see another member");
        break;
      case U::Moved:
        at(rule::layout_changed, where(*c.now),
           "the union around " + label(*c.old) + " moved its discriminant; readers would see the wrong member");
        break;
      case U::Same:
      case U::Dissolved: break; // its other members were removed, which is reported as such
      }
    }
    for (const auto &[scope, fields] : joined) {
      // The union existed when another existing field of it kept its place in it.
      std::set<uint16_t> members;
      for (uint16_t o : new_layout_.unions.at(scope).ordinals)
        if (old_layout_.by_ordinal(o)) members.insert(o);
      std::set<uint16_t> moved;
      for (const auto *c : fields) moved.insert(*c->old->field->ordinal);
      std::set<uint16_t> stayed;
      std::set_difference(members.begin(), members.end(), moved.begin(), moved.end(), std::inserter(stayed, stayed.end()));
      if (!stayed.empty()) {
        for (const auto *c : fields)
          at(rule::field_joined_union, where(*c->now),
             label(*c->old) + " moved into the existing union of " + names(old_layout_, stayed) +
                 "; only new fields may join a union");
      } else if (fields.size() > 1) {
        at(rule::field_joined_union, where(*fields.front()->now),
           "existing " + what_ + "s " + names(old_layout_, moved) + " of `" + owner_ +
               "` now share a new union; a new union may take in at most one existing field");
      } else {
        at(rule::field_joined_union, where(*fields.front()->now),
           label(*fields.front()->old) +
               " moved into a new union as a member other than its first, or one whose discriminant overlaps "
               "older data; older data would read as another member");
      }
    }
    for (const auto &[scope, fields] : wrapped)
      at(rule::field_wrapped, where(*fields.front()->now),
         label(*fields.front()->old) + " moved into a new union whose other members are new; old data reads as this member");
  }

  void report_moved_slots() {
    for (const auto &c : compared_) {
      if (!c.diff.slot_moved) continue;
      at(rule::layout_changed, where(*c.now),
         label(*c.old) + " moved from offset " + std::to_string(c.old->field->offset) + " to " +
             std::to_string(c.now->field->offset) + " in its section");
    }
  }

  const Node &newer_;
  std::string what_;
  const std::string &owner_;
  CompareContext &ctx_;
  StructLayout old_layout_, new_layout_;
  std::vector<Compared> compared_;
};

} // namespace

void compare_struct(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                    CompareContext &ctx) {
  StructComparison(older, newer, what, owner, ctx).run();
}

} // namespace ssmd::capnp_schema
