// `breaking` with generic types: the arguments a field binds (its brand) are compared wherever the type is
// used, through the generic's fields, so `Box(Text)` and `Box(Data)` are told apart. Each of the issue's
// wrong-"safe" cases, and the compatible ones next to them.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

const std::string k_id = "@0xdbb9ad1f14bf0b36;\n";
const std::string k_box = "struct Box(T) {\n  v @0 :T;\n  n @1 :UInt32;\n}\n";
const std::string k_point = "struct Point {\n  x @0 :Int32;\n  y @1 :Int32;\n}\n";

// A `Root` whose field `b` @1 has type `type`; Box and Point declared after it.
std::string with_field(const std::string &type) {
  return k_id + "struct Root {\n  id @0 :UInt64;\n  b @1 :" + type + ";\n}\n" + k_box + k_point;
}

SchemaCall compare(const std::string &older, const std::string &newer) {
  return breaking_between({{"s.capnp", older}}, {"s.capnp", "", ""}, {{"s.capnp", newer}}, {"s.capnp", "", ""});
}

Finding only(const SchemaCall &r, const std::string &rule) {
  auto found = of_rule(r.findings, rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule << ":\n" << r.findings.dump();
  return found.empty() ? Finding{} : found[0];
}

void expect_wire(const std::string &from, const std::string &to, const std::string &because) {
  auto r = compare(with_field(from), with_field(to));
  EXPECT_EQ(r.status, SSMD_FAILED) << from << " -> " << to;
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_EQ(place(f), "s.capnp:4:3") << from << " -> " << to; // the field that binds the arguments
  EXPECT_NE(f.message.find("field `b` @1 of `Root` changed type from " + from + " to " + to), std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find(because), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

} // namespace

TEST(CapnpBreakingGenerics, BoxOfTextToBoxOfData) { expect_wire("Box(Text)", "Box(Data)", "(`v` @0: Text became Data)"); }

TEST(CapnpBreakingGenerics, BoxOfTextToBoxOfList) {
  expect_wire("Box(Text)", "Box(List(Int32))", "(`v` @0: Text became List(Int32))");
}

TEST(CapnpBreakingGenerics, BoxOfTextToBoxOfStruct) {
  expect_wire("Box(Text)", "Box(Point)", "(`v` @0: Text became Point)");
}

TEST(CapnpBreakingGenerics, ListOfBoxesOfTextToListOfBoxesOfData) {
  expect_wire("List(Box(Text))", "List(Box(Data))", "`v` @0: Text became Data");
}

TEST(CapnpBreakingGenerics, NestedArgumentsAreComparedToo) {
  expect_wire("Box(Box(Text))", "Box(Box(Data))", "`v` @0");
}

TEST(CapnpBreakingGenerics, SameArgumentsAreNoChange) {
  auto r = compare(with_field("Box(Text)"), with_field("Box(Text)"));
  EXPECT_EQ(r.status, SSMD_OK);
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}

TEST(CapnpBreakingGenerics, ArgumentsTheWireReadsTheSameAreASourceChange) {
  std::string vec = "struct Vec {\n  a @0 :Int32;\n  b @1 :Int32;\n}\n";
  auto r = compare(with_field("Box(Point)") + vec, with_field("Box(Vec)") + vec);
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  Finding f = only(r, "capnp/source/type-replaced");
  EXPECT_NE(f.message.find("from Box(Point) to Box(Vec)"), std::string::npos) << f.message;

  auto widened = compare(with_field("Box(Text)"), with_field("Box(AnyPointer)"));
  EXPECT_EQ(widened.status, SSMD_OK) << widened.findings.dump();
  only(widened, "capnp/source/type-replaced");
}

TEST(CapnpBreakingGenerics, AnArgumentTheGenericDoesNotUseChangesNothingOnTheWire) {
  std::string tag = "struct Tag(T) {\n  n @0 :UInt32;\n}\n";
  auto r = compare(with_field("Tag(Text)") + tag, with_field("Tag(Data)") + tag);
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_FALSE(r.findings.has_rule("capnp/breaking/field-type-changed")) << r.findings.dump();
}

TEST(CapnpBreakingGenerics, BindingsReachNestedTypesThatInheritThem) {
  // `inner :Inner` inside Outer(T) inherits T; Outer(Text) -> Outer(Data) retypes `inner.v`.
  std::string outer = "struct Outer(T) {\n  inner @0 :Inner;\n  struct Inner {\n    v @0 :T;\n  }\n}\n";
  auto r = compare(k_id + outer + "struct Root {\n  o @0 :Outer(Text);\n}\n",
                   k_id + outer + "struct Root {\n  o @0 :Outer(Data);\n}\n");
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_NE(f.message.find("from Outer(Text) to Outer(Data)"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("`inner` @0"), std::string::npos) << f.message;
}

TEST(CapnpBreakingGenerics, SwappedArgumentsOfATwoParameterGeneric) {
  std::string map = "struct Map(K, V) {\n  key @0 :K;\n  value @1 :V;\n}\n";
  auto r = compare(k_id + map + "struct Root {\n  m @0 :Map(Text, Data);\n}\n",
                   k_id + map + "struct Root {\n  m @0 :Map(Data, Text);\n}\n");
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_NE(f.message.find("from Map(Text, Data) to Map(Data, Text)"), std::string::npos) << f.message;
}

TEST(CapnpBreakingGenerics, AGenericThatSwitchesParametersBreaksItsUsers) {
  // Unbound, both parameters are AnyPointer (hygiene); bound differently by a user, the wire breaks there.
  auto unused = compare(k_id + "struct Map(K, V) {\n  key @0 :K;\n}\n", k_id + "struct Map(K, V) {\n  key @0 :V;\n}\n");
  EXPECT_EQ(unused.status, SSMD_OK) << unused.findings.dump();
  only(unused, "capnp/hygiene/type-narrowed");

  auto used = compare(k_id + "struct Map(K, V) {\n  key @0 :K;\n}\nstruct Root {\n  m @0 :Map(Text, Data);\n}\n",
                      k_id + "struct Map(K, V) {\n  key @0 :V;\n}\nstruct Root {\n  m @0 :Map(Text, Data);\n}\n");
  EXPECT_EQ(used.status, SSMD_FAILED) << used.findings.dump();
  Finding f = only(used, "capnp/breaking/field-type-changed");
  EXPECT_EQ(place(f), "s.capnp:6:3"); // Root.m, where the arguments are bound
}

TEST(CapnpBreakingGenerics, MadeGenericAndBoundToWhatItReplacedIsANote) {
  auto r = compare(k_id + "struct Holder {\n  v @0 :Text;\n}\nstruct Root {\n  h @0 :Holder;\n}\n",
                   k_id + "struct Holder(T) {\n  v @0 :T;\n}\nstruct Root {\n  h @0 :Holder(Text);\n}\n");
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  only(r, "capnp/note/made-generic");

  auto wrong = compare(k_id + "struct Holder {\n  v @0 :Text;\n}\nstruct Root {\n  h @0 :Holder;\n}\n",
                       k_id + "struct Holder(T) {\n  v @0 :T;\n}\nstruct Root {\n  h @0 :Holder(Data);\n}\n");
  EXPECT_EQ(wrong.status, SSMD_FAILED) << wrong.findings.dump();
  only(wrong, "capnp/breaking/field-type-changed");
}

TEST(CapnpBreakingGenerics, AGenericInterfaceBoundToOtherArgumentsCarriesOtherResults) {
  // Not in the oracle's pairs: it writes no capabilities, so it cannot call one.
  std::string api = "interface Api(T) {\n  get @0 () -> (v :T);\n}\n";
  auto r = compare(k_id + api + "struct Root {\n  c @0 :Api(Text);\n}\n", k_id + api + "struct Root {\n  c @0 :Api(Data);\n}\n");
  EXPECT_EQ(r.status, SSMD_FAILED) << r.findings.dump();
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_NE(f.message.find("from Api(Text) to Api(Data) (method `get` `v` @0: Text became Data)"), std::string::npos)
      << f.message;

  auto same = compare(k_id + api + "struct Root {\n  c @0 :Api(Text);\n}\n", k_id + api + "struct Root {\n  c @0 :Api(Text);\n}\n");
  EXPECT_TRUE(same.findings.findings.empty()) << same.findings.dump();
}
