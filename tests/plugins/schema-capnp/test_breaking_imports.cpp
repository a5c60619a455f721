// `breaking` across imports: every type the compiled file reaches is compared, whichever file declares
// it, and findings about an imported type point into the file that declares it. Each version is read from
// its own tree with the same paths, as `--against REF` reads a commit and the working tree.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

const std::string k_root = "@0xdbb9ad1f14bf0b36;\nusing C = import \"common.capnp\";\n"
                           "struct Trade {\n  id @0 :UInt64;\n  at @1 :C.Point;\n}\n";
const std::string k_common_id = "@0xdbb9ad1f14bf0b37;\n";
const std::string k_point = "struct Point {\n  x @0 :Int32;\n  y @1 :Int32;\n}\n";

SchemaCall compare(const FileTree &older, const FileTree &newer) {
  Version v{"exchanges/schemas/trade.capnp", "trade", ""};
  return breaking_between(older, v, newer, v);
}

FileTree tree(const std::string &root, const std::string &common) {
  return {{"exchanges/schemas/trade.capnp", root}, {"exchanges/schemas/common.capnp", common}};
}

Finding only(const SchemaCall &r, const std::string &rule) {
  auto found = of_rule(r.findings, rule);
  EXPECT_EQ(found.size(), 1u) << "findings of " << rule << ":\n" << r.findings.dump();
  return found.empty() ? Finding{} : found[0];
}

} // namespace

TEST(CapnpBreakingImports, AChangeInAnImportedFileIsFoundThere) {
  // The case: only the imported file changes, and Point.y goes from Int32 to Int64.
  auto r = compare(tree(k_root, k_common_id + k_point),
                   tree(k_root, k_common_id + "struct Point {\n  x @0 :Int32;\n  y @1 :Int64;\n}\n"));
  EXPECT_EQ(r.status, SSMD_FAILED) << r.findings.dump();
  Finding f = only(r, "capnp/breaking/field-type-changed");
  EXPECT_EQ(place(f), "exchanges/schemas/common.capnp:4:3");
  EXPECT_NE(f.message.find("field `y` @1 of `Point` changed type from Int32 to Int64"), std::string::npos) << f.message;
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBreakingImports, SafeAndSourceChangesInAnImportedFileAreReportedThereToo) {
  auto r = compare(tree(k_root, k_common_id + k_point),
                   tree(k_root, k_common_id + "struct Point {\n  x @0 :Int32;\n  north @1 :Int32;\n  z @2 :Int32;\n}\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_EQ(place(only(r, "capnp/source/field-renamed")), "exchanges/schemas/common.capnp:4:3");
  EXPECT_EQ(place(only(r, "capnp/note/field-added")), "exchanges/schemas/common.capnp:5:3");
}

TEST(CapnpBreakingImports, AnImportedTypeRenamedWithoutAnExplicitIdFollowsTheField) {
  std::string spot_root = k_root;
  spot_root.replace(spot_root.find("C.Point"), 7, "C.Spot");
  auto r = compare(tree(k_root, k_common_id + k_point),
                   tree(spot_root, k_common_id + "struct Spot {\n  x @0 :Int32;\n  y @1 :Int32;\n}\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_EQ(place(only(r, "capnp/source/type-renamed")), "exchanges/schemas/common.capnp:2:8");
  only(r, "capnp/hygiene/type-id-changed");
  EXPECT_FALSE(r.findings.has_rule("capnp/removal/type-removed")) << "an imported file's types are not this schema's";
}

TEST(CapnpBreakingImports, TypesTwoImportsAwayAreCompared) {
  std::string common = k_common_id + "using D = import \"deep.capnp\";\nstruct Point {\n  x @0 :Int32;\n  d @1 :D.Deep;\n}\n";
  FileTree older = tree(k_root, common), newer = tree(k_root, common);
  older["exchanges/schemas/deep.capnp"] = "@0xdbb9ad1f14bf0b38;\nstruct Deep {\n  v @0 :Float32;\n}\n";
  newer["exchanges/schemas/deep.capnp"] = "@0xdbb9ad1f14bf0b38;\nstruct Deep {\n  v @0 :Float64;\n}\n";
  auto r = compare(older, newer);
  EXPECT_EQ(place(only(r, "capnp/breaking/field-type-changed")), "exchanges/schemas/deep.capnp:3:3");
}

TEST(CapnpBreakingImports, AStructMovedIntoAnImportedFileUnderItsIdIsTheSameStruct) {
  std::string id = " @0xa1b2c3d4e5f60718";
  auto r = compare({{"exchanges/schemas/trade.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  at @0 :Point;\n}\nstruct Point" +
                                                          id + " {\n  x @0 :Int32;\n}\n"}},
                   tree("@0xdbb9ad1f14bf0b36;\nusing C = import \"common.capnp\";\nstruct Trade {\n  at @0 :C.Point;\n}\n",
                        k_common_id + "struct Point" + id + " {\n  x @0 :Int32;\n}\n"));
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}
