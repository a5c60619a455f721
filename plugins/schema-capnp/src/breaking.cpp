#include "breaking.hpp"

#include "compare_context.hpp"
#include "rules.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace ssmd::capnp_schema {

namespace {

bool is_declaration(const Node &n) { return n.local && n.kind != Node::Kind::File && !n.is_group && !n.is_implicit; }

std::string parent_path(const std::string &path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

// Finds, for every declaration of the older file, the newer declaration it became: the same ID, else the
// same scoped name (whose ID then changed). Reports removals, ID changes and renames on the way.
std::vector<std::pair<const Node *, const Node *>> match_declarations(CompareContext &ctx) {
  std::vector<std::pair<const Node *, const Node *>> pairs;
  for (const auto &[id, old] : ctx.older.nodes) {
    if (!is_declaration(old)) continue;
    const Node *now = ctx.newer.find(id);
    if (!now || !is_declaration(*now)) now = ctx.newer.find_local(old.path);
    if (now && !is_declaration(*now)) now = nullptr;
    bool is_type = old.kind == Node::Kind::Struct || old.kind == Node::Kind::Enum || old.kind == Node::Kind::Interface;
    if (!now) {
      ctx.at(is_type ? rule::type_removed : rule::declaration_removed, ctx.index.locate(parent_path(old.path)),
             kind_name(old.kind) + " `" + old.path + "` " + id_text(old.id) + " was removed" +
                 (is_type ? "; keep it, so data and capabilities that name its ID stay readable (if it was "
                            "renamed, declare the old ID on the new name: `" +
                                old.name() + " " + id_text(old.id) + "`)"
                          : ""));
      continue;
    }
    ctx.id_map[old.id] = now->id;
    pairs.emplace_back(&old, now);
    if (now->id != old.id && is_type)
      ctx.at(rule::type_id_changed, ctx.index.locate(now->path),
             kind_name(old.kind) + " `" + now->path + "` changed its type ID from " + id_text(old.id) + " to " +
                 id_text(now->id) + "; declare the old ID explicitly (`" + now->name() + " " + id_text(old.id) +
                 "`) to keep it");
    if (now->path != old.path)
      ctx.at(rule::type_renamed, ctx.index.locate(now->path),
             kind_name(old.kind) + " `" + old.path + "` is now `" + now->path +
                 "` (same ID): the wire is unchanged, but code that uses the old name breaks");
  }
  return pairs;
}

// Types of the newer file that no older declaration became: allowed. (New constants and annotations do
// not travel on the wire and are not reported.)
void report_new_types(const std::vector<std::pair<const Node *, const Node *>> &pairs, CompareContext &ctx) {
  std::unordered_set<uint64_t> matched;
  for (auto [old, now] : pairs) matched.insert(now->id);
  for (const auto &[id, now] : ctx.newer.nodes) {
    bool is_type = now.kind == Node::Kind::Struct || now.kind == Node::Kind::Enum || now.kind == Node::Kind::Interface;
    if (!is_declaration(now) || !is_type || matched.contains(id)) continue;
    ctx.at(rule::type_added, ctx.index.locate(now.path),
           kind_name(now.kind) + " `" + now.path + "` " + id_text(id) + " was added");
  }
}

// Members known by number and name: enumerants and methods.
template <class Named>
void compare_numbered(const std::vector<Named> &older, const std::vector<Named> &newer,
                      std::string (*name_of)(const Named &), const Node &now, std::string_view what,
                      std::string_view removed, std::string_view moved, std::string_view renamed,
                      std::string_view added, CompareContext &ctx) {
  std::unordered_map<std::string, size_t> numbers; // newer name -> number
  for (size_t i = 0; i < newer.size(); ++i) numbers.emplace(name_of(newer[i]), i);
  std::unordered_map<std::string, size_t> old_numbers; // older name -> number
  for (size_t i = 0; i < older.size(); ++i) old_numbers.emplace(name_of(older[i]), i);
  auto index_of = [&](const std::string &name) -> std::optional<size_t> {
    auto it = numbers.find(name);
    return it == numbers.end() ? std::nullopt : std::optional<size_t>(it->second);
  };
  std::string of = " of `" + now.path + "`";
  for (size_t i = 0; i < older.size(); ++i) {
    std::string name = name_of(older[i]);
    auto found = index_of(name);
    if (found && *found != i) {
      ctx.at(moved, ctx.index.locate(now.path + "." + name),
             std::string(what) + " `" + name + "`" + of + " moved from @" + std::to_string(i) + " to @" +
                 std::to_string(*found) + "; numbers are what the wire carries, so keep them");
    } else if (i >= newer.size()) {
      ctx.at(removed, ctx.index.locate(now.path),
             std::string(what) + " `" + name + "` @" + std::to_string(i) + of +
                 " was removed; keep it (rename it `obsolete...`) so its number is never reused");
    } else if (!found) {
      std::string new_name = name_of(newer[i]);
      ctx.at(renamed, ctx.index.locate(now.path + "." + new_name),
             std::string(what) + " `" + name + "` @" + std::to_string(i) + of + " is now `" + new_name +
                 "`: the wire is unchanged, but code that uses the old name breaks");
    }
  }
  // Numbers past the older version's last: new members, unless one is an older member that moved there
  // (reported above as moved).
  for (size_t i = older.size(); i < newer.size(); ++i) {
    std::string name = name_of(newer[i]);
    if (old_numbers.contains(name)) continue;
    ctx.at(added, ctx.index.locate(now.path + "." + name),
           std::string(what) + " `" + name + "` @" + std::to_string(i) + of + " was added" +
               (what == "method" ? ": servers of the older version answer it as unimplemented"
                                 : ": readers of the older version see an unknown value"));
  }
}

std::string enumerant_name(const std::string &name) { return name; }
std::string method_name(const Method &method) { return method.name; }

void compare_signatures(const Node &old, const Node &now, CompareContext &ctx) {
  std::unordered_map<std::string, size_t> old_numbers, new_numbers;
  for (const auto &m : old.methods) old_numbers.emplace(m.name, m.ordinal);
  for (const auto &m : now.methods) new_numbers.emplace(m.name, m.ordinal);
  auto moved = [](const std::unordered_map<std::string, size_t> &numbers, const std::string &name, size_t ordinal) {
    auto it = numbers.find(name);
    return it != numbers.end() && it->second != ordinal;
  };
  for (size_t i = 0; i < old.methods.size() && i < now.methods.size(); ++i) {
    const Method &a = old.methods[i];
    const Method &b = now.methods[i];
    // A method that moved to another number was reported as such; its number now holds another method.
    if (moved(new_numbers, a.name, i) || moved(old_numbers, b.name, i)) continue;
    std::string owner = now.path + "." + b.name;
    for (auto [older_id, newer_id, what] :
         {std::tuple(a.params, b.params, "parameter"), std::tuple(a.results, b.results, "result")}) {
      const Node *x = ctx.older.find(older_id);
      const Node *y = ctx.newer.find(newer_id);
      if (!x || !y) continue;
      if (x->is_implicit || y->is_implicit) {
        compare_struct(*x, *y, what, owner, ctx);
      } else if (ctx.mapped(x->id) != y->id) {
        ctx.at(rule::method_signature_changed, ctx.index.locate(owner),
               "method `" + owner + "` changed its " + what + " type from `" + x->path + "` to `" + y->path + "`");
      }
    }
  }
}

void compare_interfaces(const Node &old, const Node &now, CompareContext &ctx) {
  for (uint64_t super : old.superclasses)
    if (std::find(now.superclasses.begin(), now.superclasses.end(), ctx.mapped(super)) == now.superclasses.end()) {
      const Node *s = ctx.older.find(super);
      ctx.at(rule::superclass_removed, ctx.index.locate(now.path),
             "interface `" + now.path + "` no longer extends `" + (s ? s->path : id_text(super)) +
                 "`; callers holding it as that interface would break");
    }
  compare_numbered(old.methods, now.methods, method_name, now, "method", rule::method_removed,
                   rule::method_ordinal_changed, rule::method_renamed, rule::method_added, ctx);
  compare_signatures(old, now, ctx);
}

} // namespace

void compare_versions(const Model &older, const Model &newer, const SourceIndex &newer_index,
                      const std::string &newer_file, Report &report) {
  CompareContext ctx(older, newer, newer_index, newer_file, report);
  if (older.file_id != newer.file_id)
    ctx.at(rule::type_id_changed, newer_index.file_id(),
           "the file ID changed from " + id_text(older.file_id) + " to " + id_text(newer.file_id) +
               "; every type without an explicit ID changes its ID with it");
  auto pairs = match_declarations(ctx);
  report_new_types(pairs, ctx);
  for (auto [old, now] : pairs) {
    if (old->kind != now->kind) {
      ctx.at(rule::kind_changed, newer_index.locate(now->path),
             "`" + now->path + "` changed from " + kind_name(old->kind) + " to " + kind_name(now->kind) +
                 "; declare a new type instead");
      continue;
    }
    switch (old->kind) {
    case Node::Kind::Struct: compare_struct(*old, *now, "field", now->path, ctx); break;
    case Node::Kind::Enum:
      compare_numbered(old->enumerants, now->enumerants, enumerant_name, *now, "enumerant", rule::enumerant_removed,
                       rule::enumerant_ordinal_changed, rule::enumerant_renamed, rule::enumerant_added, ctx);
      break;
    case Node::Kind::Interface: compare_interfaces(*old, *now, ctx); break;
    default: break; // constants and annotations do not travel on the wire
    }
  }
  ctx.flush();
}

} // namespace ssmd::capnp_schema
