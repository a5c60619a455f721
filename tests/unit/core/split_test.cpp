// Splitting at one separator: command paths, comma lists and search paths all go through these two.
#include "core/split.hpp"

#include <gtest/gtest.h>

using ssmd::split_all;
using ssmd::split_skipping_empty;
using Words = std::vector<std::string>;

TEST(Split, SkippingEmptyDropsEveryEmptyPiece) {
  EXPECT_EQ(split_skipping_empty("feed add-version", ' '), (Words{"feed", "add-version"}));
  EXPECT_EQ(split_skipping_empty("a,,b,", ','), (Words{"a", "b"}));
  EXPECT_EQ(split_skipping_empty(":/opt/p::/usr/lib/p:", ':'), (Words{"/opt/p", "/usr/lib/p"}));
  EXPECT_EQ(split_skipping_empty("", ','), Words{});
  EXPECT_EQ(split_skipping_empty(",,,", ','), Words{});
  EXPECT_EQ(split_skipping_empty("one", ','), Words{"one"});
}

TEST(Split, AllKeepsEmptyPiecesForTheCallerToJudge) {
  EXPECT_EQ(split_all("a,,b", ','), (Words{"a", "", "b"}));
  EXPECT_EQ(split_all("a,", ','), (Words{"a", ""}));
  EXPECT_EQ(split_all(",a", ','), (Words{"", "a"}));
  EXPECT_EQ(split_all("", ','), Words{""});
  EXPECT_EQ(split_all("a b", ','), Words{"a b"});
}

TEST(Split, AllCanTrimTheSpacesAroundEachPiece) {
  EXPECT_EQ(split_all(" key_id , private_key", ',', true), (Words{"key_id", "private_key"}));
  EXPECT_EQ(split_all("a, ,b", ',', true), (Words{"a", "", "b"})) << "a piece of spaces is empty, and kept";
  EXPECT_EQ(split_all("a b", ',', true), Words{"a b"}) << "spaces inside a piece stay";
}
