#include "yaml/piece_parser.hpp"

#include "yaml/simple_parser.hpp"

#include <unordered_set>
#include <vector>

namespace ssmd::yaml {

namespace {

struct Line {
  std::string_view text; // without its newline
  size_t start = 0;      // where it starts in the whole text
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(start, end - start), start});
    start = end + 1;
  }
  return lines;
}

// Blank, or a comment: lines that end no value and start none, wherever they stand.
bool neutral(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  return i == std::string_view::npos || line[i] == '#';
}

size_t indent_of(std::string_view line) { return line.find_first_not_of(' '); }

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool key_char(char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-'; }

// The position of the colon when `line` is a plain key at column 0 (`name:` then a space or the end of
// the line), which ends whatever value the lines above it held; 0 otherwise.
size_t key_colon(std::string_view line) {
  if (line.empty() || !letter(line[0])) return 0;
  size_t i = 1;
  while (i < line.size() && key_char(line[i])) ++i;
  if (i == line.size() || line[i] != ':') return 0;
  return i + 1 == line.size() || line[i + 1] == ' ' ? i : 0;
}

// `- ` (or a lone `-`) at exactly `indent`: the first line of a block-list item.
bool item_line(std::string_view line, size_t indent) {
  return line.size() > indent && line[indent] == '-' && (line.size() == indent + 1 || line[indent + 1] == ' ') &&
         indent_of(line) == indent;
}

// When the top-level key on line `key` (colon at `colon`) holds a block list that can be cut into items,
// the lines that start its items; empty otherwise. The key line must hold nothing after the colon but a
// comment, the first other line that is not blank or a comment must open an item at some indentation
// I >= 1, and every later such line up to `end` must be indented deeper than I or open an item at I.
std::vector<size_t> item_starts(const std::vector<Line> &lines, size_t key, size_t end, size_t colon) {
  std::string_view rest = lines[key].text.substr(colon + 1);
  size_t first = rest.find_first_not_of(' ');
  if (first != std::string_view::npos && (first == 0 || rest[first] != '#')) return {};
  std::vector<size_t> starts;
  size_t indent = 0;
  for (size_t i = key + 1; i < end; ++i) {
    std::string_view line = lines[i].text;
    if (neutral(line)) continue;
    if (starts.empty()) {
      indent = indent_of(line);
      if (!item_line(line, indent)) return {};
      starts.push_back(i);
      continue;
    }
    size_t at = indent_of(line);
    if (at > indent) continue;
    if (at < indent || !item_line(line, indent)) return {};
    starts.push_back(i);
  }
  return starts;
}

} // namespace

// Stand-ins for the line that follows a piece, a key at column 0 or an item at the piece's indentation; a
// piece whose key is the stand-in's clashes with it and is parsed whole instead.
constexpr std::string_view kNextKey = "ssmd-piece-end:\n";
// An item is parsed as the value of a key, as it stands in the file: one level deep, in a block list.
constexpr std::string_view kItemParent = "l:\n";

PieceParser::PieceParser(ParseLimits limits, size_t max_cached_bytes) : limits_(limits), max_cached_bytes_(max_cached_bytes) {}

const PieceParser::Piece &PieceParser::piece(std::string_view text, Place place) {
  Cache &cache = caches_[static_cast<size_t>(place)];
  if (auto it = cache.find(text); it != cache.end()) return it->second;
  cached_bytes_ += text.size();
  return cache.emplace(std::string(text), parse_piece(text, place)).first->second;
}

PieceParser::Piece PieceParser::parse_piece(std::string_view text, Place place) const {
  const bool item = place == Place::ItemThenItem || place == Place::ItemThenKey || place == Place::ItemThenEnd;
  std::string wrapped;
  uint64_t stand_in_nodes = 0; // what the stand-ins add: a key and its value, the list, an empty item
  if (item) {
    wrapped = kItemParent;
    stand_in_nodes = 2;
  }
  wrapped += text;
  if (place == Place::KeyThenKey || place == Place::ItemThenKey) {
    wrapped += kNextKey;
    stand_in_nodes += 2;
  } else if (place == Place::ItemThenItem) {
    wrapped += std::string(indent_of(text), ' ') + "-\n";
    stand_in_nodes += 1;
  }
  Piece piece;
  std::shared_ptr<const Document> doc = SimpleParser::parse(wrapped, limits_);
  if (!doc) {
    Diagnostics ignored;
    doc = Document::parse(std::string(), wrapped, ignored, limits_);
  }
  const Node *map = doc ? doc->root() : nullptr;
  const size_t next_key = place == Place::KeyThenKey || place == Place::ItemThenKey ? 1 : 0;
  if (!map || !map->is_map() || map->size() != 1 + next_key) return piece;
  if (next_key && (map->key_at(1) != kNextKey.substr(0, kNextKey.size() - 2) || !map->at(1)->is_null())) return piece;
  const Node *value = map->at(0);
  if (item) {
    const size_t next_item = place == Place::ItemThenItem ? 1 : 0;
    if (map->key_at(0) != "l" || !value->is_sequence() || value->size() != 1 + next_item) return piece;
    if (next_item && !value->at(1)->is_null()) return piece;
    value = value->at(0);
  } else {
    piece.key = map->key_at(0);
    piece.key_mark = map->key_mark(0);
  }
  piece.value = value;
  piece.nodes = doc->expanded_nodes_ - stand_in_nodes;
  piece.doc = std::move(doc);
  return piece;
}

std::shared_ptr<const Document> PieceParser::whole(const std::string &file, std::string_view text) {
  ++parsed_whole_;
  Diagnostics ignored;
  return Document::parse(file, text, ignored, limits_);
}

std::shared_ptr<const Document> PieceParser::parse(const std::string &file, std::string_view text) {
  // Tabs and carriage returns would make the column-0 test below wrong; such files are rare, so they are
  // simply parsed whole.
  if (text.size() > limits_.max_bytes || text.find_first_of("\t\r") != std::string_view::npos) return whole(file, text);
  const std::vector<Line> lines = split_lines(text);
  std::vector<size_t> tops; // the lines that open a top-level key
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i].text;
    if (line.empty() || line[0] == ' ' || line[0] == '#') continue;
    if (!key_colon(line)) return whole(file, text); // `---`, `%YAML`, `? key`, `- item`, `"key":`, ...
    tops.push_back(i);
  }
  if (tops.empty()) return whole(file, text);
  // Forgetting happens only here, so the pieces found below stay put until this text is assembled.
  if (cached_bytes_ > max_cached_bytes_) {
    for (auto &cache : caches_) cache.clear();
    cached_bytes_ = 0;
  }

  auto doc = std::make_shared<Document>();
  doc->file_ = file;
  auto root = std::make_unique<Node>();
  root->kind_ = Node::Kind::Map;
  root->mark_ = Mark{1, 1};
  std::unordered_set<std::string_view> keys;
  uint64_t total = 0;
  auto add_key = [&](const Piece &piece, const Node *value) {
    if (!keys.insert(piece.key).second) return false; // a duplicate key, which the whole parse reports
    root->keys_.push_back(Node::Key{std::string(piece.key), piece.key_mark});
    root->children_.push_back(value);
    root->weight_ += value->weight_;
    doc->pieces_.push_back(piece.doc);
    return true;
  };

  for (size_t k = 0; k < tops.size(); ++k) {
    const bool last = k + 1 == tops.size();
    const size_t first_line = tops[k], end_line = last ? lines.size() : tops[k + 1];
    const size_t begin = k == 0 ? 0 : lines[first_line].start, end = last ? text.size() : lines[end_line].start;
    const std::vector<size_t> starts = item_starts(lines, first_line, end_line, key_colon(lines[first_line].text));
    if (starts.empty()) {
      const Piece &piece = this->piece(text.substr(begin, end - begin), last ? Place::KeyThenEnd : Place::KeyThenKey);
      if (!piece.doc || !add_key(piece, piece.value)) return whole(file, text);
      total += piece.nodes;
      continue;
    }
    // The key line, with any comments before the first item, reads as `key: null` on its own (the list
    // begins on the next line, whatever follows); the list node is made here, each item comes from its
    // own piece.
    const Piece &header = this->piece(text.substr(begin, lines[starts[0]].start - begin), Place::KeyThenEnd);
    if (!header.doc || !header.value->is_null()) return whole(file, text);
    auto list = std::make_unique<Node>();
    list->kind_ = Node::Kind::Sequence;
    total += header.nodes; // the key and, in the file, the list where the piece has a null
    for (size_t j = 0; j < starts.size(); ++j) {
      const bool last_item = j + 1 == starts.size();
      const size_t from = lines[starts[j]].start, to = last_item ? end : lines[starts[j + 1]].start;
      const Place place = !last_item ? Place::ItemThenItem : last ? Place::ItemThenEnd : Place::ItemThenKey;
      const Piece &item = this->piece(text.substr(from, to - from), place);
      if (!item.doc) return whole(file, text);
      if (j == 0) list->mark_ = item.value->mark();
      list->children_.push_back(item.value);
      list->weight_ += item.value->weight_;
      total += item.nodes;
      doc->pieces_.push_back(item.doc);
    }
    if (!add_key(header, list.get())) return whole(file, text);
    doc->nodes_.push_back(std::move(list));
  }
  // The limit the whole parse would have met: every key, value and item counted once, as its piece did.
  if (total > limits_.max_expanded_nodes) return whole(file, text);
  doc->expanded_nodes_ = total;
  doc->root_ = root.get();
  doc->nodes_.push_back(std::move(root));
  ++assembled_;
  return doc;
}

} // namespace ssmd::yaml
