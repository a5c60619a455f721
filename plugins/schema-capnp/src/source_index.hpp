// Where declarations are in a schema file. Cap'n Proto 0.9.2's compiled nodes carry no source positions,
// so this scans the text (with the forgiving lexer) and remembers the place of every declared name by
// its scoped path: `Trade` (a type), `Trade.price` (a field), `Trade.address.city` (a field in a group),
// `Side.buy` (an enumerant), `Feed.subscribe` (a method). Ordinals are indexed per type (`Trade@3`), so a
// field can be found even when its name changed.
#pragma once

#include "report.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ssmd::capnp_schema {

struct ImportSite {
  std::string path; // as written between the quotes
  Position where;   // the string literal
};

class SourceIndex {
public:
  static SourceIndex scan(std::string_view text);
  // Only the imports, without building the index: a check needs them for every file it reads.
  static std::vector<ImportSite> scan_imports(std::string_view text);

  // The declaration `path` (dot-separated scopes and name), if the scan found it.
  std::optional<Position> find(std::string_view path) const;
  // The member numbered `ordinal` directly or indirectly (in a group) inside type `type_path`.
  std::optional<Position> find_ordinal(std::string_view type_path, unsigned ordinal) const;
  // The best place for something at `path`: the path itself, else its nearest enclosing declaration,
  // else the file ID, else 1:1. Method parameter structs (`Iface.method$Params`) map to their method.
  Position locate(std::string_view path) const;
  // The `@0x...;` file ID, or 1:1.
  Position file_id() const { return file_id_.value_or(Position{}); }
  const std::vector<ImportSite> &imports() const { return imports_; }

private:
  std::unordered_map<std::string, Position> declarations_;
  std::unordered_map<std::string, Position> ordinals_;
  std::optional<Position> file_id_;
  std::vector<ImportSite> imports_;
};

} // namespace ssmd::capnp_schema
