#include "yaml/document.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace ssmd;
using namespace ssmd::yaml;

namespace {
std::unique_ptr<Document> parse_ok(const std::string &text) {
  Diagnostics diags;
  auto doc = Document::parse("f.yaml", text, diags);
  EXPECT_TRUE(diags.empty()) << (diags.empty() ? "" : format_diagnostic(diags[0]));
  return doc;
}

Diagnostic parse_error(const std::string &text) {
  Diagnostics diags;
  auto doc = Document::parse("f.yaml", text, diags);
  EXPECT_EQ(doc, nullptr);
  EXPECT_EQ(diags.size(), 1u);
  return diags.empty() ? Diagnostic{} : diags[0];
}
} // namespace

TEST(YamlDocument, KeepsOrderMarksAndQuoting) {
  auto doc = parse_ok("name: kalshi\n# comment\nversions:\n  - version: v2\n    endpoint: \"wss://x\"\n    limit: 10\n");
  const Node *root = doc->root();
  ASSERT_TRUE(root->is_map());
  EXPECT_EQ(root->key_at(0), "name");
  EXPECT_EQ(root->key_at(1), "versions");
  const Node *endpoint = doc->find("versions[0].endpoint");
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->scalar(), "wss://x");
  EXPECT_TRUE(endpoint->quoted());
  EXPECT_FALSE(doc->find("versions[0].limit")->quoted());
  EXPECT_EQ(endpoint->mark().line, 5u);
  EXPECT_EQ(endpoint->mark().column, 15u);
}

TEST(YamlDocument, LocateFallsBackToDeepestExistingNode) {
  auto doc = parse_ok("versions:\n  - version: v1\n  - version: v2\n    endpoint: x\n");
  EXPECT_EQ(doc->locate("versions[1].endpoint").line, 4u);
  Mark missing = doc->locate("versions[1].protocol");
  EXPECT_EQ(missing.line, 3u); // the item that lacks the key
  EXPECT_EQ(doc->locate("").line, 1u);
}

TEST(YamlDocument, DuplicateKeyIsAnErrorAtTheSecondKey) {
  Diagnostic d = parse_error("name: a\ntype: rest\nname: b\n");
  EXPECT_EQ(d.rule, "yaml/duplicate-key");
  EXPECT_EQ(d.line, 3u);
  EXPECT_EQ(d.column, 1u);
  EXPECT_NE(d.message.find("line 1"), std::string::npos);
}

TEST(YamlDocument, SyntaxErrorHasOneBasedPosition) {
  Diagnostic d = parse_error("name: a\nversions: [v1, v2\n");
  EXPECT_EQ(d.rule, "yaml/syntax");
  EXPECT_GE(d.line, 2u);
  EXPECT_GE(d.column, 1u);
}

TEST(YamlDocument, EmptyFileAndInvalidUtf8AndNul) {
  EXPECT_EQ(parse_error("").rule, "yaml/empty");
  EXPECT_EQ(parse_error("# only a comment\n").rule, "yaml/empty");
  Diagnostic bad = parse_error("name: a\nx: \xff\xfe\n");
  EXPECT_EQ(bad.rule, "yaml/encoding");
  EXPECT_EQ(bad.line, 2u);
  EXPECT_EQ(bad.column, 4u);
  EXPECT_EQ(parse_error(std::string("a: b\0c\n", 7)).rule, "yaml/encoding");
}

TEST(YamlDocument, AliasBombIsRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  EXPECT_EQ(parse_error(bomb).rule, "yaml/alias-bomb");
}

TEST(YamlDocument, SmallAliasesAreExpanded) {
  auto doc = parse_ok("base: &b {type: env}\nkey: *b\n");
  EXPECT_EQ(doc->find("key.type")->scalar(), "env");
}

TEST(YamlDocument, TooLargeIsRefusedUnparsed) {
  ParseLimits limits;
  limits.max_bytes = 10;
  Diagnostics diags;
  EXPECT_EQ(Document::parse("f.yaml", "name: something-long\n", diags, limits), nullptr);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule, "yaml/too-large");
  EXPECT_EQ(format_diagnostic(diags[0]), "f.yaml:1:1: error: file is 21 bytes; the limit is 10 [yaml/too-large]");
}

// Found by fuzz_registry_edit: yaml-cpp 0.7 lets the end of the file close a quoted value after a line break,
// so a line a writing command appended became part of that value.
TEST(YamlDocument, AQuotedValueTheEndOfTheFileClosesIsASyntaxError) {
  for (const std::string text : {"name: \"\n", "name: \"dev\nfeed: acme\n", "name: 'it''s\n", "a: [x, \"y\n"}) {
    Diagnostic d = parse_error(text);
    EXPECT_EQ(d.rule, "yaml/syntax") << text;
    EXPECT_NE(d.message.find("not closed"), std::string::npos) << text << ": " << d.message;
  }
  EXPECT_EQ(parse_error("x: 1\nname: \"dev\nfeed: acme\n").line, 2u);
  EXPECT_EQ(parse_ok("name: \"a\\\"b\"\nother: 'it''s'\n")->find("name")->scalar(), "a\"b");
  EXPECT_EQ(parse_ok("name: \"a\\\\\"\n")->find("name")->scalar(), "a\\");
}

TEST(YamlDocument, DeepNestingIsRefused) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  EXPECT_EQ(parse_error(deep).rule, "yaml/too-deep");
}

TEST(YamlDocument, DeepNestingIsRefusedAtTheBracketThatGoesTooDeep) {
  // yaml-cpp's own guard names the end of the line; the builder names the 257th opening bracket.
  Diagnostic d = parse_error("a: " + std::string(300, '[') + std::string(300, ']') + "\n");
  EXPECT_EQ(d.rule, "yaml/too-deep");
  EXPECT_EQ(d.line, 1u);
  EXPECT_EQ(d.column, 4u + 255u);
  std::string within = "a: " + std::string(255, '[') + std::string(255, ']') + "\n";
  parse_ok(within);
}

TEST(YamlDocument, KeysCountTowardsTheNodeBound) {
  ParseLimits limits;
  limits.max_expanded_nodes = 1500;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "k" + std::to_string(i) + ": v\n";
  Diagnostics diags;
  EXPECT_EQ(Document::parse("f.yaml", text, diags, limits), nullptr);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].rule, "yaml/too-many-nodes"); // not an alias bomb: there is no alias
  EXPECT_EQ(diags[0].line, 751u);                   // key 751 is node 1501
  limits.max_expanded_nodes = 2000;
  diags.clear();
  EXPECT_NE(Document::parse("f.yaml", text, diags, limits), nullptr) << format_diagnostic(diags.at(0));
}

TEST(YamlDocument, NestingDoesNotCountNodesTwice) {
  // The key `x`, its list, and 100 maps of 4 entries: 2 + 100 * (1 + 4 + 4) = 902 nodes, whatever the depth
  // they sit at (the root itself is not counted).
  std::string text = "x:\n";
  for (int i = 0; i < 100; ++i) text += "  - {a: 1, b: 2, c: 3, d: 4}\n";
  ParseLimits limits;
  limits.max_expanded_nodes = 902;
  Diagnostics diags;
  EXPECT_NE(Document::parse("f.yaml", text, diags, limits), nullptr);
  limits.max_expanded_nodes = 901;
  EXPECT_EQ(Document::parse("f.yaml", text, diags, limits), nullptr);
}

// A linear scan for duplicate keys made a file of many keys quadratic: a million keys (15 MB) took hours.
TEST(YamlDocument, ManyKeysParseInLinearTime) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "key" + std::to_string(i) + ": 1\n";
  auto start = std::chrono::steady_clock::now();
  auto doc = parse_ok(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->root()->size(), 200000u);
  EXPECT_LT(seconds, 20.0) << "a quadratic duplicate check takes minutes here";
  EXPECT_EQ(parse_error(text + "key7: 2\n").message, "duplicate key 'key7' (first defined at line 8)");
}

TEST(YamlDocument, CApiNavigates) {
  auto doc = parse_ok("a: {b: [1, 2]}\n");
  const ssmd_doc_api *api = Document::api();
  const ssmd_node *root = Document::handle(doc->root());
  EXPECT_EQ(api->kind(root), SSMD_NODE_MAP);
  const ssmd_node *b = api->get(api->get(root, {"a", 1}), {"b", 1});
  EXPECT_EQ(api->kind(b), SSMD_NODE_SEQUENCE);
  EXPECT_EQ(api->size(b), 2u);
  ssmd_str two = api->scalar(api->at(b, 1));
  EXPECT_EQ(std::string(two.data, two.size), "2");
  EXPECT_EQ(api->get(root, {"zz", 2}), nullptr);
  EXPECT_EQ(api->kind(nullptr), SSMD_NODE_ABSENT);
  EXPECT_EQ(api->size(nullptr), 0u);
}
