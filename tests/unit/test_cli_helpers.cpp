#include "core/suggest.hpp"
#include "core/date.hpp"
#include "core/json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace ssmd;

TEST(Suggest, FindsCloseCommand) {
  EXPECT_EQ(closest("fed", {"feed", "schema", "env"}).value_or(""), "feed");
  EXPECT_EQ(closest("shcema", {"feed", "schema", "env"}).value_or(""), "schema");
  EXPECT_FALSE(closest("zzzzzz", {"feed", "schema", "env"}).has_value());
  EXPECT_EQ(closest("val", {"validate", "version"}).value_or(""), "validate");
}

TEST(Date, ParsesOnlyRealCalendarDates) {
  EXPECT_EQ(Date::parse("2024-02-29")->str(), "2024-02-29");
  EXPECT_FALSE(Date::parse("2025-02-29"));
  EXPECT_FALSE(Date::parse("2025-13-01"));
  EXPECT_FALSE(Date::parse("2025-1-01"));
  EXPECT_FALSE(Date::parse("yesterday"));
  EXPECT_EQ(Date::parse("1970-01-02")->days(), 1);
  EXPECT_LT(*Date::parse("2025-01-01"), *Date::parse("2025-06-01"));
  EXPECT_EQ(Date::from_days(Date::parse("2000-03-01")->days() - 1).str(), "2000-02-29");
}

TEST(Json, DumpsStableEscapedOutput) {
  json::Value v;
  v.set("name", "a\"b\n").set("n", 3).set("ok", true).set("none", nullptr);
  v.set("list", json::Array{1, "x"});
  EXPECT_EQ(v.dump(-1), R"({"name":"a\"b\n","n":3,"ok":true,"none":null,"list":[1,"x"]})");
}

// JSON is Unicode: bytes that are not UTF-8 (a Latin-1 git author, a cut sequence, an overlong form, a
// surrogate) become U+FFFD, valid UTF-8 stays as it is, and an independent strict parser reads the result.
TEST(Json, BytesThatAreNotUtf8BecomeTheReplacementCharacter) {
  const std::string latin1_author = "Jos\xe9 M\xfcller", cut = "ok \xe2\x82", overlong = "\xc0\xaf",
                    surrogate = "\xed\xa0\x80", valid = "Jos\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";
  EXPECT_EQ(json::escape(latin1_author), "Jos\\ufffd M\\ufffdller");
  EXPECT_EQ(json::escape(cut), "ok \\ufffd\\ufffd");
  EXPECT_EQ(json::escape(overlong), "\\ufffd\\ufffd");
  EXPECT_EQ(json::escape(surrogate), "\\ufffd\\ufffd\\ufffd");
  EXPECT_EQ(json::escape(valid), valid);
  for (const std::string &text : {latin1_author, cut, overlong, surrogate, valid}) {
    json::Value v;
    v.set("author", text);
    nlohmann::json parsed;
    EXPECT_NO_THROW(parsed = nlohmann::json::parse(v.dump(-1))) << v.dump(-1);
  }
  EXPECT_EQ(nlohmann::json::parse(json::Value(latin1_author).dump(-1)).get<std::string>(), "Jos\xef\xbf\xbd M\xef\xbf\xbdller");
}

#include "core/parallel.hpp"
#include "core/sha256.hpp"

#include <atomic>

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(Sha256().field("ab").field("c").hex(), Sha256().field("a").field("bc").hex());
}

TEST(Parallel, RunsEveryItemOnceAndRethrows) {
  std::vector<std::atomic<int>> hits(1000);
  parallel_for(hits.size(), [&](size_t i) { hits[i]++; }, 4);
  for (auto &h : hits) EXPECT_EQ(h.load(), 1);
  EXPECT_THROW(parallel_for(100, [](size_t i) { if (i == 50) throw std::runtime_error("x"); }, 4), std::runtime_error);
}
