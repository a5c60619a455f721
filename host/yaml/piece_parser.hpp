// Parses many versions of the same few files, as `ssmd log` does walking a history: each text is cut at
// its top-level keys and at the items of a top-level block list, each distinct piece is parsed once and
// remembered, and a version's tree is assembled from its pieces. A schema with 1,000 versions whose
// history adds one version per commit then costs one small parse per commit instead of a whole file's,
// and two versions share the nodes of every piece they have in common, so comparing them skips those
// nodes by pointer.
//
// The tree holds the same kinds, keys, scalars, quoting and order as `Document::parse` of the whole text,
// and the result is null exactly when that parse fails. Only texts whose pieces cannot influence each
// other are cut: every line at column 0 must be a comment or a plain `key:`, with no tab, carriage return,
// document marker or directive, and every piece must parse on its own into exactly one key or one item;
// anything else (an alias of another piece's anchor, a quoted or flow value spanning a cut, a duplicate
// key, more nodes than the limits allow in total) is parsed whole, so its verdict is the whole parse's.
// Marks are relative to each piece: these trees serve comparisons, never diagnostics.
#pragma once

#include "yaml/document.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ssmd::yaml {

class PieceParser {
public:
  // `max_cached_bytes` bounds the text of the remembered pieces; past it the memory starts afresh.
  explicit PieceParser(ParseLimits limits = {}, size_t max_cached_bytes = size_t{32} << 20);

  // The tree of `text`, named `file`; null when `Document::parse(file, text)` fails.
  std::shared_ptr<const Document> parse(const std::string &file, std::string_view text);

  // How many texts were assembled from pieces and how many parsed whole (for tests and profiling).
  size_t assembled() const { return assembled_; }
  size_t parsed_whole() const { return parsed_whole_; }

  // What a piece is, and what follows it in the file: a piece is parsed with a stand-in for that next line,
  // because yaml-cpp reads a value that the end of the text cuts off differently from one that a line at
  // a lower indentation ends.
  enum class Place { KeyThenKey, KeyThenEnd, ItemThenItem, ItemThenKey, ItemThenEnd, Count };

  // One parsed piece: the key it defines (top-level pieces) and its value, or the list item.
  struct Piece {
    std::shared_ptr<const Document> doc; // null when the piece does not parse, on its own, in its place
    const Node *value = nullptr;
    std::string_view key; // the key's text, held by `doc`
    Mark key_mark;
    uint64_t nodes = 0; // what the piece adds to the file's count of expanded nodes
  };

private:
  // Looked up by `std::string_view`, so finding a piece copies nothing.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  using Cache = std::unordered_map<std::string, Piece, TextHash, std::equal_to<>>;

  // The piece `text` in `place`, parsed on first sight.
  const Piece &piece(std::string_view text, Place place);
  Piece parse_piece(std::string_view text, Place place) const;
  std::shared_ptr<const Document> whole(const std::string &file, std::string_view text);

  ParseLimits limits_;
  size_t max_cached_bytes_;
  size_t cached_bytes_ = 0;
  Cache caches_[static_cast<size_t>(Place::Count)];
  size_t assembled_ = 0;
  size_t parsed_whole_ = 0;
};

} // namespace ssmd::yaml
