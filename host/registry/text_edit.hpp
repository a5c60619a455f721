// Minimal edits of YAML text. The YAML model records where every node starts (line and byte column);
// from there this finds the exact bytes of a scalar value or the place for a new sequence item, so an
// edit changes only what it must and comments, key order and formatting elsewhere survive byte for byte.
#pragma once

#include "yaml/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::registry {

struct TextEdit {
  size_t begin = 0; // byte offset
  size_t end = 0;   // exclusive; equal to begin for an insertion
  std::string replacement;
};

// Applies non-overlapping edits (in any order) and returns the new text.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits);

class SourceText {
public:
  explicit SourceText(std::string_view text);

  std::string_view text() const { return text_; }
  // The byte offset of a mark (1-based line, 1-based byte column).
  size_t offset(yaml::Mark mark) const;
  // 1-based line -> offset of its first byte; one past the last line gives the text's size.
  size_t line_begin(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  std::string_view line(uint32_t line) const;

  // Whether a collection node is written in flow style (`[...]` or `{...}`).
  bool is_flow(const yaml::Node *collection) const;

  // The bytes of a one-line scalar value (plain, 'single' or "double" quoted, quotes included).
  // `in_flow` says whether the scalar sits inside `[...]` or `{...}`. Throws DomainError when the value
  // cannot be replaced in place (a block scalar, a value spanning lines, a null).
  TextEdit scalar_span(const yaml::Node *scalar, bool in_flow) const;

  // For a block sequence: the 0-based column of its dashes and of the keys of its mapping items.
  size_t dash_column(const yaml::Node *sequence) const;
  size_t key_column(const yaml::Node *sequence) const;
  // Where a new item goes before item `index` (above any comment lines written directly on top of it),
  // and after the sequence's last item (after its last line that is indented deeper than the dash).
  size_t before_item(const yaml::Node *sequence, size_t index) const;
  size_t after_last_item(const yaml::Node *sequence) const;
  // The offset just after the line holding `mark`.
  size_t after_line_of(yaml::Mark mark) const;

private:
  // The 1-based line holding the dash of item `index`.
  uint32_t dash_line(const yaml::Node *sequence, size_t index) const;
  size_t indent_of(uint32_t line) const;
  bool blank(uint32_t line) const;
  bool comment(uint32_t line) const;
  std::string_view text_;
  std::vector<size_t> starts_; // offset of each line's first byte
};

} // namespace ssmd::registry

namespace ssmd::registry {

// Replaces the one-line scalar at document path `path` (`versions[1].status`) with `yaml_text`, leaving
// every other byte of `text` as it was. Throws DomainError when there is no such scalar or it cannot be
// edited in place.
std::string replace_scalar(std::string_view text, const yaml::Document &doc, const std::string &path,
                           const std::string &yaml_text);

// Edits are made on text by rules about lines and indentation. These parse the result again and throw
// DomainError naming `file` unless the edit did what it meant, so a layout the rules misjudge (a quoted value
// continued on a less indented line swallows an inserted block) is refused rather than written wrongly.
std::unique_ptr<yaml::Document> reparse_edited(const std::string &file, const std::string &text);
// The list at `list_path` grew from `old_size` items by one whose `key` is `value`.
void verify_item_added(const std::string &file, const std::string &text, const std::string &list_path,
                       size_t old_size, const std::string &key, const std::string &value);

} // namespace ssmd::registry
