#include "yaml/simple_parser.hpp"

#include <vector>

namespace ssmd::yaml {

namespace {

struct Line {
  uint32_t number = 0;      // 1-based
  size_t indent = 0;        // leading spaces
  std::string_view content; // the rest, not empty
};

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Where a plain scalar may start and what it may hold. No YAML indicator can begin one, and nothing in
// it can end it early or make it a key, a comment, an alias or a flow collection.
bool plain_start(char c) { return letter(c) || digit(c) || c == '.' || c == '/'; }
bool plain_char(char c, bool flow) {
  if (letter(c) || digit(c)) return true;
  switch (c) {
  case '.': case '/': case '-': case '@': case '+': case '=': return true;
  case ' ': case ':': case ',': return !flow;
  default: return false;
  }
}

bool null_word(std::string_view s) { return s == "null" || s == "Null" || s == "NULL"; }

// The length of a plain key (`name`, `max-count`) that `line` opens with `key:` followed by the end of
// the line or a space; 0 otherwise.
size_t key_length(std::string_view line) {
  if (line.empty() || !letter(line[0])) return 0;
  size_t i = 1;
  while (i < line.size() && (letter(line[i]) || digit(line[i]) || line[i] == '-')) ++i;
  if (i == line.size() || line[i] != ':' || (i + 1 < line.size() && line[i + 1] != ' ')) return 0;
  return null_word(line.substr(0, i)) ? 0 : i; // a key that reads as null is yaml-cpp's to judge
}

bool item_line(std::string_view content) { return content == "-" || content.starts_with("- "); }

} // namespace

class SimpleParser::Reader {
public:
  // `end` is where yaml-cpp marks the end of the text (line `number`, column 1), or number 0 when unknown.
  Reader(std::vector<std::unique_ptr<Node>> &nodes, const ParseLimits &limits, Line end)
      : nodes_(nodes), limits_(limits), end_(end) {}

  // The root, or null to decline.
  Node *run(std::vector<Line> lines) {
    lines_ = std::move(lines);
    if (lines_.empty()) return nullptr;
    Node *root = collection(0);
    if (!root || pos_ != lines_.size() || expanded_ > limits_.max_expanded_nodes) return nullptr;
    return root;
  }
  uint64_t expanded() const { return expanded_; }

private:
  Node *make(Node::Kind kind, const Line &line, size_t column) {
    nodes_.push_back(std::make_unique<Node>());
    Node *n = nodes_.back().get();
    n->kind_ = kind;
    n->mark_ = Mark{line.number, static_cast<uint32_t>(column + 1)};
    return n;
  }

  void attach(Node *parent, Node *child) {
    parent->children_.push_back(child);
    parent->weight_ += child->weight_;
    ++expanded_;
  }

  // A map or a list whose first line is the current one; `depth` counts the collections around it.
  Node *collection(size_t depth) {
    const Line &line = lines_[pos_];
    if (item_line(line.content)) return list(line.indent, depth);
    if (key_length(line.content)) return map(line.indent, depth, line.content);
    return nullptr;
  }

  // The value of `key:` or `-` with nothing after it: what the deeper lines below hold, or null. yaml-cpp
  // places an empty value at the token after it: the next line's first character (comments and blank lines
  // skipped), or after the last line the end of the text (see parse()).
  Node *nested(size_t indent, size_t depth) {
    if (pos_ == lines_.size()) return end_.number ? make(Node::Kind::Null, end_, 0) : nullptr;
    const Line &next = lines_[pos_];
    if (next.indent > indent) return collection(depth);
    return make(Node::Kind::Null, next, next.indent);
  }

  // A mapping at `indent`; `first` is its first line's content (for a list item, what follows "- ").
  Node *map(size_t indent, size_t depth, std::string_view first) {
    if (depth >= limits_.max_depth) return nullptr;
    const Line &opening = lines_[pos_];
    Node *node = make(Node::Kind::Map, opening, indent);
    std::string_view content = first;
    while (true) {
      const Line &line = lines_[pos_];
      size_t length = key_length(content);
      if (!length || node->keys_.size() >= 64) return nullptr;
      std::string_view key = content.substr(0, length);
      for (const auto &seen : node->keys_)
        if (seen.text == key) return nullptr; // a duplicate key, which yaml-cpp reports
      node->keys_.push_back(Node::Key{std::string(key), Mark{line.number, static_cast<uint32_t>(indent + 1)}});
      ++expanded_;
      std::string_view rest = content.substr(length + 1);
      size_t start = rest.find_first_not_of(' ');
      ++pos_;
      Node *value = nullptr;
      if (start == std::string_view::npos || rest[start] == '#') { // nothing, or a comment
        if (start == std::string_view::npos && !rest.empty()) return nullptr; // trailing spaces
        value = nested(indent, depth + 1);
      } else {
        value = scalar_or_flow(rest.substr(start), depth + 1, line, indent + length + 1 + start);
        if (pos_ < lines_.size() && lines_[pos_].indent > indent) return nullptr; // a value going on below
      }
      if (!value) return nullptr;
      attach(node, value);
      if (pos_ == lines_.size() || lines_[pos_].indent < indent) return node;
      if (lines_[pos_].indent > indent) return nullptr;
      content = lines_[pos_].content;
    }
  }

  // A block list at `indent`.
  Node *list(size_t indent, size_t depth) {
    if (depth >= limits_.max_depth) return nullptr;
    Node *node = make(Node::Kind::Sequence, lines_[pos_], indent);
    while (pos_ < lines_.size() && lines_[pos_].indent == indent) {
      const Line &line = lines_[pos_];
      if (!item_line(line.content)) return nullptr;
      Node *item = nullptr;
      if (line.content == "-") {
        ++pos_;
        item = nested(indent, depth + 1);
      } else {
        std::string_view rest = line.content.substr(2);
        if (rest.empty() || rest.starts_with(' ') || item_line(rest)) return nullptr;
        if (key_length(rest)) {
          item = map(indent + 2, depth + 1, rest);
        } else {
          ++pos_;
          item = scalar_or_flow(rest, depth + 1, line, indent + 2);
          if (pos_ < lines_.size() && lines_[pos_].indent > indent) return nullptr;
        }
      }
      if (!item) return nullptr;
      attach(node, item);
    }
    if (pos_ < lines_.size() && lines_[pos_].indent > indent) return nullptr;
    return node;
  }

  Node *scalar(std::string_view text, bool quoted, const Line &line, size_t column) {
    Node *n = make(!quoted && null_word(text) ? Node::Kind::Null : Node::Kind::Scalar, line, column);
    if (n->kind_ == Node::Kind::Scalar) n->scalar_ = std::string(text);
    n->quoted_ = quoted;
    return n;
  }

  // A quoted scalar with nothing to unescape, or a plain one; null when `text` is neither.
  Node *word(std::string_view text, bool flow, const Line &line, size_t column) {
    if (text.size() >= 2 && (text[0] == '"' || text[0] == '\'') && text.back() == text[0]) {
      std::string_view inner = text.substr(1, text.size() - 2);
      if (inner.find(text[0]) != std::string_view::npos || inner.find('\\') != std::string_view::npos) return nullptr;
      if (flow && inner.find(',') != std::string_view::npos) return nullptr;
      return scalar(inner, true, line, column);
    }
    if (text.empty() || !plain_start(text[0]) || text.back() == ':' || text.back() == ' ') return nullptr;
    for (size_t i = 0; i < text.size(); ++i) {
      // In a flow list a colon may sit inside a word (`s0:v1`), never at its end (where it would make a key).
      if (flow && text[i] == ':' && i + 1 < text.size()) continue;
      if (!plain_char(text[i], flow)) return nullptr;
    }
    if (!flow && text.find(": ") != std::string_view::npos) return nullptr;
    return scalar(text, false, line, column);
  }

  Node *scalar_or_flow(std::string_view text, size_t depth, const Line &line, size_t column) {
    if (text.empty()) return nullptr;
    if (text[0] != '[') return word(text, false, line, column);
    // A one-line flow list of words: `[a, b]`, `[]`.
    if (depth >= limits_.max_depth || text.back() != ']') return nullptr;
    Node *node = make(Node::Kind::Sequence, line, column);
    std::string_view inner = text.substr(1, text.size() - 2);
    if (inner.find_first_not_of(' ') == std::string_view::npos) return inner.empty() ? node : nullptr;
    size_t at = 0;
    while (true) {
      size_t comma = inner.find(',', at);
      std::string_view part = inner.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
      size_t begin = part.find_first_not_of(' ');
      if (begin == std::string_view::npos) return nullptr; // `[a, ]`, `[, a]`
      size_t end = part.find_last_not_of(' ');
      Node *item = word(part.substr(begin, end - begin + 1), true, line, column + 1 + at + begin);
      if (!item) return nullptr;
      attach(node, item);
      if (comma == std::string_view::npos) return node;
      at = comma + 1;
    }
  }

  std::vector<std::unique_ptr<Node>> &nodes_;
  const ParseLimits &limits_;
  std::vector<Line> lines_;
  Line end_;
  size_t pos_ = 0;
  uint64_t expanded_ = 0;
};

std::unique_ptr<Document> SimpleParser::parse(std::string_view text, const ParseLimits &limits) {
  if (text.size() > limits.max_bytes) return nullptr;
  std::vector<Line> lines;
  uint32_t number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    for (char c : line)
      if (c < 0x20 || c > 0x7e) return nullptr; // tabs, carriage returns, control bytes, non-ASCII
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#') continue; // blank, or a comment
    lines.push_back({number, indent, line.substr(indent)});
  }
  // Where yaml-cpp marks the end of the text, for an empty value on the last line: the start of the line after
  // it. Only a text that ends right after that line's newline is read; after blank lines, a comment or
  // without the newline yaml-cpp's choice varies, and the text is declined (number 0).
  Line end;
  if (!text.empty() && text.back() == '\n' && !lines.empty() && lines.back().number == number) end.number = number + 1;
  auto doc = std::make_unique<Document>();
  Reader reader(doc->nodes_, limits, end);
  Node *root = reader.run(std::move(lines));
  if (!root) return nullptr;
  doc->root_ = root;
  doc->expanded_nodes_ = reader.expanded();
  return doc;
}

} // namespace ssmd::yaml
