#include "declaration_matching.hpp"

#include "struct_layout.hpp"

#include <set>
#include <unordered_map>

namespace ssmd::capnp_schema {

namespace {

bool is_type(const Node &n) {
  return (n.kind == Node::Kind::Struct && !n.is_group && !n.is_implicit) || n.kind == Node::Kind::Enum ||
         n.kind == Node::Kind::Interface;
}

// Declarations compared one to one: the compiled file's own, and the types it reaches in imported files
// (an imported file's constants and annotations are that file's business).
bool is_declaration(const Node &n) {
  if (n.kind == Node::Kind::File || n.is_group || n.is_implicit) return false;
  return n.local || is_type(n);
}

// The name a declaration is matched by when its ID changed: its scoped name, and its file when imported.
std::string name_key(const Node &n) { return n.local ? ":" + n.path : n.file + ":" + n.path; }

std::string parent_path(const std::string &path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

class Matcher {
public:
  explicit Matcher(CompareContext &ctx) : ctx_(ctx) {
    for (const auto &[id, n] : ctx.newer.nodes)
      if (is_declaration(n)) new_by_name_.emplace(name_key(n), &n);
  }

  DeclarationPairs run() {
    for (const auto &[id, old] : ctx_.older.nodes) {
      if (!is_declaration(old)) continue;
      const Node *now = ctx_.newer.find(id);
      if (!now || !is_declaration(*now)) {
        auto it = new_by_name_.find(name_key(old));
        now = it == new_by_name_.end() ? nullptr : it->second;
      }
      if (now && !taken_.contains(now->id)) pair(old, *now);
    }
    pair_renamed_by_use();
    pair_renamed_alone_in_scope();
    report();
    return pairs_;
  }

private:
  void pair(const Node &old, const Node &now) {
    pairs_.emplace_back(&old, &now);
    matched_.insert(old.id);
    taken_.insert(now.id);
    ctx_.id_map[old.id] = now.id;
  }

  bool unmatched_old(uint64_t id) const {
    const Node *n = ctx_.older.find(id);
    return n && is_type(*n) && !matched_.contains(id);
  }
  bool unmatched_new(uint64_t id) const {
    const Node *n = ctx_.newer.find(id);
    return n && is_type(*n) && !taken_.contains(id);
  }

  // A field whose type went from an unmatched older type to an unmatched newer one says the type was
  // renamed, when no other field says otherwise. Repeated, so types nested in renamed types are found too.
  void pair_renamed_by_use() {
    auto any_unmatched = [&] {
      bool older = false, newer = false;
      for (const auto &[id, n] : ctx_.older.nodes) older = older || unmatched_old(id);
      for (const auto &[id, n] : ctx_.newer.nodes) newer = newer || unmatched_new(id);
      return older && newer;
    };
    for (bool found = any_unmatched(); found;) {
      found = false;
      std::map<uint64_t, std::set<uint64_t>> forward, backward;
      auto candidate = [&](const TypeRef *a, const TypeRef *b) {
        while (a->kind == TypeRef::Kind::List && b->kind == TypeRef::Kind::List) a = &a->element.at(0), b = &b->element.at(0);
        if (a->kind != b->kind || !a->id || !b->id || !unmatched_old(a->id) || !unmatched_new(b->id)) return;
        forward[a->id].insert(b->id);
        backward[b->id].insert(a->id);
      };
      for (auto [old, now] : pairs_) {
        if (old->kind == Node::Kind::Struct && now->kind == Node::Kind::Struct) {
          StructLayout a = flatten(ctx_.older, *old), b = flatten(ctx_.newer, *now);
          for (const auto &f : a.fields)
            if (const FlatField *g = b.by_ordinal(*f.field->ordinal)) candidate(&f.field->type, &g->field->type);
        }
      }
      for (const auto &[a, targets] : forward) {
        uint64_t b = *targets.begin();
        if (targets.size() != 1 || backward[b].size() != 1 || !unmatched_old(a) || !unmatched_new(b)) continue;
        const Node &old = *ctx_.older.find(a);
        const Node &now = *ctx_.newer.find(b);
        if (old.kind != now.kind) continue;
        pair(old, now);
        found = true;
      }
    }
  }

  // The only unmatched type of its kind in a scope, facing the only new one there, with a layout the wire
  // reads the same way: renamed (struct Trade -> struct Print, with the implicit ID following the name).
  void pair_renamed_alone_in_scope() {
    using Scope = std::tuple<bool, std::string, std::string, Node::Kind>;
    auto scope_of = [](const Node &n) { return Scope(n.local, n.local ? "" : n.file, parent_path(n.path), n.kind); };
    std::map<Scope, std::vector<const Node *>> olds, news;
    for (const auto &[id, n] : ctx_.older.nodes)
      if (unmatched_old(id) && is_declaration(n)) olds[scope_of(n)].push_back(&n);
    for (const auto &[id, n] : ctx_.newer.nodes)
      if (unmatched_new(id) && is_declaration(n)) news[scope_of(n)].push_back(&n);
    for (const auto &[scope, candidates] : olds) {
      auto it = news.find(scope);
      if (candidates.size() != 1 || it == news.end() || it->second.size() != 1) continue;
      const Node &old = *candidates.front();
      const Node &now = *it->second.front();
      bool same = false;
      if (old.kind == Node::Kind::Struct) {
        auto change = ctx_.wire.structs(old, {}, now, {}).change;
        same = change != TypeChange::Changed && change != TypeChange::Risky;
      } else if (old.kind == Node::Kind::Enum) {
        same = old.enumerants == now.enumerants;
      }
      if (same) pair(old, now);
    }
  }

  void report() {
    for (auto [old, now] : pairs_) {
      if (now->id != old->id && is_type(*old)) {
        // A call names the interface that declares the method by ID; one that declares none is never named.
        if (old->kind == Node::Kind::Interface && !old->methods.empty())
          ctx_.at(rule::interface_id_changed, now->file, ctx_.locate(now->file, now->path),
                  "interface `" + now->path + "` changed its ID from " + id_text(old->id) + " to " + id_text(now->id) +
                      "; every call names the interface by ID, so callers of the older version would get "
                      "`unimplemented`: declare the old ID explicitly (`" + now->name() + " " + id_text(old->id) + "`)");
        else
          ctx_.at(rule::type_id_changed, now->file, ctx_.locate(now->file, now->path),
                  kind_name(old->kind) + " `" + now->path + "` changed its type ID from " + id_text(old->id) + " to " +
                      id_text(now->id) + "; the wire does not carry it, but `schema.capnp` consumers do: declare the "
                      "old ID explicitly (`" + now->name() + " " + id_text(old->id) + "`) to keep it");
      }
      if (now->path != old->path)
        ctx_.at(rule::type_renamed, now->file, ctx_.locate(now->file, now->path),
                kind_name(old->kind) + " `" + old->path + "` is now `" + now->path +
                    "`: the wire is unchanged, but code that uses the old name breaks");
    }
    const std::string main = ctx_.main_file();
    for (const auto &[id, old] : ctx_.older.nodes) {
      if (!is_declaration(old) || !old.local || matched_.contains(id)) continue;
      bool type = is_type(old);
      ctx_.at(type ? rule::type_removed : rule::declaration_removed, main, ctx_.locate(main, parent_path(old.path)),
              kind_name(old.kind) + " `" + old.path + "` " + id_text(id) + " was removed" +
                  (type ? "; keep it, so data and capabilities that name its ID stay readable (if it was renamed, "
                          "declare the old ID on the new name: `" + old.name() + " " + id_text(id) + "`)"
                        : ""));
    }
    // New types no older declaration became: allowed. (New constants and annotations do not travel on the
    // wire and are not reported.)
    for (const auto &[id, now] : ctx_.newer.nodes) {
      if (!is_declaration(now) || !now.local || !is_type(now) || taken_.contains(id)) continue;
      ctx_.at(rule::type_added, now.file, ctx_.locate(now.file, now.path),
              kind_name(now.kind) + " `" + now.path + "` " + id_text(id) + " was added");
    }
  }

  CompareContext &ctx_;
  std::unordered_map<std::string, const Node *> new_by_name_;
  std::set<uint64_t> matched_, taken_;
  DeclarationPairs pairs_;
};

} // namespace

DeclarationPairs match_declarations(CompareContext &ctx) { return Matcher(ctx).run(); }

} // namespace ssmd::capnp_schema
