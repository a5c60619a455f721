#include "yaml/document.hpp"

#include "yaml/simple_parser.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <sys/stat.h>

namespace ssmd::yaml {

const Node *Node::get(std::string_view key) const {
  auto index = index_of(key);
  return index ? children_[*index] : nullptr;
}

std::optional<size_t> Node::index_of(std::string_view key) const {
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i].text == key) return i;
  return std::nullopt;
}

namespace {
Mark to_mark(const YAML::Mark &m) {
  return Mark{static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
}

// Stops the event parser: yaml-cpp offers no other way out of a callback.
struct Abort {
  Diagnostic diagnostic;
};
} // namespace

// Builds the tree from parser events.
class Builder : public YAML::EventHandler {
public:
  Builder(Document &doc, std::string_view text, const ParseLimits &limits) : doc_(doc), text_(text), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    Node *n = make(Node::Kind::Null, mark, anchor);
    add(n, mark);
  }
  void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(mark, "yaml/alias", "alias refers to an unknown anchor");
    aliases_used_ = true;
    attach(it->second, mark, true);
  }
  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    if (tag == "!") require_closed_quote(mark);
    Node *n = make(Node::Kind::Scalar, mark, anchor);
    n->scalar_ = value;
    n->quoted_ = tag == "!";
    add(n, mark);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(Node::Kind::Sequence, mark, anchor), mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(Node::Kind::Map, mark, anchor), mark);
  }
  void OnMapEnd() override { close(); }

  const Node *root() const { return root_; }
  uint64_t expanded_nodes() const { return total_weight_; }

private:
  struct Frame {
    Node *node;
    bool expecting_key = true; // maps alternate key, value
    std::string pending_key;
    Mark pending_mark;
    // Keys seen so far -> their line, so duplicates are found in constant time: a linear search made a
    // file of a million keys (15 MB) take hours.
    std::unordered_map<std::string, uint32_t> seen_keys;
  };

  Node *make(Node::Kind kind, const YAML::Mark &mark, YAML::anchor_t anchor) {
    doc_.nodes_.push_back(std::make_unique<Node>());
    Node *n = doc_.nodes_.back().get();
    n->kind_ = kind;
    n->mark_ = to_mark(mark);
    if (anchor) pending_anchor_.emplace_back(anchor, n);
    return n;
  }

  void open(Node *n, const YAML::Mark &mark) {
    // yaml-cpp stops at 500 levels itself, but names the place its scanner has reached, which for flow
    // collections is the end of the line; checking here names the bracket that goes too deep.
    if (stack_.size() >= limits_.max_depth)
      fail(mark, "yaml/too-deep", "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels");
    stack_.push_back(Frame{n, true, {}, {}, {}});
  }

  void close() {
    Node *n = stack_.back().node;
    stack_.pop_back();
    register_anchor(n);
    YAML::Mark m;
    m.line = static_cast<int>(n->mark_.line) - 1;
    m.column = static_cast<int>(n->mark_.column) - 1;
    attach(n, m);
  }

  // A finished scalar or null.
  void add(const Node *n, const YAML::Mark &mark) {
    register_anchor(n);
    attach(n, mark);
  }

  void register_anchor(const Node *n) {
    for (auto it = pending_anchor_.begin(); it != pending_anchor_.end(); ++it)
      if (it->second == n) {
        anchors_[it->first] = n;
        pending_anchor_.erase(it);
        return;
      }
  }

  // Hangs a finished node under the open collection. `alias` says that `n` is a copy of an anchored node,
  // which costs its whole expansion; a fresh node costs one, its children having been counted already.
  void attach(const Node *n, const YAML::Mark &mark, bool alias = false) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame &f = stack_.back();
    Node *parent = f.node;
    if (parent->kind_ == Node::Kind::Map && f.expecting_key) {
      if (n->kind_ != Node::Kind::Scalar && n->kind_ != Node::Kind::Null)
        fail(mark, "yaml/complex-key", "mapping keys must be plain strings");
      count_nodes(1, mark); // a key costs a node too: a million short keys must not pass the bound
      f.pending_key = n->scalar_;
      f.pending_mark = to_mark(mark);
      if (auto [first, fresh] = f.seen_keys.emplace(f.pending_key, f.pending_mark.line); !fresh)
        fail(mark, "yaml/duplicate-key",
             "duplicate key '" + f.pending_key + "' (first defined at line " + std::to_string(first->second) + ")");
      f.expecting_key = false;
      return;
    }
    parent->weight_ += n->weight_;
    count_nodes(alias ? n->weight_ : 1, mark);
    if (parent->kind_ == Node::Kind::Map) {
      parent->keys_.push_back(Node::Key{f.pending_key, f.pending_mark});
      f.expecting_key = true;
    }
    parent->children_.push_back(n);
  }

  // yaml-cpp 0.7 accepts a quoted scalar that the end of the file closes when a line break precedes it, so
  // `name: "dev` + newline + `feed: x` + newline at the end of a file reads as one name. Found by
  // fuzz_registry_edit: a line appended by a writing command then became part of that value.
  void require_closed_quote(const YAML::Mark &mark) {
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
    const char quote = text_[static_cast<size_t>(mark.pos)];
    if (quote != '"' && quote != '\'') return; // a block scalar
    for (size_t i = static_cast<size_t>(mark.pos) + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') ++i;
      else if (text_[i] == quote && quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') ++i;
      else if (text_[i] == quote) return;
    }
    fail(mark, "yaml/syntax", std::string("the quoted value opened here is not closed: it runs to the end of the file"));
  }

  // Counts nodes as the document would hold them with every alias expanded, and stops at the bound.
  void count_nodes(uint64_t weight, const YAML::Mark &mark) {
    total_weight_ += weight;
    if (total_weight_ <= limits_.max_expanded_nodes) return;
    const std::string limit = std::to_string(limits_.max_expanded_nodes);
    if (aliases_used_)
      fail(mark, "yaml/alias-bomb", "document expands to more than " + limit + " nodes through aliases; refusing to expand it");
    fail(mark, "yaml/too-many-nodes", "document holds more than " + limit + " keys, values and list items; refusing to read further");
  }

  [[noreturn]] void fail(const YAML::Mark &mark, std::string rule, std::string message) {
    Mark m = to_mark(mark);
    throw Abort{Diagnostic{doc_.file_, m.line, m.column, Severity::Error, std::move(rule), std::move(message)}};
  }

  Document &doc_;
  std::string_view text_;
  const ParseLimits &limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, const Node *> anchors_;
  std::vector<std::pair<YAML::anchor_t, const Node *>> pending_anchor_;
  const Node *root_ = nullptr;
  uint64_t total_weight_ = 0;
  bool aliases_used_ = false;
};

bool valid_utf8(std::string_view text, Mark &where, std::string &why) {
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2; // overlong
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0); // overlong, surrogates
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90) && c <= 0xF4;
    }
    if (!ok || c == 0) {
      where = Mark{line, column};
      why = c == 0 ? "NUL byte in text file" : "invalid UTF-8 byte sequence";
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return true;
}

std::unique_ptr<Document> Document::parse(std::string file, std::string_view text, Diagnostics &out,
                                          const ParseLimits &limits) {
  // Most metadata is plain block YAML, which the simple parser reads about fifty times faster than yaml-cpp,
  // into the same tree with the same positions (tests/unit/yaml/simple_parser_test.cpp proves both against
  // yaml-cpp); it declines everything else, errors included, and yaml-cpp reads that.
  if (auto simple = SimpleParser::parse(text, limits)) {
    simple->file_ = std::move(file);
    return simple;
  }
  return parse_with_yaml_cpp(std::move(file), text, out, limits);
}

std::unique_ptr<Document> Document::parse_with_yaml_cpp(std::string file, std::string_view text, Diagnostics &out,
                                                        const ParseLimits &limits) {
  auto error = [&](Mark m, std::string rule, std::string message) {
    out.push_back(Diagnostic{file, m.line, m.column, Severity::Error, std::move(rule), std::move(message)});
    return nullptr;
  };
  if (text.size() > limits.max_bytes)
    return error({1, 1}, "yaml/too-large",
                 "file is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(limits.max_bytes));
  Mark where;
  std::string why;
  if (!valid_utf8(text, where, why)) return error(where, "yaml/encoding", why);

  auto doc = std::unique_ptr<Document>(new Document());
  doc->file_ = file;
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    Builder builder(*doc, text, limits);
    if (!parser.HandleNextDocument(builder) || !builder.root())
      return error({1, 1}, "yaml/empty", "file is empty; expected a YAML mapping");
    doc->root_ = builder.root();
    doc->expanded_nodes_ = builder.expanded_nodes();
    Builder extra(*doc, text, limits);
    if (parser.HandleNextDocument(extra))
      return error({1, 1}, "yaml/multiple-documents", "file holds more than one YAML document; expected one");
  } catch (const Abort &abort) {
    out.push_back(abort.diagnostic);
    return nullptr;
  } catch (const YAML::DeepRecursion &e) {
    return error(Mark{static_cast<uint32_t>(e.mark.line + 1), static_cast<uint32_t>(e.mark.column + 1)},
                 "yaml/too-deep", "nesting is deeper than " + std::to_string(e.depth()) + " levels");
  } catch (const YAML::Exception &e) {
    Mark m = e.mark.is_null() ? Mark{1, 1}
                              : Mark{static_cast<uint32_t>(e.mark.line + 1), static_cast<uint32_t>(e.mark.column + 1)};
    return error(m, "yaml/syntax", e.msg);
  }
  return doc;
}

namespace {
// Splits `versions[1].endpoint` into steps: key "versions", index 1, key "endpoint".
struct Step {
  std::string key;
  std::optional<size_t> index;
};

std::vector<Step> split_path(std::string_view path) {
  std::vector<Step> steps;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      size_t end = path.find(']', i);
      if (end == std::string_view::npos) break;
      size_t value = 0;
      std::from_chars(path.data() + i + 1, path.data() + end, value);
      steps.push_back(Step{{}, value});
      i = end + 1;
      continue;
    }
    size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    steps.push_back(Step{std::string(path.substr(i, end - i)), std::nullopt});
    i = end;
  }
  return steps;
}
} // namespace

Mark Document::locate(std::string_view path) const {
  const Node *node = root_;
  if (!node) return Mark{1, 1};
  Mark mark = node->mark();
  for (const Step &step : split_path(path)) {
    if (step.index) {
      const Node *next = node->is_sequence() || node->is_map() ? node->at(*step.index) : nullptr;
      if (!next) break;
      node = next;
      mark = node->mark();
    } else {
      auto index = node->is_map() ? node->index_of(step.key) : std::nullopt;
      if (!index) break;
      node = node->at(*index);
      mark = node->mark();
    }
  }
  return mark.line ? mark : Mark{1, 1};
}

const Node *Document::find(std::string_view path) const {
  const Node *node = root_;
  for (const Step &step : split_path(path)) {
    if (!node) return nullptr;
    node = step.index ? node->at(*step.index) : node->is_map() ? node->get(step.key) : nullptr;
  }
  return node;
}

namespace {
const Node *from(const ssmd_node *n) { return reinterpret_cast<const Node *>(n); }

ssmd_node_kind api_kind(const ssmd_node *n) {
  if (!n) return SSMD_NODE_ABSENT;
  switch (from(n)->kind()) {
  case Node::Kind::Null: return SSMD_NODE_NULL;
  case Node::Kind::Scalar: return SSMD_NODE_SCALAR;
  case Node::Kind::Sequence: return SSMD_NODE_SEQUENCE;
  case Node::Kind::Map: return SSMD_NODE_MAP;
  }
  return SSMD_NODE_ABSENT;
}
ssmd_str api_scalar(const ssmd_node *n) {
  if (!n || !from(n)->is_scalar()) return ssmd_str{"", 0};
  const std::string &s = from(n)->scalar();
  return ssmd_str{s.data(), s.size()};
}
size_t api_size(const ssmd_node *n) { return n ? from(n)->size() : 0; }
const ssmd_node *api_at(const ssmd_node *n, size_t i) { return n ? Document::handle(from(n)->at(i)) : nullptr; }
ssmd_str api_key_at(const ssmd_node *n, size_t i) {
  if (!n || !from(n)->is_map() || i >= from(n)->size()) return ssmd_str{"", 0};
  const std::string &s = from(n)->key_at(i);
  return ssmd_str{s.data(), s.size()};
}
const ssmd_node *api_get(const ssmd_node *n, ssmd_str key) {
  if (!n || !from(n)->is_map()) return nullptr;
  return Document::handle(from(n)->get(std::string_view(key.data ? key.data : "", key.size)));
}
} // namespace

const ssmd_doc_api *Document::api() {
  static const ssmd_doc_api table{sizeof(ssmd_doc_api), api_kind, api_scalar, api_size, api_at, api_key_at, api_get, {}};
  return &table;
}

std::unique_ptr<Document> load_file(const std::string &path, const std::string &display_name, Diagnostics &out,
                                    const ParseLimits &limits) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    out.push_back(Diagnostic{display_name, 1, 1, Severity::Error, "io/read", "cannot read file: not found"});
    return nullptr;
  }
  if (static_cast<uint64_t>(st.st_size) > limits.max_bytes) {
    out.push_back(Diagnostic{display_name, 1, 1, Severity::Error, "yaml/too-large",
                             "file is " + std::to_string(st.st_size) + " bytes; the limit is " +
                                 std::to_string(limits.max_bytes)});
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.push_back(Diagnostic{display_name, 1, 1, Severity::Error, "io/read", "cannot open file"});
    return nullptr;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Document::parse(display_name, text, out, limits);
}

} // namespace ssmd::yaml
