// The simple parser against `Document::parse` (yaml-cpp): whenever it accepts a text, the whole parse
// succeeds with the same tree; it declines everything outside its subset. Checked on hand-picked texts at
// the subset's edges and on random metadata-like documents, edited at random.
#include "yaml/simple_parser.hpp"

#include "yaml_tree_text.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace ssmd;
using namespace ssmd::yaml;

namespace {

// The tree with every node's and key's position: the simple parser must put them where yaml-cpp does, since
// diagnostics point at them.
std::string tree(const Document *doc) {
  if (!doc) return "<fails>";
  std::string out;
  ssmd::test::append_tree_text(doc->root(), out, true);
  return out;
}

// Checks one text; returns whether the simple parser accepted it.
bool agrees(const std::string &text, const ParseLimits &limits = {}) {
  auto simple = SimpleParser::parse(text, limits);
  if (!simple) return false;
  Diagnostics diags;
  auto whole = Document::parse_with_yaml_cpp("f.yaml", text, diags, limits);
  EXPECT_EQ(tree(simple.get()), tree(whole.get())) << "text:\n" << text;
  EXPECT_EQ(simple->root()->kind(), whole ? whole->root()->kind() : Node::Kind::Null);
  return true;
}

std::string pick(std::mt19937 &random, const std::vector<std::string> &choices) { return choices[random() % choices.size()]; }

// A random document in (mostly) the simple subset: maps, lists of maps and of scalars, flow lists.
void generate(std::mt19937 &random, std::string &out, size_t indent, int depth) {
  static const std::vector<std::string> keys = {"name", "version", "status", "endpoint", "channels", "keys", "a",
                                                "b-c", "_x", "true", "on", "k9"};
  static const std::vector<std::string> scalars = {
      "v1", "2025-01-01", "wss://api.example.com/ws/v2", "true", "null", "Null", "10", "a b c", "x.y", "\"quoted\"",
      "'single'", "[a, b]", "[]", "a:b", "http://x:80/y", "\"a: b # c\"", "'['", "1.5", "/abs/path", "a=b+c@d",
      "[\"q\", 'r', null]", "\"\"", "[s0:v1, trade:v2]", "[a:b:c]", "[http://x:80/y, z]"};
  int keys_here = 1 + static_cast<int>(random() % 4);
  std::vector<std::string> used;
  for (int k = 0; k < keys_here; ++k) {
    std::string key = pick(random, keys);
    if (std::find(used.begin(), used.end(), key) != used.end()) continue;
    used.push_back(key);
    out += std::string(indent, ' ') + key + ":";
    int shape = depth >= 3 ? 0 : static_cast<int>(random() % 5);
    if (shape <= 1) {
      out += " " + pick(random, scalars) + "\n";
    } else if (shape == 2) {
      out += "\n";
      generate(random, out, indent + 2, depth + 1);
    } else if (shape == 3) {
      out += "\n";
      for (int i = 0, n = 1 + static_cast<int>(random() % 3); i < n; ++i) {
        std::string item;
        generate(random, item, indent + 4, depth + 1);
        item.replace(indent + 2, 2, "- "); // the first key moves onto the dash line
        out += item;
      }
    } else {
      out += random() % 2 ? "\n" : " # a comment\n";
      for (int i = 0, n = 1 + static_cast<int>(random() % 3); i < n; ++i)
        out += std::string(indent + 2, ' ') + "- " + pick(random, scalars) + "\n";
    }
    if (random() % 6 == 0) out += random() % 2 ? "\n" : std::string(indent, ' ') + "# between keys\n";
  }
}

} // namespace

TEST(YamlSimpleParser, PlacesAnEmptyValueWhereYamlCppDoes) {
  // At the next token, which may be on a later line past comments, or at the end of the text.
  for (const char *text : {"a:\nb: 1\n", "a:\n\n# c\n  # d\nb: 1\n", "l:\n  -\n  - x\n", "a: 1\nb:\n",
                           "l:\n  - x\n  -\n", "zz:\n  -\n"})
    EXPECT_TRUE(agrees(text)) << text;
  // At the end of a text that does not end right after the empty value's line, yaml-cpp's position varies
  // (the line's first column, or inside a comment): declined, for yaml-cpp to read.
  for (const char *text : {"a: 1\nb:", "a:\n\n\n", "a:\n# c", "l:\n  -", "zz:\n  -\n\n# c"})
    EXPECT_EQ(SimpleParser::parse(text), nullptr) << text;
}

TEST(YamlSimpleParser, ReadsMetadataLikeYamlCpp) {
  EXPECT_TRUE(agrees("name: kalshi\nstatus: active\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                     "    endpoint: \"wss://x/ws\"\n    channels: [trade, ticker]\n  - version: v2\ncalendar:\n"
                     "  timezone: America/New_York\n"));
  EXPECT_TRUE(agrees("keys:\n  main:\n    fields: [api_key]\n    source: env\n    required: true\n"));
  EXPECT_TRUE(agrees("a:\nb: null\nc: 'x'\nd: []\ne:\n  -\n  - ''\n"));
  EXPECT_TRUE(agrees("versions:  # newest last\n  - version: v1\n"));
}

TEST(YamlSimpleParser, DeclinesWhatItDoesNotKnow) {
  for (const std::string text :
       {"", "# only a comment\n", "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: |\n  text\n", "a: \"x\\ty\"\n", "a: 1 # c\n",
        "a: b: c\n", "a: x\n  y\n", "a:\n- x\n", "a: [x, [y]]\n", "a: 'it''s'\n", "a: \"open\n", "---\na: 1\n",
        "a:\tb\n", "a: b\r\n", "a: caf\xc3\xa9\n", "null: 1\n", "a: ~\n", "a: -1\n", "- - x\n", "a: [ ]\n", "a:  \n",
        "a:\n    b: 1\n  c: 2\n", "? a\n: b\n", "a: {b: 1}\n", "a: !t x\n", "a: x:\n"}) {
    EXPECT_EQ(SimpleParser::parse(text), nullptr) << "text:\n" << text;
  }
}

TEST(YamlSimpleParser, DeclinesWhatTheLimitsRefuse) {
  ParseLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(agrees("a:\n  b: 1\n", limits));
  EXPECT_EQ(SimpleParser::parse("a:\n  b:\n    c: 1\n", limits), nullptr);
  EXPECT_EQ(SimpleParser::parse("a:\n  b: [1]\n", limits), nullptr);
  limits = ParseLimits{};
  limits.max_expanded_nodes = 4;
  EXPECT_TRUE(agrees("a: 1\nb: 2\n", limits));
  EXPECT_EQ(SimpleParser::parse("a: 1\nb: [2]\n", limits), nullptr);
}

TEST(YamlSimpleParser, AgreesWithYamlCppOnRandomDocuments) {
  std::mt19937 random(17);
  const std::string alphabet = " \n:-#'\"[],&*!|>?%.~ab1";
  size_t accepted = 0, edited_accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    generate(random, text, 0, 0);
    // An empty value at the very end, which yaml-cpp places at the end of the text (the piece parser's
    // stand-ins end every piece so): with and without a final newline, after blank lines and comments.
    static const std::vector<std::string> endings = {"", "", "zz:\n", "zz:", "zz:\n\n", "zz:\n# c\n",
                                                     "zz:\n  -\n", "zz:\n  - a\n  -", "zz:\n  -\n\n# c"};
    if (round % 2) text += pick(random, endings);
    accepted += agrees(text);
    for (int e = 0, edits = 1 + static_cast<int>(random() % 3); e < edits; ++e) {
      size_t at = random() % (text.size() + 1);
      if (random() % 2) text.insert(at, 1, alphabet[random() % alphabet.size()]);
      else if (at < text.size()) text.erase(at, 1);
    }
    edited_accepted += agrees(text);
    if (HasFailure()) break;
  }
  // Every generated document is in the subset but those ending in the declined ways above, and a fair share
  // stay in it after an edit.
  EXPECT_GT(accepted, 2000u);
  EXPECT_GT(edited_accepted, 400u);
}

// Every YAML file of the checkout (the bundled exchanges, examples, test fixtures): where the simple parser
// accepts one, it builds yaml-cpp's tree with yaml-cpp's positions.
TEST(YamlSimpleParser, AgreesWithYamlCppOnEveryYamlFileOfTheCheckout) {
  const char *source = std::getenv("SSMD_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "run through ctest";
  size_t files = 0, accepted = 0;
  for (const char *dir : {"exchanges", "examples", "tests", "docs"}) {
    if (!std::filesystem::is_directory(std::filesystem::path(source) / dir)) continue;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(source) / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".yaml" || entry.file_size() > (1u << 20)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      ++files;
      accepted += agrees(text.str());
    }
  }
  EXPECT_GT(files, 20u);
  // Most of the checkout's files carry comments after values, which the subset leaves to yaml-cpp; the
  // generated repository of bench/validate is accepted whole (2,300 of 2,300 files).
  EXPECT_GT(accepted, 0u);
  std::cout << "simple parser: accepted " << accepted << " of " << files << " files\n";
}
