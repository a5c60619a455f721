#include "core/json_parse.hpp"

#include <gtest/gtest.h>

using namespace ssmd;

TEST(JsonParse, ReadsNestedValuesWithPositions) {
  json::Node root;
  ASSERT_FALSE(json::parse("{\n  \"a\": [1, 2.5, \"x\\u00e9\"],\n  \"b\": {\"c\": null, \"d\": true}\n}", root));
  ASSERT_TRUE(root.is(json::Node::Kind::Object));
  const json::Node *a = root.get("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->line, 2u);
  EXPECT_EQ(a->column, 8u);
  EXPECT_EQ(a->items[0].as_uint().value_or(0), 1u);
  EXPECT_FALSE(a->items[1].as_uint());
  EXPECT_DOUBLE_EQ(a->items[1].number, 2.5);
  EXPECT_EQ(a->items[2].text, "x\xc3\xa9");
  EXPECT_TRUE(root.get("b")->get("d")->boolean);
}

TEST(JsonParse, RefusesWhatIsNotStrictJson) {
  json::Node n;
  for (const char *bad : {"{a: 1}", "{\"a\": 1,}", "[1 2]", "'x'", "01", "{\"a\":1} x", "", "{\"a\":1,\"a\":2}",
                          "\"\\ud800\"", "[1, -]", "nan", "{\"a\": \"line\nbreak\"}"}) {
    auto err = json::parse(bad, n);
    EXPECT_TRUE(err.has_value()) << bad;
  }
}

TEST(JsonParse, ReportsErrorPosition) {
  json::Node n;
  auto err = json::parse("{\n  \"a\": 1,\n  \"b\" 2\n}", n);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 3u);
  EXPECT_EQ(err->column, 7u);
}

TEST(JsonParse, BoundsDepthAndSize) {
  json::Node n;
  EXPECT_TRUE(json::parse(std::string(100, '[') + std::string(100, ']'), n));
  json::ParseLimits small;
  small.max_bytes = 4;
  EXPECT_TRUE(json::parse("[1,2,3]", n, small));
}
