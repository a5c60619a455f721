// The JSON reader the Vault backend parses responses with, compiled into this suite from the plugin's source
// (the plugin exports nothing but its entry point).
#include "json.hpp"

#include <gtest/gtest.h>

using ssmd::vault::json::Value;

namespace {
std::optional<Value> parse(const std::string &text) {
  std::string why;
  auto v = ssmd::vault::json::parse(text, why);
  if (!v) {
    EXPECT_FALSE(why.empty());
  }
  return v;
}
} // namespace

TEST(VaultJson, ReadsVaultsResponseShape) {
  auto v = parse(R"({"request_id":"x","data":{"data":{"api_key":"k","n":-1.5e3,"t":true,"z":null},
                    "metadata":{"version":3}},"warnings":null})");
  ASSERT_TRUE(v.has_value());
  const Value *data = v->get("data")->get("data");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->get("api_key")->text(), "k");
  EXPECT_EQ(data->get("n")->text(), "-1.5e3");
  EXPECT_EQ(data->get("t")->text(), "true");
  EXPECT_TRUE(data->get("z")->is_null());
  EXPECT_EQ(data->get("absent"), nullptr);
  EXPECT_EQ(v->get("data")->get("metadata")->get("version")->type(), Value::Type::Number);
}

TEST(VaultJson, DecodesEscapesAndSurrogatePairs) {
  auto v = parse(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20ac", "\ud83d\ude00"])");
  ASSERT_TRUE(v.has_value());
  ASSERT_EQ(v->items().size(), 3u);
  EXPECT_EQ(v->items()[0].text(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(v->items()[1].text(), "\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(v->items()[2].text(), "\xf0\x9f\x98\x80");
}

TEST(VaultJson, TheLastOfARepeatedKeyWins) {
  auto v = parse(R"({"a":"1","a":"2"})");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->get("a")->text(), "2");
}

TEST(VaultJson, RefusesWhatIsNotJson) {
  for (const std::string bad : {"", "{", "{\"a\"}", "{\"a\":}", "[1,]", "{'a':1}", "tru", "01", "1.", "-", "\"\\x\"",
                                "\"\\ud83d\"", "\"\\ude00\"", "\"a\nb\"", "{} {}", "\"unterminated", "[\"\\u12\"]"})
    EXPECT_FALSE(parse(bad).has_value()) << bad;
}

TEST(VaultJson, BoundsNestingDepth) {
  EXPECT_TRUE(parse(std::string(60, '[') + std::string(60, ']')).has_value());
  EXPECT_FALSE(parse(std::string(100000, '[') + std::string(100000, ']')).has_value());
}

TEST(VaultJson, AMovedValueKeepsItsTextAndLeavesNone) {
  auto v = parse(R"("short")");
  ASSERT_TRUE(v.has_value());
  Value moved = std::move(*v);
  EXPECT_EQ(moved.text(), "short");
  EXPECT_TRUE(v->text().empty());
}
