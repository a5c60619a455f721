// `fingerprint`: a hash of the schema's structure that ignores comments, whitespace, declaration order
// and the file's path, and changes with anything that changes the schema.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace ssmd::test;

namespace {

const std::string k_trade = R"(@0xdbb9ad1f14bf0b36;
using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("md");

struct Trade {
  price @0 :Int64;
  size @1 :UInt32 = 100;
  side @2 :Side;
  legs @3 :List(Leg);
  struct Leg {
    qty @0 :Int64;
  }
  union {
    auction @4 :Void;
    continuous @5 :Text;
  }
}

enum Side {
  buy @0;
  sell @1;
}

interface Feed {
  subscribe @0 (symbol :Text) -> (trade :Trade);
}
)";

// The same schema: comments, whitespace and the order of declarations and members differ.
const std::string k_trade_reformatted = R"(@0xdbb9ad1f14bf0b36;   # file ID
# Trades as the venue prints them.
using Cxx = import "/capnp/c++.capnp";

enum Side { sell @1; buy @0; }   # reordered

interface Feed
{
  subscribe @0 (symbol :Text)
      -> (trade :Trade);
}

$Cxx.namespace("md");

struct Trade
{
  struct Leg { qty @0 :Int64; }
  union { continuous @5 :Text; auction @4 :Void; }
  legs @3 :List(Leg);
  side  @2  :Side;          # aggressor
  size  @1  :UInt32 = 100;
  price @0  :Int64;         # 1e-8
}
)";

std::string fingerprint_of(const std::string &text, const std::string &path = "schemas/trade.capnp") {
  SchemaRepo repo;
  repo.write(path, text);
  SchemaCall call;
  auto fp = repo.fingerprint({path, "trade", ""}, &call);
  EXPECT_TRUE(fp.has_value()) << call.findings.dump();
  return fp.value_or("");
}

std::string replaced(std::string text, const std::string &from, const std::string &to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

} // namespace

TEST(CapnpFingerprint, IsAPrefixedSha256) {
  std::string fp = fingerprint_of(k_trade);
  EXPECT_TRUE(std::regex_match(fp, std::regex("capnp-schema:sha256:[0-9a-f]{64}"))) << fp;
  EXPECT_EQ(fp, fingerprint_of(k_trade)); // deterministic
}

TEST(CapnpFingerprint, IgnoresCommentsWhitespaceOrderAndPath) {
  std::string fp = fingerprint_of(k_trade);
  EXPECT_EQ(fp, fingerprint_of(k_trade_reformatted));
  EXPECT_EQ(fp, fingerprint_of(k_trade, "elsewhere/trade.v9.capnp"));
}

TEST(CapnpFingerprint, ChangesWithEveryRealChange) {
  std::string base = fingerprint_of(k_trade);
  const std::pair<const char *, const char *> changes[] = {
      {"price @0 :Int64;", "pxE8 @0 :Int64;"},                        // rename
      {"price @0 :Int64;", "price @0 :Float64;"},                     // type
      {"= 100;", "= 10;"},                                            // default
      {"qty @0 :Int64;", "qty @0 :Int64;\n    venue @1 :Text;"},      // new field in a nested type
      {"sell @1;", "sell @1;\n  short @2;"},                          // new enumerant
      {"(symbol :Text)", "(symbol :Text, depth :UInt8)"},             // new parameter
      {"$Cxx.namespace(\"md\");", "$Cxx.namespace(\"marketdata\");"}, // annotation value
      {"@0xdbb9ad1f14bf0b36;", "@0xdbb9ad1f14bf0b37;"},               // file ID
      {"    auction @4 :Void;\n    continuous @5 :Text;", "    continuous @4 :Text;\n    auction @5 :Void;"},
  };
  for (auto [from, to] : changes) EXPECT_NE(base, fingerprint_of(replaced(k_trade, from, to))) << from << " -> " << to;
}

TEST(CapnpFingerprint, FollowsImportedTypes) {
  SchemaRepo repo;
  repo.write("money.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n}\n");
  repo.write("t.capnp",
             "@0xdbb9ad1f14bf0b36;\nusing M = import \"money.capnp\";\nstruct Trade {\n  v @0 :M.Money;\n}\n");
  auto before = repo.fingerprint({"t.capnp", "trade", ""});
  repo.write("money.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n  nanos @1 :Int32;\n}\n");
  auto after = repo.fingerprint({"t.capnp", "trade", ""});
  ASSERT_TRUE(before && after);
  EXPECT_NE(*before, *after);
}

TEST(CapnpFingerprint, BrokenFileHasNoFingerprint) {
  SchemaRepo repo;
  repo.write("t.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  price @0 :Int65;\n}\n");
  SchemaCall call;
  EXPECT_FALSE(repo.fingerprint({"t.capnp", "trade", ""}, &call).has_value());
  EXPECT_EQ(call.status, SSMD_FAILED);
  EXPECT_TRUE(call.findings.has_rule("capnp/compile")) << call.findings.dump();
}
