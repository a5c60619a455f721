#include "lint.hpp"

#include "naming.hpp"
#include "rules.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace ssmd::capnp_schema {

namespace {

bool is_price_like(std::string_view name) {
  static const std::set<std::string, std::less<>> k_words = {"price", "prices", "px", "amount", "notional"};
  auto words = name_words(name);
  return std::any_of(words.begin(), words.end(), [](const std::string &w) { return k_words.contains(w); });
}

std::string member_path(const Node &node, std::string_view member) {
  return node.path.empty() ? std::string(member) : node.path + "." + std::string(member);
}

} // namespace

std::string default_root(std::string_view schema_name) { return to_upper_camel(schema_name); }

void check_root(const Model &model, const CompiledSchema &compiled, std::string_view root, std::string_view schema_name,
                Report &report) {
  std::string wanted = root.empty() ? default_root(schema_name) : std::string(root);
  if (wanted.empty()) return;
  std::string structs;
  for (const auto &[id, n] : model.nodes)
    if (n.local && n.kind == Node::Kind::Struct && !n.is_group && !n.is_implicit)
      structs += (structs.empty() ? "`" : ", `") + n.path + "`";
  const Node *node = model.find_local(wanted);
  if (node && node->is_group) node = nullptr;
  if (!node) {
    // A file that declares no struct (only annotations, constants, enums or interfaces, like
    // /capnp/c++.capnp) has no type to provide: the default root is then not required, an explicit one is.
    if (root.empty() && structs.empty()) return;
    report.at(rule::root_missing, compiled.display(), compiled.index().file_id(),
              "the root type `" + wanted + "` is not declared in this file" +
                  (root.empty() ? " (it is the schema name in UpperCamelCase; set `root:` to name another)" : "") +
                  "; structs here: " + (structs.empty() ? "none" : structs));
    return;
  }
  if (node->kind != Node::Kind::Struct)
    report.at(rule::root_not_struct, compiled.display(), compiled.index().locate(node->path),
              "the root type `" + wanted + "` is " + (node->kind == Node::Kind::Enum ? "an " : "a ") +
                  kind_name(node->kind) + "; a schema's root must be a struct");
}

void lint_names_and_types(const Model &model, const CompiledSchema &compiled, Report &report) {
  // Positions are looked up only for findings: a clean file is never scanned.
  auto index = [&compiled]() -> const SourceIndex & { return compiled.index(); };
  const std::string file = compiled.display();
  // Nodes come in ID order; the findings go out in source order.
  struct Finding {
    Position where;
    std::string_view rule;
    std::string message;
  };
  std::vector<Finding> findings;
  auto add = [&](std::string_view rule, Position where, std::string message) {
    findings.push_back({where, rule, std::move(message)});
  };
  auto member_name = [&](const Node &node, std::string_view name, std::string_view what) {
    if (is_lower_camel(name)) return;
    add(rule::field_name_case, index().locate(member_path(node, name)),
        std::string(what) + " `" + std::string(name) + "` should be lowerCamelCase with acronyms as words, e.g. `" +
            to_lower_camel(name) + "`");
  };
  for (const auto &[id, node] : model.nodes) {
    if (!node.local) continue;
    bool is_type = (node.kind == Node::Kind::Struct && !node.is_group && !node.is_implicit) ||
                   node.kind == Node::Kind::Enum || node.kind == Node::Kind::Interface;
    if (is_type && !is_upper_camel(node.name()))
      add(rule::type_name_case, index().locate(node.path),
          kind_name(node.kind) + " `" + node.name() + "` should be UpperCamelCase with acronyms as words, e.g. `" +
              to_upper_camel(node.name()) + "`");
    for (const auto &field : node.fields) {
      member_name(node, field.name, node.is_implicit ? "parameter" : field.is_group ? "group" : "field");
      using K = TypeRef::Kind;
      if (!field.is_group && (field.type.kind == K::Float32 || field.type.kind == K::Float64) &&
          is_price_like(field.name))
        add(rule::float_price, index().locate(member_path(node, field.name)),
            "field `" + field.name + "` holds a price or amount in " + describe(field.type, model) +
                ", which cannot represent most decimal prices exactly; use a fixed-point integer "
                "(e.g. Int64 in units of 1e-8, with the scale documented) instead");
    }
    for (const auto &enumerant : node.enumerants) member_name(node, enumerant, "enumerant");
    for (const auto &method : node.methods) member_name(node, method.name, "method");
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  for (const auto &f : findings) report.at(f.rule, file, f.where, f.message);
}

namespace {

// Every import of every file reachable from the compiled one, as written in their text. The compiler
// follows an imported file's imports only for the declarations it needs, so a cycle that only an unused
// declaration closes is found here, not in `compiled.imports()`. Imports that do not resolve are left out
// (the compiler reports those it needs).
std::map<FileKey, std::vector<FileKey>> import_graph(const CompiledSchema &compiled) {
  std::map<FileKey, std::vector<FileKey>> edges;
  std::set<std::pair<FileKey, FileKey>> seen;
  auto add = [&](const FileKey &from, const FileKey &to) {
    if (seen.emplace(from, to).second) edges[from].push_back(to);
  };
  for (const auto &[from, to] : compiled.imports()) add(from, to);
  std::vector<FileKey> queue = {compiled.key()};
  std::set<FileKey> scanned = {compiled.key()};
  while (!queue.empty()) {
    FileKey file = queue.back();
    queue.pop_back();
    const std::string *text = compiled.text_of(file);
    // Most files import nothing: they are not even lexed.
    if (!text || text->find("import") == std::string::npos) continue;
    for (const auto &site : SourceIndex::scan_imports(*text)) {
      auto target = compiled.resolve(file, site.path);
      if (!target) continue;
      add(file, *target);
      if (scanned.insert(*target).second) queue.push_back(*target);
    }
  }
  return edges;
}

} // namespace

void check_import_cycles(const CompiledSchema &compiled, Report &report) {
  std::map<FileKey, std::vector<FileKey>> edges = import_graph(compiled);

  std::set<std::vector<FileKey>> cycles;
  std::vector<FileKey> stack;
  std::set<FileKey> done;
  std::function<void(const FileKey &)> visit = [&](const FileKey &file) {
    stack.push_back(file);
    for (const auto &next : edges[file]) {
      auto on_stack = std::find(stack.begin(), stack.end(), next);
      if (on_stack != stack.end()) {
        std::vector<FileKey> cycle(on_stack, stack.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        cycles.insert(cycle);
      } else if (!done.contains(next)) {
        visit(next);
      }
    }
    stack.pop_back();
    done.insert(file);
  };
  visit(compiled.key());

  for (const auto &cycle : cycles) {
    // Report where the cycle closes: the import in its last file that leads back to its first.
    const FileKey &from = cycle.back();
    const FileKey &to = cycle.front();
    std::string chain;
    for (const auto &f : cycle) chain += f.display() + " -> ";
    chain += to.display();
    Position where;
    if (const std::string *text = compiled.text_of(from)) {
      SourceIndex index = SourceIndex::scan(*text);
      for (const auto &site : index.imports())
        if (compiled.resolve(from, site.path) == to) where = site.where;
    }
    report.at(rule::import_cycle, from.display(), where,
              "import cycle " + chain +
                  ": Cap'n Proto accepts it, but the files can then only change together; move the shared "
                  "declarations into a file both import");
  }
}

} // namespace ssmd::capnp_schema
