// A YAML document parsed once into an immutable tree that remembers where every node came from.
//
// Why not YAML::Node: ssmd needs exact source positions for every diagnostic, must reject duplicate keys
// (yaml-cpp keeps one silently), must bound alias expansion ("billion laughs"), and lends the tree to
// plugins through the C ABI (`ssmd_doc_api`) without copying. The tree is built from yaml-cpp's event
// parser, so the grammar is still yaml-cpp's.
#pragma once

#include "core/diagnostic.hpp"
#include "core/file_size_limit.hpp"

#include <ssmd/plugin.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::yaml {

struct Mark {
  uint32_t line = 0;   // 1-based
  uint32_t column = 0; // 1-based
};

class Node {
public:
  enum class Kind { Null, Scalar, Sequence, Map };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_scalar() const { return kind_ == Kind::Scalar; }
  bool is_sequence() const { return kind_ == Kind::Sequence; }
  bool is_map() const { return kind_ == Kind::Map; }
  // The scalar's text (empty for other kinds).
  const std::string &scalar() const { return scalar_; }
  // True when the scalar was written in quotes, so `"123"` is a string even though it looks like a number.
  bool quoted() const { return quoted_; }
  Mark mark() const { return mark_; }

  size_t size() const { return children_.size(); }
  const Node *at(size_t index) const { return index < children_.size() ? children_[index] : nullptr; }
  // Map access. Keys are kept in document order.
  const std::string &key_at(size_t index) const { return keys_[index].text; }
  Mark key_mark(size_t index) const { return keys_[index].mark; }
  const Node *get(std::string_view key) const;
  // The index of `key` in a map, or nullopt.
  std::optional<size_t> index_of(std::string_view key) const;

private:
  friend class Builder;
  friend class PieceParser;
  friend class SimpleParser;
  struct Key {
    std::string text;
    Mark mark;
  };
  Kind kind_ = Kind::Null;
  std::string scalar_;
  bool quoted_ = false;
  Mark mark_;
  std::vector<Key> keys_;            // maps only, parallel to children_
  std::vector<const Node *> children_; // owned by the Document (aliases share nodes)
  uint64_t weight_ = 1;               // nodes reachable through aliases, to bound expansion
};

struct ParseLimits {
  size_t max_bytes = kMaxRepositoryFileBytes; // files over 16 MiB are refused unread
  // Keys, values and list items, with aliases expanded: bounds memory (about 150 bytes a node) and time.
  // A 10,000-version feed holds about 250,000.
  uint64_t max_expanded_nodes = 1u << 19;
  size_t max_depth = 256; // nested collections; metadata files need fewer than ten
};

class Document {
public:
  // Parses `text`. On failure returns nullptr and appends diagnostics naming `file` with line and column.
  static std::unique_ptr<Document> parse(std::string file, std::string_view text, Diagnostics &out,
                                         const ParseLimits &limits = {});
  // The same, always through yaml-cpp. parse() first tries the simple parser (yaml/simple_parser.hpp), which
  // builds the same tree for plain block YAML; its tests compare the two with this.
  static std::unique_ptr<Document> parse_with_yaml_cpp(std::string file, std::string_view text, Diagnostics &out,
                                                       const ParseLimits &limits = {});

  const std::string &file() const { return file_; }
  const Node *root() const { return root_; }

  // The source position of a document path such as `versions[1].endpoint`: the node's own mark, or the
  // deepest existing ancestor's when part of the path is missing (so "missing field" lands on its parent).
  Mark locate(std::string_view path) const;

  // The node at a document path, or nullptr.
  const Node *find(std::string_view path) const;

  // The navigation table lent to plugins; `ssmd_node*` handles are `const Node*`.
  static const ssmd_doc_api *api();
  static const ssmd_node *handle(const Node *node) { return reinterpret_cast<const ssmd_node *>(node); }

private:
  friend class Builder;
  friend class PieceParser;
  friend class SimpleParser;
  std::string file_;
  std::vector<std::unique_ptr<Node>> nodes_;
  const Node *root_ = nullptr;
  // Keys, values and items with aliases expanded, as counted against `ParseLimits::max_expanded_nodes`.
  uint64_t expanded_nodes_ = 0;
  // Documents whose nodes this tree shares (yaml/piece_parser.hpp); empty for a parsed document.
  std::vector<std::shared_ptr<const Document>> pieces_;
};

// Reads a file and parses it; I/O failures, size and encoding problems become diagnostics.
std::unique_ptr<Document> load_file(const std::string &path, const std::string &display_name, Diagnostics &out,
                                    const ParseLimits &limits = {});

// Checks that `text` is valid UTF-8 without NUL bytes; on failure sets the 1-based line and column.
bool valid_utf8(std::string_view text, Mark &where, std::string &why);

} // namespace ssmd::yaml
