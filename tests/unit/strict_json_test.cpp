// The one JSON reader of the host and the bundled plugins (plugins/common/ssmd_json/strict_json.hpp).
#include <ssmd_json/strict_json.hpp>

#include <gtest/gtest.h>

using namespace ssmd;
using strict_json::Json;

namespace {
// The error parsing `text` gives, if any.
std::optional<strict_json::Error> error_of(std::string_view text, const strict_json::Limits &limits = {}) {
  Json out;
  return strict_json::parse(text, out, limits);
}
} // namespace

TEST(StrictJson, ReadsNestedValuesInDocumentOrder) {
  Json root;
  ASSERT_FALSE(strict_json::parse("{\n  \"z\": [1, 2.5, \"x\\u00e9\"],\n  \"b\": {\"c\": null, \"d\": true}\n}", root));
  ASSERT_TRUE(root.is_object());
  const Json *z = strict_json::member(root, "z");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->at(0), 1u);
  EXPECT_DOUBLE_EQ(z->at(1).get<double>(), 2.5);
  EXPECT_EQ(strict_json::text_of(z->at(2)), "x\xc3\xa9");
  EXPECT_TRUE(root.at("b").at("d").get<bool>());
  EXPECT_EQ(root.begin().key(), "z") << "members keep the document's order";
  EXPECT_EQ(strict_json::member(root, "absent"), nullptr);
  EXPECT_EQ(strict_json::member(*z, "z"), nullptr) << "an array has no members";
  EXPECT_EQ(strict_json::text_of(root.at("b")), "") << "an object has no text";
}

TEST(StrictJson, DecodesEscapesAndSurrogatePairs) {
  Json root;
  ASSERT_FALSE(strict_json::parse(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20ac", "\ud83d\ude00"])", root));
  EXPECT_EQ(root.at(0), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(root.at(1), "\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(root.at(2), "\xf0\x9f\x98\x80");
}

// Whole numbers keep their kind: a non-negative one is unsigned, a negative one signed; a fraction, an
// exponent or a whole number past 64 bits is a double.
TEST(StrictJson, NumbersKeepTheirKind) {
  Json root;
  ASSERT_FALSE(strict_json::parse("[0, 18446744073709551615, -1, 1.0, 1e2, 18446744073709551616]", root));
  EXPECT_TRUE(root.at(0).is_number_unsigned());
  EXPECT_EQ(root.at(1).get<uint64_t>(), UINT64_MAX);
  EXPECT_TRUE(root.at(2).is_number_integer() && !root.at(2).is_number_unsigned());
  for (size_t i : {3, 4, 5}) EXPECT_TRUE(root.at(i).is_number_float()) << i;
}

TEST(StrictJson, RefusesWhatIsNotStrictJson) {
  for (const char *bad : {"{a: 1}", "{\"a\": 1,}", "[1 2]", "'x'", "01", "1.", "-", "{\"a\":1} x", "{} {}", "",
                          "\"\\ud800\"", "\"\\ude00\"", "\"\\x\"", "[\"\\u12\"]", "[1, -]", "nan", "tru", "1e400",
                          "{\"a\": \"line\nbreak\"}", "\"unterminated", "[1] // comment", "/* c */ 1",
                          "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\""})
    EXPECT_TRUE(error_of(bad)) << bad;
}

TEST(StrictJson, RefusesARepeatedKeyAtTheRepeat) {
  auto error = error_of("{\"a\": 1,\n \"b\": {\"a\": 2},\n \"a\": 3}");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "duplicate key 'a'");
  EXPECT_EQ(error->line, 3u);
  EXPECT_EQ(error->column, 4u) << "the repeated key's closing quote";
  EXPECT_FALSE(error_of("[{\"a\": 1}, {\"a\": 2}]")) << "objects side by side may share keys";
}

TEST(StrictJson, ReportsErrorPosition) {
  auto error = error_of("{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 3u);
  EXPECT_EQ(error->column, 7u);
  EXPECT_NE(error->message.find("expected ':'"), std::string::npos) << error->message;
  error = error_of("{\"feed\": ");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->column, 10u) << "the end of the text";
  error = error_of("[1] x");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->column, 5u);
}

TEST(StrictJson, ErrorsNeverQuoteTheInput) {
  for (const char *bad : {"[\"hunter2\x01\"]", "{\"hunter2\": tru}", "[1e99999]", "[\"hunter2\"] x"}) {
    auto error = error_of(bad);
    ASSERT_TRUE(error) << bad;
    EXPECT_EQ(error->message.find("hunter2"), std::string::npos) << error->message;
    EXPECT_EQ(error->message.find("99999"), std::string::npos) << error->message;
    EXPECT_EQ(error->message.find("json.exception"), std::string::npos) << error->message;
  }
}

TEST(StrictJson, BoundsDepthAtTheBracketThatGoesTooDeep) {
  EXPECT_FALSE(error_of(std::string(64, '[') + std::string(64, ']')));
  auto error = error_of("{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "nesting deeper than 64 levels");
  EXPECT_EQ(error->column, 69u) << "the 64th bracket opens level 65";
  // Hostile input: far deeper than any stack would survive in a recursive reader.
  EXPECT_TRUE(error_of(std::string(1000000, '[')));
  strict_json::Limits shallow;
  shallow.max_depth = 2;
  EXPECT_FALSE(error_of("[[1]]", shallow));
  EXPECT_TRUE(error_of("[[[1]]]", shallow));
}

TEST(StrictJson, BoundsSize) {
  strict_json::Limits small;
  small.max_bytes = 4;
  auto error = error_of("[1,2,3]", small);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "document is larger than 4 bytes");
  EXPECT_FALSE(error_of("[12]", small));
}

TEST(StrictJson, AFailedParseLeavesTheOutputAlone) {
  Json out = "before";
  EXPECT_TRUE(strict_json::parse("[1, 2", out));
  EXPECT_EQ(out, "before");
}
