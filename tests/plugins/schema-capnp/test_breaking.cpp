// `breaking`: one older/newer pair per rule of the language guide's "Evolving Your Protocol", and
// the changes it allows, which produce only info notes (or nothing, when the compiled schema is the
// same). Each finding's rule id says its category: `capnp/breaking/` (wire), `capnp/removal/`,
// `capnp/hygiene/`, `capnp/source/`, `capnp/note/`. Places are in the newer file. (test_wire_oracle.cpp
// checks the wire verdicts against real messages.)
#include "schema_repo.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

const std::string k_id = "@0xdbb9ad1f14bf0b36;\n";

// Writes both versions and compares them.
SchemaCall compare(const std::string &older, const std::string &newer) {
  SchemaRepo repo;
  repo.write("schemas/trade.v1.capnp", older);
  repo.write("schemas/trade.v2.capnp", newer);
  return repo.breaking({"schemas/trade.v1.capnp", "trade", ""}, {"schemas/trade.v2.capnp", "trade", ""});
}

// The single finding of `rule`, failing the test when there is not exactly one.
Finding only(const SchemaCall &r, const std::string &rule) {
  auto found = of_rule(r.findings, rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule << ":\n" << r.findings.dump();
  return found.empty() ? Finding{} : found[0];
}

const std::string k_v1 = k_id + R"(
struct Trade {
  price @0 :Int64;
  size @1 :UInt32 = 100;
  side @2 :Side;
  venue @3 :Text;
}

enum Side {
  buy @0;
  sell @1;
}

interface Feed {
  subscribe @0 (symbol :Text, depth :UInt8 = 10) -> (stream :Stream);
  unsubscribe @1 (symbol :Text);
}

interface Stream {}

const defaultVenue :Text = "XNYS";
)";

} // namespace

TEST(CapnpBreaking, IdenticalVersionsProduceNothing) {
  auto r = compare(k_v1, k_v1);
  EXPECT_EQ(r.status, SSMD_OK);
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}

TEST(CapnpBreaking, SafeChangesAreOnlyInfoNotes) {
  // New fields, enumerants, methods, parameters (with defaults) and types; reordered declarations;
  // other comments and layout.
  auto r = compare(k_v1, k_id + R"(
# Trades, as printed by the venue.
const defaultVenue :Text = "XNYS";   # moved up

interface Stream {
  close @0 ();
}

enum Side { buy @0; sell @1; short @2; }

struct Trade {
  venue @3 :Text;
  side @2 :Side;
  size @1 :UInt32 = 100;
  price @0 :Int64;      # fixed point
  takerSide @4 :Side;
  conditions @5 :List(Text);
}

interface Feed {
  unsubscribe @1 (symbol :Text);
  subscribe @0 (symbol :Text, depth :UInt8 = 10, snapshot :Bool = true) -> (stream :Stream, first :UInt64);
  status @2 () -> (up :Bool);
}

struct Quote {
  bid @0 :Int64;
}
)");
  EXPECT_EQ(r.status, SSMD_OK);
  for (const auto &f : r.findings.findings) {
    EXPECT_EQ(f.severity, SSMD_SEVERITY_INFO) << r.findings.dump();
    EXPECT_TRUE(f.rule.starts_with("capnp/note/")) << r.findings.dump();
  }
  EXPECT_EQ(of_rule(r.findings, "capnp/note/type-added").size(), 1u) << r.findings.dump();      // Quote
  EXPECT_EQ(of_rule(r.findings, "capnp/note/enumerant-added").size(), 1u) << r.findings.dump(); // short
  EXPECT_EQ(of_rule(r.findings, "capnp/note/method-added").size(), 2u) << r.findings.dump();    // close, status
  // takerSide, conditions, the parameter snapshot and the result first.
  EXPECT_EQ(of_rule(r.findings, "capnp/note/field-added").size(), 4u) << r.findings.dump();
  EXPECT_EQ(r.findings.findings.size(), 8u) << r.findings.dump();
}

TEST(CapnpBreaking, ReorderedSourceAndCommentsProduceNothing) {
  // The compiled schema is the same, so there is nothing to note.
  auto r = compare(k_v1, k_id + R"(
# Trades, as printed by the venue.
const defaultVenue :Text = "XNYS";   # moved up
interface Stream {}
enum Side { buy @0; sell @1; }  # one line now
struct Trade {
  venue @3 :Text;   # where it printed
  side @2 :Side;
  size @1 :UInt32 = 100;
  price @0 :Int64;  # fixed point
}
interface Feed {
  unsubscribe @1 (symbol :Text);
  subscribe @0 (symbol :Text, depth :UInt8 = 10) -> (stream :Stream);
}
)");
  EXPECT_EQ(r.status, SSMD_OK);
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}

TEST(CapnpBreaking, AddedFieldIsASafeNote) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n}\n",
                   k_id + "struct Trade {\n  price @0 :Int64;\n  venue @1 :Text;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  Finding f = only(r, "capnp/note/field-added");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_INFO);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:4:3");
  EXPECT_NE(f.message.find("field `venue` @1 of `Trade` was added"), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, AddedEnumerantIsASafeNote) {
  auto r = compare(k_id + "enum Side {\n  buy @0;\n}\n", k_id + "enum Side {\n  buy @0;\n  sell @1;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  Finding f = only(r, "capnp/note/enumerant-added");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_INFO);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:4:3");
  EXPECT_NE(f.message.find("enumerant `sell` @1 of `Side` was added"), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, AddedMethodIsASafeNote) {
  auto r = compare(k_id + "interface Feed {\n  ping @0 ();\n}\n",
                   k_id + "interface Feed {\n  ping @0 ();\n  status @1 () -> (up :Bool);\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  Finding f = only(r, "capnp/note/method-added");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_INFO);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:4:3");
  EXPECT_NE(f.message.find("method `status` @1 of `Feed` was added"), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump(); // its parameters come with it
}

TEST(CapnpBreaking, AddedTypeIsASafeNote) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n}\n",
                   k_id + "struct Trade {\n  price @0 :Int64;\n  struct Leg {\n    qty @0 :Int64;\n  }\n}\n"
                          "enum Side {\n  buy @0;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  auto added = of_rule(r.findings, "capnp/note/type-added");
  ASSERT_EQ(added.size(), 2u) << r.findings.dump();
  EXPECT_EQ(place(added[0]), "schemas/trade.v2.capnp:4:10");
  EXPECT_NE(added[0].message.find("struct `Trade.Leg`"), std::string::npos) << added[0].message;
  EXPECT_EQ(place(added[1]), "schemas/trade.v2.capnp:8:6");
  EXPECT_NE(added[1].message.find("enum `Side`"), std::string::npos) << added[1].message;
  EXPECT_EQ(r.findings.findings.size(), 2u) << r.findings.dump(); // not the new type's fields
}

TEST(CapnpBreaking, RemovedFieldIsARemoval) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n  size @1 :UInt32;\n}\n",
                   k_id + "struct Trade {\n  price @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/removal/field-removed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:8");
  EXPECT_NE(f.message.find("field `size` @1 of `Trade` was removed"), std::string::npos) << f.message;
  EXPECT_EQ(f.severity, SSMD_SEVERITY_ERROR);
}

TEST(CapnpBreaking, SwappedOrdinalsOfOneTypeMoveNamesNotBytes) {
  // The wire reads by number, and both numbers keep an Int64: the bytes hold, the names moved.
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n  size @1 :Int64;\n}\n",
                   k_id + "struct Trade {\n  price @1 :Int64;\n  size @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  auto found = of_rule(r.findings, "capnp/source/field-ordinal-changed");
  ASSERT_EQ(found.size(), 2u) << r.findings.dump();
  EXPECT_EQ(place(found[0]), "schemas/trade.v2.capnp:3:3");
  EXPECT_NE(found[0].message.find("`price` of `Trade` moved from @0 to @1"), std::string::npos) << found[0].message;
  EXPECT_EQ(place(found[1]), "schemas/trade.v2.capnp:4:3");
  EXPECT_FALSE(r.findings.has_rule("capnp/source/field-renamed")) << r.findings.dump();
  EXPECT_EQ(r.findings.findings.size(), 2u) << r.findings.dump();
}

TEST(CapnpBreaking, SwappedOrdinalsOfOtherTypesBreakTheWire) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n  venue @1 :Text;\n}\n",
                   k_id + "struct Trade {\n  price @1 :Int64;\n  venue @0 :Text;\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_EQ(of_rule(r.findings, "capnp/source/field-ordinal-changed").size(), 2u) << r.findings.dump();
  EXPECT_EQ(of_rule(r.findings, "capnp/breaking/field-type-changed").size(), 2u) << r.findings.dump();
}

TEST(CapnpBreaking, ChangedFieldTypeIsAnError) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n  px @1 :List(Int32);\n}\n",
                   k_id + "struct Trade {\n  price @0 :Float64;\n  px @1 :List(Int64);\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  auto found = of_rule(r.findings, "capnp/breaking/field-type-changed");
  ASSERT_EQ(found.size(), 2u) << r.findings.dump();
  EXPECT_EQ(place(found[0]), "schemas/trade.v2.capnp:3:3");
  EXPECT_NE(found[0].message.find("from Int64 to Float64"), std::string::npos) << found[0].message;
  EXPECT_NE(found[1].message.find("from List(Int32) to List(Int64)"), std::string::npos) << found[1].message;
}

TEST(CapnpBreaking, StructFieldPointingAtAStructOfAnotherLayoutIsAnError) {
  auto r = compare(k_id + "struct A {\n  x @0 :Int32;\n}\nstruct B {\n  x @0 :Text;\n}\nstruct Trade {\n  x @0 :A;\n}\n",
                   k_id + "struct A {\n  x @0 :Int32;\n}\nstruct B {\n  x @0 :Text;\n}\nstruct Trade {\n  x @0 :B;\n}\n");
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_NE(f.message.find("from A to B (`x` @0: Int32 became Text)"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, StructFieldPointingAtAStructOfTheSameLayoutIsASourceChange) {
  // The issue's `Point` -> `Vec`: the wire reads the same bytes; generated code names another type.
  auto r = compare(k_id + "struct Point {\n  x @0 :Int32;\n  y @1 :Int32;\n}\nstruct Vec {\n  a @0 :Int32;\n  b @1 :Int32;\n}\n"
                          "struct Trade {\n  at @0 :Point;\n}\n",
                   k_id + "struct Point {\n  x @0 :Int32;\n  y @1 :Int32;\n}\nstruct Vec {\n  a @0 :Int32;\n  b @1 :Int32;\n}\n"
                          "struct Trade {\n  at @0 :Vec;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/source/type-replaced");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:11:3");
  EXPECT_NE(f.message.find("changed type from Point to Vec, which the wire reads the same way"), std::string::npos)
      << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, ChangedDefaultIsAnError) {
  auto r = compare(k_id + "struct Trade {\n  size @0 :UInt32 = 100;\n  venue @1 :Text = \"XNYS\";\n}\n",
                   k_id + "struct Trade {\n  size @0 :UInt32 = 1;\n  venue @1 :Text = \"XNYS\";\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/breaking/default-changed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:3:3");
}

TEST(CapnpBreaking, RenamedFieldIsASourceWarning) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n}\n", k_id + "struct Trade {\n  pxE8 @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  Finding f = only(r, "capnp/source/field-renamed");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_WARNING);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:3:3");
  EXPECT_NE(f.message.find("`price` @0 of `Trade` is now `pxE8`"), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, RenamedTypeKeepingItsIdIsASourceWarning) {
  auto r = compare(k_id + "struct Trade @0xa1b2c3d4e5f60718 {\n  price @0 :Int64;\n}\n",
                   k_id + "struct Print @0xa1b2c3d4e5f60718 {\n  price @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/source/type-renamed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:8");
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, RenamedTypeWithoutExplicitIdIsARenameWithANewId) {
  // The implicit ID derives from the name, so the rename changes it; the only struct of the scope facing
  // the only new one, with the same layout, is the same struct renamed.
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n}\n", k_id + "struct Print {\n  price @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding id = only(r, "capnp/hygiene/type-id-changed");
  EXPECT_EQ(place(id), "schemas/trade.v2.capnp:2:8");
  EXPECT_NE(id.message.find("declare the old ID explicitly (`Print @0x"), std::string::npos) << id.message;
  Finding renamed = only(r, "capnp/source/type-renamed");
  EXPECT_NE(renamed.message.find("struct `Trade` is now `Print`"), std::string::npos) << renamed.message;
  EXPECT_EQ(r.findings.findings.size(), 2u) << r.findings.dump();
}

TEST(CapnpBreaking, RenamedTypeOfAnotherLayoutIsRemoved) {
  auto r = compare(k_id + "struct Trade {\n  price @0 :Int64;\n}\n", k_id + "struct Print {\n  price @0 :Text;\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/removal/type-removed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:1:1");
  EXPECT_NE(f.message.find("struct `Trade`"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("declare the old ID on the new name: `Trade @0x"), std::string::npos) << f.message;
  only(r, "capnp/note/type-added");
}

TEST(CapnpBreaking, ChangedStructIdIsHygiene) {
  // The wire never carries a struct's ID; `schema.capnp` consumers do.
  auto r = compare(k_id + "struct Trade @0xa1b2c3d4e5f60718 {\n  price @0 :Int64;\n}\n",
                   k_id + "struct Trade @0xa1b2c3d4e5f60719 {\n  price @0 :Int64;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/hygiene/type-id-changed");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_WARNING);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:8");
  EXPECT_NE(f.message.find("from @0xa1b2c3d4e5f60718 to @0xa1b2c3d4e5f60719"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, ChangedInterfaceIdBreaksCalls) {
  // Every call names the interface that declares the method by its ID.
  auto r = compare(k_id + "interface Feed @0xa1b2c3d4e5f60718 {\n  ping @0 ();\n}\n",
                   k_id + "interface Feed @0xa1b2c3d4e5f60719 {\n  ping @0 ();\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/breaking/interface-id-changed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:11");
  EXPECT_FALSE(r.findings.has_rule("capnp/hygiene/type-id-changed")) << r.findings.dump();
}

TEST(CapnpBreaking, ChangedFileIdIsHygiene) {
  std::string body = "struct Trade {\n  price @0 :Int64;\n}\n";
  auto r = compare(k_id + body, "@0xdbb9ad1f14bf0b37;\n" + body);
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  auto found = of_rule(r.findings, "capnp/hygiene/type-id-changed");
  ASSERT_EQ(found.size(), 2u) << r.findings.dump(); // the file, then `Trade`, whose implicit ID follows it
  EXPECT_EQ(place(found[0]), "schemas/trade.v2.capnp:1:1");
  EXPECT_NE(found[0].message.find("the file ID changed"), std::string::npos) << found[0].message;
}

TEST(CapnpBreaking, ChangedKindIsAnError) {
  auto r = compare(k_id + "struct Side {\n  buy @0 :Bool;\n}\n", k_id + "enum Side {\n  buy @0;\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/breaking/kind-changed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:6");
  EXPECT_NE(f.message.find("from struct to enum"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, RemovedNestedTypeIsAnError) {
  auto r = compare(k_id + "struct Trade {\n  struct Leg {\n    qty @0 :Int64;\n  }\n}\n", k_id + "struct Trade {\n}\n");
  Finding f = only(r, "capnp/removal/type-removed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:2:8"); // at `Trade`, where `Leg` was
  EXPECT_NE(f.message.find("struct `Trade.Leg`"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, RemovedConstantIsASourceWarning) {
  auto r = compare(k_id + "const lotSize :UInt32 = 100;\nstruct Trade {}\n", k_id + "struct Trade {}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  Finding f = only(r, "capnp/source/declaration-removed");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_WARNING);
}

TEST(CapnpBreaking, EnumerantChanges) {
  std::string v1 = k_id + "enum Side {\n  buy @0;\n  sell @1;\n  short @2;\n}\n";
  auto removed = compare(v1, k_id + "enum Side {\n  buy @0;\n  sell @1;\n}\n");
  EXPECT_EQ(place(only(removed, "capnp/removal/enumerant-removed")), "schemas/trade.v2.capnp:2:6");

  // The wire carries the number: a swap keeps the bytes and moves the names.
  auto moved = compare(v1, k_id + "enum Side {\n  sell @0;\n  buy @1;\n  short @2;\n}\n");
  EXPECT_EQ(moved.status, SSMD_OK) << moved.findings.dump();
  auto found = of_rule(moved.findings, "capnp/source/enumerant-ordinal-changed");
  ASSERT_EQ(found.size(), 2u) << moved.findings.dump();
  EXPECT_EQ(place(found[0]), "schemas/trade.v2.capnp:3:3");
  EXPECT_NE(found[0].message.find("enumerant `sell` of `Side` moved from @1 to @0"), std::string::npos);
  EXPECT_EQ(place(found[1]), "schemas/trade.v2.capnp:4:3");
  EXPECT_NE(found[1].message.find("enumerant `buy` of `Side` moved from @0 to @1"), std::string::npos);

  auto renamed = compare(v1, k_id + "enum Side {\n  bid @0;\n  sell @1;\n  short @2;\n}\n");
  EXPECT_EQ(renamed.status, SSMD_OK);
  EXPECT_EQ(place(only(renamed, "capnp/source/enumerant-renamed")), "schemas/trade.v2.capnp:3:3");
}

TEST(CapnpBreaking, MethodChanges) {
  std::string v1 = k_id + "interface Feed {\n  subscribe @0 (symbol :Text) -> ();\n  ping @1 () -> ();\n}\n";
  auto removed = compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Text) -> ();\n}\n");
  EXPECT_EQ(place(only(removed, "capnp/breaking/method-removed")), "schemas/trade.v2.capnp:2:11");

  // Calls are dispatched by number: @0 now runs `ping`, whose parameters lack `symbol`.
  auto moved = compare(v1, k_id + "interface Feed {\n  subscribe @1 (symbol :Text) -> ();\n  ping @0 () -> ();\n}\n");
  EXPECT_EQ(of_rule(moved.findings, "capnp/source/method-ordinal-changed").size(), 2u) << moved.findings.dump();
  EXPECT_NE(only(moved, "capnp/removal/field-removed").message.find("parameter `symbol` @0 of `Feed.ping`"),
            std::string::npos)
      << moved.findings.dump();
  only(moved, "capnp/note/field-added");
  EXPECT_EQ(moved.findings.findings.size(), 4u) << moved.findings.dump();

  auto renamed =
      compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Text) -> ();\n  heartbeat @1 () -> ();\n}\n");
  EXPECT_EQ(renamed.status, SSMD_OK);
  EXPECT_EQ(place(only(renamed, "capnp/source/method-renamed")), "schemas/trade.v2.capnp:4:3");
}

TEST(CapnpBreaking, MethodParameterChangesFollowTheFieldRules) {
  std::string v1 = k_id + "interface Feed {\n  subscribe @0 (symbol :Text, depth :UInt8 = 10) -> (ok :Bool);\n}\n";
  auto retyped =
      compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Data, depth :UInt8 = 10) -> (ok :Bool);\n}\n");
  Finding f = only(retyped, "capnp/breaking/field-type-changed");
  EXPECT_NE(f.message.find("parameter `symbol` @0 of `Feed.subscribe` changed type from Text to Data"),
            std::string::npos)
      << f.message;
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:3:3"); // the method

  auto default_changed =
      compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Text, depth :UInt8 = 5) -> (ok :Bool);\n}\n");
  only(default_changed, "capnp/breaking/default-changed");

  auto dropped = compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Text) -> (ok :Bool);\n}\n");
  only(dropped, "capnp/removal/field-removed");

  auto result =
      compare(v1, k_id + "interface Feed {\n  subscribe @0 (symbol :Text, depth :UInt8 = 10) -> (ok :Int8);\n}\n");
  Finding g = only(result, "capnp/breaking/field-type-changed");
  EXPECT_NE(g.message.find("result `ok` @0"), std::string::npos) << g.message;
}

TEST(CapnpBreaking, NamedParameterStructReplacedIsAnError) {
  std::string structs = "struct A {\n  a @0 :Int32;\n}\nstruct B {\n  b @0 :Float32;\n}\n";
  auto r = compare(k_id + structs + "interface Feed {\n  call @0 A -> ();\n}\n",
                   k_id + structs + "interface Feed {\n  call @0 B -> ();\n}\n");
  Finding f = only(r, "capnp/breaking/method-signature-changed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:9:3");
  EXPECT_NE(f.message.find("(`a` @0: Int32 became Float32)"), std::string::npos) << f.message;

  // Another struct of the same layout reads the same.
  std::string same = "struct A {\n  a @0 :Int32;\n}\nstruct B {\n  b @0 :Int32;\n}\n";
  auto compatible = compare(k_id + same + "interface Feed {\n  call @0 A -> ();\n}\n",
                            k_id + same + "interface Feed {\n  call @0 B -> ();\n}\n");
  EXPECT_EQ(compatible.status, SSMD_OK) << compatible.findings.dump();
  only(compatible, "capnp/source/type-replaced");
}

TEST(CapnpBreaking, RemovedSuperclassIsAnError) {
  auto r = compare(k_id + "interface Node {\n  stat @0 ();\n}\ninterface File extends(Node) {}\n",
                   k_id + "interface Node {\n  stat @0 ();\n}\ninterface File {}\n");
  Finding f = only(r, "capnp/breaking/superclass-removed");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:5:11");

  // One that declares no method is never named by a call.
  auto empty = compare(k_id + "interface Node {}\ninterface File extends(Node) {}\n",
                       k_id + "interface Node {}\ninterface File {}\n");
  EXPECT_FALSE(empty.findings.has_rule("capnp/breaking/superclass-removed")) << empty.findings.dump();
}

TEST(CapnpBreaking, FieldMovedOutOfAUnionIsAnError) {
  auto r = compare(
      k_id + "struct Shape {\n  union {\n    circle @0 :Float64;\n    square @1 :Float64;\n  }\n}\n",
      k_id +
          "struct Shape {\n  circle @0 :Float64;\n  union {\n    square @1 :Float64;\n    tri @2 :Float64;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  auto found = of_rule(r.findings, "capnp/breaking/field-left-union");
  ASSERT_GE(found.size(), 1u) << r.findings.dump();
  EXPECT_EQ(place(found[0]), "schemas/trade.v2.capnp:3:3");
  EXPECT_NE(found[0].message.find("field `circle` @0 of `Shape` left the union it shared with `square` @1;"),
            std::string::npos)
      << found[0].message;
}

TEST(CapnpBreaking, ExistingFieldMovedIntoAnExistingUnionIsAnError) {
  auto r = compare(
      k_id +
          "struct Shape {\n  area @0 :Float64;\n  union {\n    circle @1 :Float64;\n    square @2 :Float64;\n  }\n}\n",
      k_id + "struct Shape {\n  union {\n    area @0 :Float64;\n    circle @1 :Float64;\n    square @2 :Float64;\n  "
             "}\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/breaking/field-joined-union");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:4:5");
  EXPECT_NE(f.message.find("moved into the existing union"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, NewUnionOfTwoExistingFieldsIsAnError) {
  auto r = compare(k_id + "struct Shape {\n  circle @0 :Float64;\n  square @1 :Float64;\n}\n",
                   k_id + "struct Shape {\n  union {\n    circle @0 :Float64;\n    square @1 :Float64;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/breaking/field-joined-union");
  EXPECT_NE(f.message.find("`circle` @0, `square` @1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("new union"), std::string::npos) << f.message;
}

TEST(CapnpBreaking, OneExistingFieldWrappedInANewUnionIsAllowed) {
  auto r = compare(k_id + "struct Shape {\n  radius @0 :Float64;\n}\n",
                   k_id + "struct Shape {\n  union {\n    radius @0 :Float64;\n    side @1 :Float64;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/note/field-wrapped-in-union");
  EXPECT_EQ(f.severity, SSMD_SEVERITY_INFO);
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:4:5");
  EXPECT_EQ(place(only(r, "capnp/note/field-added")), "schemas/trade.v2.capnp:5:5"); // side
  EXPECT_EQ(r.findings.findings.size(), 2u) << r.findings.dump();
}

TEST(CapnpBreaking, NamedUnionGroupWithNewMembersIsAllowed) {
  auto r = compare(k_id + "struct Shape {\n  radius @0 :Float64;\n}\n",
                   k_id + "struct Shape {\n  kind :union {\n    radius @0 :Float64;\n    side @1 :Float64;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_TRUE(r.findings.has_rule("capnp/note/field-wrapped-in-union")) << r.findings.dump();
  // The field's accessor moved (`radius` is now `kind.radius`): a source change.
  EXPECT_TRUE(r.findings.has_rule("capnp/source/field-renamed")) << r.findings.dump();
}

TEST(CapnpBreaking, NewFieldsInAnExistingUnionAreAllowed) {
  auto r = compare(k_id + "struct Shape {\n  union {\n    circle @0 :Float64;\n    square @1 :Float64;\n  }\n}\n",
                   k_id + "struct Shape {\n  union {\n    circle @0 :Float64;\n    square @1 :Float64;\n    tri @2 "
                          ":Float64;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_OK);
  EXPECT_EQ(place(only(r, "capnp/note/field-added")), "schemas/trade.v2.capnp:6:5");
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, DissolvingAGroupInsideAUnionChangesTheLayout) {
  // Same members, same types, same union: but `b` and `c` no longer share a group, so `c` now overlaps
  // `b` in the union's storage.
  auto r = compare(k_id + "struct S {\n  union {\n    a @0 :UInt32;\n    g :group {\n      b @1 :UInt32;\n      c @2 "
                          ":UInt32;\n    }\n  }\n}\n",
                   k_id + "struct S {\n  union {\n    a @0 :UInt32;\n    b @1 :UInt32;\n    c @2 :UInt32;\n  }\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED) << r.findings.dump();
  EXPECT_TRUE(r.findings.has_rule("capnp/breaking/layout-changed")) << r.findings.dump();
}

TEST(CapnpBreaking, ListOfPrimitivesUpgradedToStructsIsANote) {
  std::string px = "struct Px {\n  value @0 :Int64;\n  venue @1 :Text;\n}\n";
  auto r = compare(k_id + "struct Trade {\n  fills @0 :List(Int64);\n}\n",
                   k_id + px + "struct Trade {\n  fills @0 :List(Px);\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/note/list-upgraded-to-struct");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:7:3");

  // The guide excludes List(Bool), and the struct's @0 field must have the element type.
  auto bools = compare(k_id + "struct Px {\n  value @0 :Bool;\n}\nstruct Trade {\n  fills @0 :List(Bool);\n}\n",
                       k_id + "struct Px {\n  value @0 :Bool;\n}\nstruct Trade {\n  fills @0 :List(Px);\n}\n");
  only(bools, "capnp/breaking/field-type-changed");
  auto mismatch = compare(k_id + "struct Trade {\n  fills @0 :List(Int32);\n}\n",
                          k_id + px + "struct Trade {\n  fills @0 :List(Px);\n}\n");
  only(mismatch, "capnp/breaking/field-type-changed");
}

TEST(CapnpBreaking, MakingATypeGenericIsANote) {
  auto r = compare(k_id + "struct Map {\n  key @0 :Text;\n  count @1 :UInt32;\n}\n",
                   k_id + "struct Map(Key) {\n  key @0 :Key;\n  count @1 :UInt32;\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/note/made-generic");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:3:3");
}

TEST(CapnpBreaking, UncompilableNewerVersionReportsItsErrors) {
  auto r = compare(k_v1, k_id + "struct Trade {\n  price @0 :Int65;\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED);
  Finding f = only(r, "capnp/compile");
  EXPECT_EQ(place(f), "schemas/trade.v2.capnp:3:13");
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreaking, WholeFileExampleReportsEachChangeOnce) {
  auto r = compare(k_v1, k_id + R"(
struct Trade {
  price @0 :Float64;
  qty @1 :UInt32 = 100;
  side @2 :Side;
}

enum Side {
  buy @0;
  sell @1;
}

interface Feed {
  subscribe @0 (symbol :Text, depth :UInt8 = 10) -> (stream :Stream);
}

interface Stream {}
)");
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_EQ(place(only(r, "capnp/breaking/field-type-changed")), "schemas/trade.v2.capnp:4:3");
  EXPECT_EQ(place(only(r, "capnp/source/field-renamed")), "schemas/trade.v2.capnp:5:3");
  EXPECT_EQ(place(only(r, "capnp/removal/field-removed")), "schemas/trade.v2.capnp:3:8");
  EXPECT_EQ(place(only(r, "capnp/breaking/method-removed")), "schemas/trade.v2.capnp:14:11");
  only(r, "capnp/source/declaration-removed");
  ASSERT_EQ(r.findings.findings.size(), 5u) << r.findings.dump();
  for (size_t i = 1; i < r.findings.findings.size(); ++i) // in the newer file's order
    EXPECT_LE(r.findings.findings[i - 1].line, r.findings.findings[i].line) << r.findings.dump();
}
