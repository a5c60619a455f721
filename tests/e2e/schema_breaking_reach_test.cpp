// `ssmd schema breaking` on what a schema reaches beyond its own file and declarations: types in imported
// files (with --from/--to, and with --against REF, which reads the imported files at REF too), generic
// arguments, and which categories fail the command (--fail-on, `breaking.fail_on` in ssmd.yaml). The real
// binary, the bundled capnp plugin, real git repositories.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {

const std::string k_common_id = "@0xc3b9c0e9e3a6a0f1;\n";
const std::string k_point_int32 = k_common_id + "struct Point {\n  x @0 :Int32;\n  y @1 :Int32;\n}\n";
const std::string k_point_int64 = k_common_id + "struct Point {\n  x @0 :Int32;\n  y @1 :Int64;\n}\n";

// A trade whose field `at` is a Point from `common`.
std::string trade_importing(const std::string &common) {
  return "@0xf029f2ceedccff7b;\nusing C = import \"" + common + "\";\nstruct Trade {\n  id @0 :UInt64;\n  at @1 :C.Point;\n}\n";
}

// A trade whose field `b` @1 has type `type`, with a generic Box and a Point to bind it to.
std::string trade_with_box(const std::string &type) {
  return "@0xf029f2ceedccff7b;\nstruct Trade {\n  id @0 :UInt64;\n  b @1 :" + type +
         ";\n}\nstruct Box(T) {\n  v @0 :T;\n}\nstruct Point {\n  x @0 :Int32;\n}\n";
}

} // namespace

TEST(SchemaBreakingReachE2E, FromAndToCompareTheFilesEachVersionImports) {
  GitRepo repo;
  repo.write("exchanges/schemas/common.v1.capnp", k_point_int32);
  repo.write("exchanges/schemas/common.v2.capnp", k_point_int64);
  write_trade(repo, {{"v1", "trade.v1.capnp", trade_importing("common.v1.capnp")},
                     {"v2", "trade.v2.capnp", trade_importing("common.v2.capnp")}});
  auto r = repo.ssmd({"schema", "breaking", "trade", "--from", "v1", "--to", "v2"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(line_starting(r.out, "exchanges/schemas/common.v2.capnp:4:3: error: wire: field `y` @1 of `Point` "
                                       "changed type from Int32 to Int64"),
                  "[capnp/breaking/field-type-changed]"))
      << r.out;
  EXPECT_TRUE(has(r.out, "trade v1 \u2192 v2: 1 wire, 0 removal, 0 hygiene, 0 source, 0 safe")) << r.out;

  // Both versions importing the same unchanged file: nothing to say.
  write_trade(repo, {{"v1", "trade.v1.capnp", trade_importing("common.v1.capnp")},
                     {"v2", "trade.v2.capnp", trade_importing("common.v1.capnp")}});
  auto same = repo.ssmd({"schema", "breaking", "trade", "--from", "v1", "--to", "v2"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
}

TEST(SchemaBreakingReachE2E, AgainstHeadReadsTheImportedFilesAtTheCommit) {
  // The realistic case: commit, edit only the imported file, compare against HEAD.
  GitRepo repo;
  repo.write("exchanges/schemas/common.capnp", k_point_int32);
  write_trade(repo, {{"v1", "trade.v1.capnp", trade_importing("common.capnp")}});
  repo.commit_all("trade v1 with a common Point");
  auto clean = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  repo.write("exchanges/schemas/common.capnp", k_point_int64);
  EXPECT_EQ(repo.git_ok("diff --name-only"), "exchanges/schemas/common.capnp\n") << "only the imported file changed";
  auto r = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "exchanges/schemas/common.capnp:4:3: error: wire: field `y` @1 of `Point` changed type from "
                         "Int32 to Int64"))
      << r.out;
  EXPECT_TRUE(has(r.out, " (HEAD) \u2192 v1 in the working tree: 1 wire,")) << r.out;

  // Committed, the older side is still read from the commit named: HEAD~1 holds the Int32.
  repo.commit_all("widen Point.y");
  EXPECT_EQ(repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD"}).exit_code, 0);
  auto earlier = repo.ssmd({"schema", "breaking", "trade", "--against", "HEAD~1", "--format", "json"});
  EXPECT_EQ(earlier.exit_code, 1) << earlier.out << earlier.err;
  EXPECT_TRUE(has(earlier.out, "\"file\": \"exchanges/schemas/common.capnp\"")) << earlier.out;
}

TEST(SchemaBreakingReachE2E, GenericArgumentsAreComparedWhereTheTypeIsUsed) {
  // The four wrong-"safe" cases, each exit 1 at the field that binds the arguments.
  for (const auto &[from, to] : std::vector<std::pair<std::string, std::string>>{{"Box(Text)", "Box(Data)"},
                                                                                {"Box(Text)", "Box(List(Int32))"},
                                                                                {"Box(Text)", "Box(Point)"},
                                                                                {"List(Box(Text))", "List(Box(Data))"}}) {
    GitRepo repo;
    write_trade(repo, {{"v1", "trade.v1.capnp", trade_with_box(from)}, {"v2", "trade.v2.capnp", trade_with_box(to)}});
    auto r = repo.ssmd({"schema", "breaking", "trade"});
    EXPECT_EQ(r.exit_code, 1) << from << " -> " << to << "\n" << r.out << r.err;
    EXPECT_TRUE(has(line_starting(r.out, "exchanges/schemas/trade.v2.capnp:4:3: error: wire: field `b` @1 of `Trade` "
                                         "changed type from " + from + " to " + to),
                    "[capnp/breaking/field-type-changed]"))
        << r.out;
  }
  // Arguments the wire reads the same way: a source change, exit 0.
  GitRepo repo;
  write_trade(repo, {{"v1", "trade.v1.capnp", trade_with_box("Box(Text)")},
                     {"v2", "trade.v2.capnp", trade_with_box("Box(AnyPointer)")}});
  auto widened = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(widened.exit_code, 0) << widened.out << widened.err;
  EXPECT_TRUE(has(widened.out, "warning: source: field `b` @1 of `Trade` changed type from Box(Text) to "
                               "Box(AnyPointer), which the wire reads the same way"))
      << widened.out;
}

TEST(SchemaBreakingReachE2E, FailOnFlagAndTeamSettingsChooseWhatFails) {
  GitRepo repo;
  // A removed field (the last one): removal, which fails by default.
  std::string without_outcome = replaced(bundled_trade(), "  outcome @7 :Outcome;", "");
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}, {"v2", "trade.v2.capnp", without_outcome}});
  auto by_default = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(by_default.exit_code, 1) << by_default.out;
  EXPECT_TRUE(has(by_default.out, "error: removal: field `outcome` @7")) << by_default.out;

  auto wire_only = repo.ssmd({"schema", "breaking", "trade", "--fail-on", "wire"});
  EXPECT_EQ(wire_only.exit_code, 0) << wire_only.out << wire_only.err;
  EXPECT_TRUE(has(wire_only.out, "warning: removal: field `outcome` @7")) << wire_only.out;
  EXPECT_TRUE(has(wire_only.out, "(failing on wire)\n")) << wire_only.out;

  // The team's committed settings say the same for every clone.
  repo.write("ssmd.yaml", "breaking:\n  fail_on: [wire]\n");
  EXPECT_EQ(repo.ssmd({"schema", "breaking", "trade"}).exit_code, 0);

  // An ID change is hygiene: it fails only where the team asks for it, and a flag overrides the team.
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()},
                     {"v2", "trade.v2.capnp", replaced(bundled_trade(), "struct Trade {", "struct Trade @0xa1b2c3d4e5f60718 {")}});
  EXPECT_EQ(repo.ssmd({"schema", "breaking", "trade"}).exit_code, 0);
  repo.write("ssmd.yaml", "breaking:\n  fail_on: [wire, removal, hygiene]\n");
  auto hygiene = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(hygiene.exit_code, 1) << hygiene.out;
  EXPECT_TRUE(has(hygiene.out, "error: hygiene: struct `Trade` changed its type ID")) << hygiene.out;
  EXPECT_TRUE(has(hygiene.out, "[capnp/hygiene/type-id-changed]")) << hygiene.out;
  EXPECT_EQ(repo.ssmd({"schema", "breaking", "trade", "--fail-on", "wire,removal"}).exit_code, 0);

  auto unknown = repo.ssmd({"schema", "breaking", "trade", "--fail-on", "wires"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.out;
  EXPECT_EQ(unknown.err, "ssmd: --fail-on: unknown category 'wires'; use wire, removal, hygiene, source, safe, or none\n");
  repo.write("ssmd.yaml", "breaking:\n  fail_on: [wire, wirez]\n");
  auto bad_setting = repo.ssmd({"schema", "breaking", "trade"});
  EXPECT_EQ(bad_setting.exit_code, 2) << bad_setting.out;
  EXPECT_TRUE(has(bad_setting.err, "ssmd.yaml:2:12: breaking.fail_on: unknown category 'wirez'")) << bad_setting.err;
}
