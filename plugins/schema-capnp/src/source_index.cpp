#include "source_index.hpp"

#include "lexer.hpp"

namespace ssmd::capnp_schema {

namespace {

struct Scope {
  std::string name; // empty for braces that add no name (unnamed unions)
  bool is_type = false;
};

std::string join(const std::vector<Scope> &scopes, bool up_to_innermost_type) {
  size_t end = scopes.size();
  if (up_to_innermost_type)
    while (end > 0 && !scopes[end - 1].is_type) --end;
  std::string path;
  for (size_t i = 0; i < end; ++i) {
    if (scopes[i].name.empty()) continue;
    if (!path.empty()) path += '.';
    path += scopes[i].name;
  }
  return path;
}

std::string child(const std::string &scope, std::string_view name) {
  return scope.empty() ? std::string(name) : scope + "." + std::string(name);
}

std::string unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

} // namespace

SourceIndex SourceIndex::scan(std::string_view text) {
  std::vector<Token> tokens;
  Lexer lexer(text);
  for (Token t = lexer.next(); t.kind != Token::Kind::End; t = lexer.next()) tokens.push_back(t);
  auto at = [&](size_t i) -> const Token & {
    static const Token end{};
    return i < tokens.size() ? tokens[i] : end;
  };

  SourceIndex index;
  std::vector<Scope> scopes;
  std::optional<Scope> pending; // the scope the next `{` opens
  int parens = 0;
  auto remember = [](auto &map, std::string key, Position where) { map.emplace(std::move(key), where); };

  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token &t = tokens[i];
    if (t.is_word("import") && at(i + 1).kind == Token::Kind::String) {
      index.imports_.push_back({unquote(at(i + 1).text), at(i + 1).where});
      ++i;
      continue;
    }
    if (t.is('(') || t.is('[')) {
      ++parens;
      continue;
    }
    if (t.is(')') || t.is(']')) {
      parens = parens > 0 ? parens - 1 : 0;
      continue;
    }
    if (parens > 0) continue; // parameter lists, annotation arguments and values declare nothing we index
    if (t.is('{')) {
      scopes.push_back(pending.value_or(Scope{}));
      pending.reset();
      continue;
    }
    if (t.is('}')) {
      if (!scopes.empty()) scopes.pop_back();
      pending.reset();
      continue;
    }
    if (t.is('@') && scopes.empty() && !index.file_id_ && at(i + 1).kind == Token::Kind::Number && at(i + 2).is(';') &&
        (i == 0 || at(i - 1).kind != Token::Kind::Identifier)) {
      index.file_id_ = t.where;
      continue;
    }
    if (t.kind != Token::Kind::Identifier) continue;
    const Token &next = at(i + 1);
    std::string scope = join(scopes, false);
    if ((t.is_word("struct") || t.is_word("enum") || t.is_word("interface")) && next.kind == Token::Kind::Identifier) {
      remember(index.declarations_, child(scope, next.text), next.where);
      pending = Scope{std::string(next.text), true};
      ++i;
    } else if ((t.is_word("const") || t.is_word("annotation")) && next.kind == Token::Kind::Identifier) {
      remember(index.declarations_, child(scope, next.text), next.where);
      ++i;
    } else if (t.is_word("union") && next.is('{')) {
      pending = Scope{};
    } else if (next.is('@') && at(i + 2).kind == Token::Kind::Number) {
      // A field, enumerant or method: `name @3 ...`.
      remember(index.declarations_, child(scope, t.text), t.where);
      remember(index.ordinals_, join(scopes, true) + "@" + std::string(at(i + 2).text), t.where);
      i += 2;
    } else if (next.is(':') && (at(i + 2).is_word("group") || at(i + 2).is_word("union")) && at(i + 3).is('{')) {
      remember(index.declarations_, child(scope, t.text), t.where);
      pending = Scope{std::string(t.text), false};
      i += 2;
    }
  }
  return index;
}

std::vector<ImportSite> SourceIndex::scan_imports(std::string_view text) {
  std::vector<ImportSite> out;
  Lexer lexer(text);
  bool after_import = false;
  for (Token t = lexer.next(); t.kind != Token::Kind::End; t = lexer.next()) {
    if (after_import && t.kind == Token::Kind::String) out.push_back({unquote(t.text), t.where});
    after_import = t.is_word("import");
  }
  return out;
}

std::optional<Position> SourceIndex::find(std::string_view path) const {
  auto it = declarations_.find(std::string(path));
  return it == declarations_.end() ? std::nullopt : std::optional<Position>(it->second);
}

std::optional<Position> SourceIndex::find_ordinal(std::string_view type_path, unsigned ordinal) const {
  auto it = ordinals_.find(std::string(type_path) + "@" + std::to_string(ordinal));
  return it == ordinals_.end() ? std::nullopt : std::optional<Position>(it->second);
}

Position SourceIndex::locate(std::string_view path) const {
  std::string p(path.substr(0, path.find('$')));
  for (;;) {
    if (auto found = find(p)) return *found;
    size_t dot = p.rfind('.');
    if (dot == std::string::npos) break;
    p.resize(dot);
  }
  return file_id();
}

} // namespace ssmd::capnp_schema
