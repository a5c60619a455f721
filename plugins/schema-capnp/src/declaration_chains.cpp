#include "declaration_chains.hpp"

#include "lexer.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace ssmd::capnp_schema {

namespace {

// Words that never name a declaration of the compilation: keywords, built-in types and constants. Sorted.
constexpr std::array<std::string_view, 40> k_not_names = {
    "AnyList", "AnyPointer", "AnyStruct", "Bool",       "Capability", "Data",   "Float32", "Float64",
    "Int16",   "Int32",      "Int64",     "Int8",       "List",       "Text",   "UInt16",  "UInt32",
    "UInt64",  "UInt8",      "Void",      "annotation", "const",      "embed",  "enum",    "enumerant",
    "extends", "false",      "field",     "file",       "group",      "import", "inf",     "interface",
    "method",  "nan",        "param",     "struct",     "true",       "union",  "using",   "void"};
static_assert(std::is_sorted(k_not_names.begin(), k_not_names.end()));

bool is_name(std::string_view word) { return !std::binary_search(k_not_names.begin(), k_not_names.end(), word); }

constexpr uint32_t k_unset = std::numeric_limits<uint32_t>::max();

} // namespace

uint32_t DeclarationChains::name_id(std::string_view name) {
  auto it = name_ids_.find(name);
  if (it != name_ids_.end()) return it->second;
  names_.emplace_back(name);
  return name_ids_.emplace(names_.back(), static_cast<uint32_t>(names_.size() - 1)).first->second;
}

uint32_t DeclarationChains::add_node(std::string_view name, uint32_t file, Position where) {
  nodes_.push_back(Node{name_id(name), file, where});
  return static_cast<uint32_t>(nodes_.size() - 1);
}

template <class Tokens> void DeclarationChains::add_references(uint32_t node, const Tokens &tokens, size_t from) {
  for (size_t i = from; i < tokens.size(); ++i)
    if (tokens[i].kind == Token::Kind::Identifier && is_name(tokens[i].text))
      edges_.emplace_back(node, name_id(tokens[i].text));
}

void DeclarationChains::add_file(const std::string &file, std::string_view text) {
  const uint32_t file_index = static_cast<uint32_t>(files_.size());
  files_.push_back(File{file, nodes_.size(), edges_.size()});
  // The file is a node too: its annotations and top-level statements depend on what they name.
  std::vector<uint32_t> scopes{add_node("", file_index, Position{})};
  std::vector<Token> statement;
  size_t depth = 0; // parentheses and brackets open in the statement

  // Ends the statement at `;` (opens = false) or `{` (true); returns the node whose scope `{` opens.
  auto finish = [&](bool opens) -> uint32_t {
    const uint32_t owner = scopes.back();
    if (statement.empty()) return owner;
    const Token &first = statement[0];
    auto word_at = [&](size_t i) { return i < statement.size() && statement[i].kind == Token::Kind::Identifier; };
    if ((first.is_word("struct") || first.is_word("interface") || first.is_word("enum") || first.is_word("const") ||
         first.is_word("annotation")) &&
        word_at(1)) {
      uint32_t node = add_node(statement[1].text, file_index, first.where);
      add_references(node, statement, 2);
      return node;
    }
    if (first.is_word("using")) {
      // `using Name = Target;`, or `using Target;`, which declares Target's last name.
      auto equals = std::find_if(statement.begin(), statement.end(), [](const Token &t) { return t.is('='); });
      size_t name_at = equals != statement.end() ? 1 : statement.size() - 1;
      while (name_at > 0 && !word_at(name_at)) --name_at;
      uint32_t node = add_node(name_at > 0 ? statement[name_at].text : "", file_index, first.where);
      add_references(node, statement, equals != statement.end() ? static_cast<size_t>(equals - statement.begin()) : 1);
      return node;
    }
    if (opens && first.is_word("union")) return owner; // an unnamed union is part of its struct
    if (opens && word_at(0) && statement.size() >= 3 && statement[1].is(':') &&
        (statement[2].is_word("group") || statement[2].is_word("union"))) {
      uint32_t node = add_node(first.text, file_index, first.where);
      add_references(node, statement, 3);
      return node;
    }
    // A field, method, enumerant, file ID or annotation of the scope: what it names, its scope depends on.
    add_references(owner, statement, word_at(0) ? 1 : 0);
    return owner;
  };

  Lexer lexer(text);
  for (Token t = lexer.next(); t.kind != Token::Kind::End; t = lexer.next()) {
    if (t.kind == Token::Kind::Punct) {
      const char c = t.text[0];
      if (c == '(' || c == '[') ++depth;
      if ((c == ')' || c == ']') && depth > 0) --depth;
      if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
        uint32_t opened = finish(c == '{');
        statement.clear();
        if (c == '{') scopes.push_back(opened);
        if (c == '}' && scopes.size() > 1) scopes.pop_back();
        continue;
      }
    }
    statement.push_back(t);
  }
  finish(false);
}

void DeclarationChains::remove_last_file() {
  if (files_.empty()) return;
  nodes_.resize(files_.back().nodes);
  edges_.resize(files_.back().edges);
  files_.pop_back();
}

DeclarationChains::Chain DeclarationChains::longest() const {
  // The graph: declarations 0..V-1, then one node per name, V..V+N-1. A declaration points at the names it
  // mentions; a name points at every declaration of that name. Names keep the edge count linear.
  const size_t V = nodes_.size(), total = V + names_.size();
  std::vector<uint32_t> start(total + 1, 0), targets(edges_.size() + V);
  for (const auto &[node, name] : edges_) ++start[node + 1];
  for (const auto &node : nodes_) ++start[V + node.name + 1];
  for (size_t i = 0; i < total; ++i) start[i + 1] += start[i];
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (const auto &[node, name] : edges_) targets[fill[node]++] = static_cast<uint32_t>(V + name);
  for (size_t i = 0; i < V; ++i) targets[fill[V + nodes_[i].name]++] = static_cast<uint32_t>(i);

  // Tarjan's strongly connected components, without recursion (the graph may be as deep as the input is
  // hostile). Components complete after every component they reach, so each one's longest chain (its own
  // declarations plus the longest chain it reaches) is known when it completes.
  std::vector<uint32_t> index(total, k_unset), low(total, 0), component(total, k_unset), stack, members;
  std::vector<char> on_stack(total, 0);
  std::vector<uint64_t> best; // by component
  std::vector<std::pair<uint32_t, uint32_t>> calls; // node, next edge
  uint32_t counter = 0;
  auto visit = [&](uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = 1;
    calls.emplace_back(v, start[v]);
  };
  for (uint32_t root = 0; root < total; ++root) {
    if (index[root] != k_unset) continue;
    visit(root);
    while (!calls.empty()) {
      const uint32_t v = calls.back().first;
      if (calls.back().second < start[v + 1]) {
        const uint32_t w = targets[calls.back().second++];
        if (index[w] == k_unset) visit(w);
        else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
        continue;
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
      if (low[v] != index[v]) continue;
      const uint32_t c = static_cast<uint32_t>(best.size());
      uint64_t weight = 0, reached = 0;
      members.clear();
      uint32_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = 0;
        component[w] = c;
        members.push_back(w);
        if (w < V) ++weight;
      } while (w != v);
      for (uint32_t m : members)
        for (uint32_t e = start[m]; e < start[m + 1]; ++e)
          if (component[targets[e]] != c) reached = std::max(reached, best[component[targets[e]]]);
      best.push_back(weight + reached);
    }
  }

  Chain out;
  for (size_t i = 0; i < V; ++i) {
    uint64_t length = best[component[i]];
    if (length <= out.length) continue;
    out.length = static_cast<size_t>(length);
    out.file = files_[nodes_[i].file].name;
    out.where = nodes_[i].where;
    out.first = names_[nodes_[i].name];
  }
  return out;
}

} // namespace ssmd::capnp_schema
