// The piece parser against `Document::parse` of the whole text: the same tree (kinds, keys, scalars,
// quoting, order) or the same failure, on ordinary metadata, on every construct that could leak across a
// cut, and on thousands of random mutations of a metadata file.
#include "yaml/piece_parser.hpp"

#include "yaml_tree_text.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace ssmd;
using namespace ssmd::yaml;
using namespace std::string_literals;

namespace {

std::string whole(const std::string &text, const ParseLimits &limits = {}) {
  Diagnostics ignored;
  auto doc = Document::parse_with_yaml_cpp("f.yaml", text, ignored, limits);
  if (!doc) return "<fails>";
  std::string out;
  ssmd::test::append_tree_text(doc->root(), out);
  return out;
}

std::string pieces(PieceParser &parser, const std::string &text) {
  auto doc = parser.parse("f.yaml", text);
  if (!doc) return "<fails>";
  std::string out;
  ssmd::test::append_tree_text(doc->root(), out);
  return out;
}

std::string schema(int versions, const std::string &last_status = "draft") {
  std::string out = "# a schema\nname: trade\nformat: capnp\nversions:\n";
  for (int v = 1; v <= versions; ++v)
    out += "  - version: v" + std::to_string(v) + "\n    effective_from: 2025-01-0" + std::to_string(1 + v % 9) +
           "\n    status: " + (v == versions ? last_status : "active") + "\n    file: trade.v" + std::to_string(v) +
           ".capnp\n";
  return out + "calendar:\n  timezone: UTC\n";
}

} // namespace

TEST(YamlPieceParser, AssemblesMetadataFromSharedPieces) {
  PieceParser parser;
  const std::string before = schema(40), after = schema(41);
  auto old_doc = parser.parse("s.yaml", before), new_doc = parser.parse("s.yaml", after);
  ASSERT_TRUE(old_doc && new_doc);
  EXPECT_EQ(parser.assembled(), 2u);
  EXPECT_EQ(parser.parsed_whole(), 0u);
  EXPECT_EQ(pieces(parser, after), whole(after));
  // The 39 versions the two texts share are the very same nodes; the 40th changed its status.
  const Node *old_versions = old_doc->root()->get("versions"), *new_versions = new_doc->root()->get("versions");
  for (size_t i = 0; i < 39; ++i) EXPECT_EQ(old_versions->at(i), new_versions->at(i)) << i;
  EXPECT_NE(old_versions->at(39), new_versions->at(39));
  EXPECT_EQ(old_doc->root()->get("name"), new_doc->root()->get("name"));
}

// Each text is a construct that a careless cut would read differently, or a failure the whole parse reports.
TEST(YamlPieceParser, SameTreeOrSameFailureAsTheWholeParse) {
  const std::vector<std::string> texts = {
      "name: a\n",
      "",
      "# only a comment\n",
      "name: a\nname: b\n",                               // duplicate keys in two pieces
      "a: &x 1\nb: *x\n",                                 // an alias of another piece's anchor
      "a: &x 1\nb: &x 2\nc: *x\n",                        // a redefined anchor
      "a:\n  - &x v\n  - *x\n",                           // an alias of another item's anchor
      "a: \"x\nb: y\"\n",                                 // a double-quoted value across a cut
      "a: 'x\nb: y'\n",                                   // a single-quoted value across a cut
      "a: 'it''s\n  b'\nc: d\n",
      "a: \"x\\\"\nb: y\"\n",                             // an escaped quote
      "a: [1,\nb: 2]\n",                                  // a flow list across a cut
      "a: {x: 1,\n  y: 2}\nb: 3\n",
      "a: \"open\n",                                      // a quote the end of the file closes
      "a: foo\n  bar\nb: baz\n",                          // a multi-line plain value
      "a: foo\nbar\n",                                    // a line at column 0 that is no key
      "a: |\n  one\n  two\n\nb: 1\n",                     // block scalars and their trailing lines
      "a: |+\n  one\n\n\nb: 1\n",
      "a: >-\n  one\n  two\nb: 1\n",
      "l:\n  - |+\n    x\n\n  - y\n",
      "l:\n  - note: |\n      text\n  # a comment\n  - y\n",
      "l:\n  - a\n# a comment at column 0\n  - b\n",
      "l:  # a comment\n\n  - a\n  -\n  - b: 1\n    c: [1, 2]\n",
      "l:\n  - a\n - b\n",                               // items at two indentations
      "l:\n  - a\n  -b\n",
      "l:\n  - a\n  b: 1\n",
      "l:\n    - a\n    - b\nm: 1\n",
      "l:\n  - a: 1\n    b:\n    - x\n    - y\n  - a: 2\n",
      "l:\n  - - x\n    - y\n  - - z\n",
      "l:\n  - a: 1\n    a: 2\n",                         // a duplicate key inside an item
      "l: []\n",
      "l: x\n  - a\n",
      "---\nname: a\n",                                   // document markers and directives
      "name: a\n...\n",
      "name: a\n---\nname: b\n",
      "%YAML 1.2\n---\nname: a\n",
      "- a\n- b\n",                                       // not a mapping
      "just text\n",
      "null: 1\nNull: 2\n",                               // keys that read as null
      "true: 1\nfalse: 2\n",
      "~: 1\n",
      "? a\n: b\n",
      "\"q\": 1\nb: 2\n",
      "name:\tx\n",                                       // tabs and carriage returns
      "name: a\r\nb: c\r\n",
      "a: 1\nb: \xff\n",                                  // invalid UTF-8 in one piece
      "a: 1\nb: x\0y\n"s,
      "k-1: 1\nk_2: 2\nK3: 3\n",
      "a:   \nb: 1\n",
      "a: !!str 1\nb: !custom x\n",
      "a: 1 # c\nb: 2 #c\n",
      "a: b: c\nd: 1\n",
      "versions:\n  - version: v1\n  - version: v1\n",
  };
  for (const auto &text : texts) {
    PieceParser parser;
    EXPECT_EQ(pieces(parser, text), whole(text)) << "text:\n" << text;
    // Once more with every piece remembered from the first time.
    EXPECT_EQ(pieces(parser, text), whole(text)) << "text (cached):\n" << text;
  }
}

// The limits count the whole file, not each piece: nodes over all pieces, and depth from the file's root.
TEST(YamlPieceParser, LimitsApplyToTheWholeFile) {
  ParseLimits limits;
  limits.max_expanded_nodes = 40;
  limits.max_depth = 4;
  PieceParser parser(limits);
  auto check = [&](const std::string &text) {
    EXPECT_EQ(pieces(parser, text), whole(text, limits)) << "text:\n" << text;
  };
  std::string many = "l:\n";
  for (int i = 0; i < 12; ++i) many += "  - a: " + std::to_string(i) + "\n";
  check(many);          // 2 + 12 x 3 = 38 nodes: within
  check(many + "b: 1\n"); // 40: at the limit
  check(many + "b: 1\nc: 2\n");
  check("l:\n  - a: {b: 1}\n");        // depth 4: root, list, item, map
  check("l:\n  - a: {b: [1]}\n");      // depth 5
  check("m: {a: {b: 1}}\n");
  check("m: {a: {b: {c: 1}}}\n");
  check("a: &a [x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n");
}

// Random edits of a metadata file, most of which break it in some way: the verdicts must agree on all.
TEST(YamlPieceParser, AgreesWithTheWholeParseOnRandomEdits) {
  const std::string base = "# feed\nname: kalshi\nstatus: active\nversions:\n  - version: v1\n    effective_from: "
                           "2025-01-01\n    endpoint: \"wss://a.example.com/ws\"\n    note: |\n      line one\n\n"
                           "  - version: v2\n    channels: [trade, ticker]\n    auth: {type: key}\n"
                           "keys:\n  main:\n    fields: [a, b]\n    source: env\ncalendar:\n  timezone: UTC\n";
  const std::string alphabet = " \n\n\n:-#'\"[]{},&*!|>?%.~\tab1";
  std::mt19937 random(20250701);
  PieceParser parser; // one parser throughout, so pieces are also found in its memory
  size_t assembled = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = base;
    int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % (text.size() + 1);
      switch (random() % 3) {
      case 0: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      case 1:
        if (at < text.size()) text.erase(at, 1);
        break;
      default: {
        // Move a line's indentation, the edit that most often changes structure.
        size_t line = text.rfind('\n', at == 0 ? 0 : at - 1);
        size_t start = line == std::string::npos ? 0 : line + 1;
        if (random() % 2) text.insert(start, " ");
        else if (start < text.size() && text[start] == ' ') text.erase(start, 1);
      }
      }
    }
    ASSERT_EQ(pieces(parser, text), whole(text)) << "round " << round << ", text:\n" << text;
    assembled = parser.assembled();
  }
  // A good share of the edited files are still cut into pieces (about 1,250 of the 4,000); the test
  // would prove little otherwise.
  EXPECT_GT(assembled, 1000u);
}
