#include "member_compare.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace ssmd::capnp_schema {

namespace {

struct NumberedRules {
  std::string_view removed, moved, renamed, added;
  const char *added_means;
};

// Members known by number and name: enumerants and methods.
void compare_numbered(const std::vector<std::string> &older, const std::vector<std::string> &newer, const Node &now,
                      std::string_view what, const NumberedRules &rules, CompareContext &ctx) {
  std::unordered_map<std::string, size_t> numbers, old_numbers; // name -> number, in each version
  for (size_t i = 0; i < newer.size(); ++i) numbers.emplace(newer[i], i);
  for (size_t i = 0; i < older.size(); ++i) old_numbers.emplace(older[i], i);
  const SourceIndex &index = ctx.index(now.file);
  std::string of = " of `" + now.path + "`";
  for (size_t i = 0; i < older.size(); ++i) {
    const std::string &name = older[i];
    auto found = numbers.find(name);
    if (found != numbers.end() && found->second != i)
      ctx.at(rules.moved, now.file, index.locate(now.path + "." + name),
             std::string(what) + " `" + name + "`" + of + " moved from @" + std::to_string(i) + " to @" +
                 std::to_string(found->second) + ": the wire carries the number, so the two versions give it different names");
    if (i >= newer.size()) {
      ctx.at(rules.removed, now.file, index.locate(now.path),
             std::string(what) + " `" + name + "` @" + std::to_string(i) + of +
                 " was removed; keep it (rename it `obsolete...`) so its number is never reused" +
                 (what == "method" ? ", and callers of the older version get `unimplemented`" : ""));
    } else if (found == numbers.end() && !old_numbers.contains(newer[i])) {
      ctx.at(rules.renamed, now.file, index.locate(now.path + "." + newer[i]),
             std::string(what) + " `" + name + "` @" + std::to_string(i) + of + " is now `" + newer[i] +
                 "`: the wire is unchanged, but code that uses the old name breaks");
    }
  }
  // Numbers past the older version's last: new members, unless one is an older member that moved there
  // (reported above as moved).
  for (size_t i = older.size(); i < newer.size(); ++i) {
    if (old_numbers.contains(newer[i])) continue;
    ctx.at(rules.added, now.file, index.locate(now.path + "." + newer[i]),
           std::string(what) + " `" + newer[i] + "` @" + std::to_string(i) + of + " was added: " + rules.added_means);
  }
}

// A method's parameter or result struct, by number: implicit lists compare field by field, named structs
// by what the wire reads.
void compare_signature(uint64_t older_id, uint64_t newer_id, const char *what, const std::string &owner,
                       const std::string &file, CompareContext &ctx) {
  const Node *x = ctx.older.find(older_id);
  const Node *y = ctx.newer.find(newer_id);
  if (!x || !y) return;
  if (x->is_implicit && y->is_implicit) {
    compare_struct(*x, *y, what, owner, ctx);
    return;
  }
  if (ctx.mapped(x->id) == y->id) return; // the same named struct, compared as a declaration
  TypeVerdict v = ctx.wire.structs(*x, {}, *y, {});
  std::string from_to = std::string(what) + " type from `" + x->path + "` to `" + y->path + "`";
  Position where = ctx.locate(file, owner);
  if (v.change == TypeChange::Changed)
    ctx.at(rule::method_signature_changed, file, where,
           "method `" + owner + "` changed its " + from_to + ", which the wire reads differently (" + v.why + ")");
  else if (v.change == TypeChange::Risky)
    ctx.at(rule::type_narrowed, file, where, "method `" + owner + "` changed its " + from_to + " (" + v.why + ")");
  else
    ctx.at(rule::type_replaced, file, where,
           "method `" + owner + "` changed its " + from_to + ", which the wire reads the same way; code generated from it changes");
}

} // namespace

void compare_enums(const Node &older, const Node &newer, CompareContext &ctx) {
  compare_numbered(older.enumerants, newer.enumerants, newer, "enumerant",
                   {rule::enumerant_removed, rule::enumerant_ordinal_changed, rule::enumerant_renamed,
                    rule::enumerant_added, "readers of the older version see an unknown value"},
                   ctx);
}

void compare_interfaces(const Node &older, const Node &newer, CompareContext &ctx) {
  // A call names the interface that declares the method: every call an extended interface answered must
  // still be answered.
  auto serving = ctx.wire.calls(ctx.newer, newer.id);
  for (uint64_t super : older.superclasses) {
    auto inherited = ctx.wire.calls(ctx.older, super);
    if (std::includes(serving.begin(), serving.end(), inherited.begin(), inherited.end())) continue;
    const Node *s = ctx.older.find(super);
    ctx.at(rule::superclass_removed, newer.file, ctx.locate(newer.file, newer.path),
           "interface `" + newer.path + "` no longer extends `" + (s ? s->path : id_text(super)) +
               "`; callers of its methods would get `unimplemented`");
  }
  std::vector<std::string> old_names, new_names;
  for (const auto &m : older.methods) old_names.push_back(m.name);
  for (const auto &m : newer.methods) new_names.push_back(m.name);
  compare_numbered(old_names, new_names, newer, "method",
                   {rule::method_removed, rule::method_ordinal_changed, rule::method_renamed, rule::method_added,
                    "servers of the older version answer it as unimplemented"},
                   ctx);
  // Calls are dispatched by number: whatever name a number has, its parameters and results must read the same.
  for (size_t i = 0; i < older.methods.size() && i < newer.methods.size(); ++i) {
    std::string owner = newer.path + "." + newer.methods[i].name;
    compare_signature(older.methods[i].params, newer.methods[i].params, "parameter", owner, newer.file, ctx);
    compare_signature(older.methods[i].results, newer.methods[i].results, "result", owner, newer.file, ctx);
  }
}

} // namespace ssmd::capnp_schema
