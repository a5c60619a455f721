#include "validate/cache.hpp"

#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace ssmd;
using namespace ssmd::validate;
using ssmd::test::TempDir;

namespace {
Diagnostics sample() {
  return {Diagnostic{"exchanges/feeds/k.yaml", 3, 5, Severity::Warning, "r/x", "message with \"quotes\"\n"}};
}
} // namespace

TEST(ValidateCache, RoundTripsAndDropsUnusedEntries) {
  TempDir dir;
  auto file = dir.path() / "cache" / "validate.json";
  {
    Cache c(file, true);
    EXPECT_FALSE(c.get("k1"));
    c.put("k1", sample());
    c.put("k2", {});
    c.save();
  }
  {
    Cache c(file, true);
    auto hit = c.get("k1");
    ASSERT_TRUE(hit);
    EXPECT_EQ(*hit, sample());
    EXPECT_EQ(c.hits(), 1u);
    c.save(); // k2 was not used: dropped
  }
  Cache c(file, true);
  EXPECT_TRUE(c.get("k1"));
  EXPECT_FALSE(c.get("k2"));
}

TEST(ValidateCache, CorruptOrTamperedFileIsIgnored) {
  TempDir dir;
  auto file = dir.path() / "validate.json";
  {
    Cache c(file, true);
    c.put("k1", sample());
    c.save();
  }
  std::string text = ssmd::test::read_file(file);
  // Flip one byte of the body: the checksum no longer matches.
  std::string tampered = text;
  tampered[tampered.size() - 5] ^= 1;
  std::ofstream(file, std::ios::binary) << tampered;
  EXPECT_FALSE(Cache(file, true).get("k1"));
  std::ofstream(file, std::ios::binary) << text.substr(0, text.size() / 2);
  EXPECT_FALSE(Cache(file, true).get("k1"));
  std::ofstream(file, std::ios::binary) << "garbage";
  EXPECT_FALSE(Cache(file, true).get("k1"));
}

TEST(ValidateCache, DisabledNeverHitsNorWrites) {
  TempDir dir;
  auto file = dir.path() / "validate.json";
  Cache c(file, false);
  c.put("k1", sample());
  c.save();
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(c.get("k1"));
}
