// `ssmd data` over manifests on a local disk.
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace ssmd::test;

namespace {
// Outside any repository: the build tree lies inside the source tree, whose exchanges/ is a repository with
// its own environments and storage.
RunOptions outside() {
  RunOptions o;
  o.cwd = "/";
  o.unset_env = {"SSMD_REPO"};
  return o;
}

std::string manifest(const std::string &date, const std::string &status, uint64_t bytes, const std::string &gaps,
                     const std::string &tree = "raw") {
  return "{\"feed\": \"kalshi\", \"date\": \"" + date + "\", \"data_type\": \"" + tree + "\", \"schema_version\": \"trade:v1\", "
         "\"status\": \"" + status + "\", \"record_count\": 10, \"byte_size\": " + std::to_string(bytes) +
         ", \"first_timestamp\": \"" + date + "T00:00:00Z\", \"last_timestamp\": \"" + date +
         "T23:59:00Z\", \"gaps\": " + gaps + ", \"quality_score\": 0.95, \"connector_version\": \"1.0\", "
         "\"created_at\": \"" + date + "T23:59:30Z\"}";
}

struct DataTree {
  TempDir dir;
  DataTree() {
    dir.write("raw/kalshi/2025/12/01/manifest.json", manifest("2025-12-01", "complete", 523000000, "[]"));
    dir.write("raw/kalshi/2025/12/02/manifest.json",
              manifest("2025-12-02", "partial", 1200000000,
                       "[{\"start\": \"2025-12-02T10:00:00Z\", \"end\": \"2025-12-02T10:30:00Z\", \"type\": "
                       "\"disconnect\", \"resolved\": false}]"));
    dir.write("raw/kalshi/2025/12/04/manifest.json", "{\"feed\": \"kalshi\"");  // malformed
    dir.write("normalized/kalshi/2025/12/01/manifest.json", manifest("2025-12-01", "complete", 100000000, "[]", "normalized"));
  }
  std::string raw() const { return (dir.path() / "raw").string(); }
  std::string normalized() const { return "file://" + (dir.path() / "normalized").string(); }
};
} // namespace

TEST(DataInventory, OneRowADayWithTotalsAndInvalidDays) {
  DataTree tree;
  auto r = run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-04", "--raw",
                     tree.raw(), "--normalized", tree.normalized()}, outside());
  EXPECT_EQ(r.exit_code, 1) << r.err; // one invalid manifest
  EXPECT_NE(r.out.find("2025-12-01  523MB    100MB       complete  0.95     0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-12-02  1.2GB    -           partial   0.95     1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-12-03  -        -           -         -        -"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-12-04  invalid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("TOTAL       1.7GB    100MB       3/4 days           1"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("raw/kalshi/2025/12/04/manifest.json: invalid manifest: malformed JSON"), std::string::npos)
      << r.err;
}

TEST(DataInventory, JsonOutput) {
  DataTree tree;
  auto r = run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-02", "--raw",
                     tree.raw(), "--output", "json"}, outside());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"date\": \"2025-12-02\""), std::string::npos);
  EXPECT_NE(r.out.find("\"raw_bytes\": 1723000000"), std::string::npos) << r.out;
}

TEST(DataInventory, UsageErrors) {
  DataTree tree;
  EXPECT_EQ(run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-05", "--to", "2025-12-01", "--raw",
                      tree.raw()}, outside())
                .exit_code,
            2);
  EXPECT_EQ(run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-13-01", "--to", "2025-12-01", "--raw",
                      tree.raw()}, outside())
                .exit_code,
            2);
  EXPECT_EQ(run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-02"}, outside()).exit_code, 2);
}

TEST(DataInventory, UnknownSchemeNamesThePluginKindNeeded) {
  auto r = run_ssmd({"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-02", "--raw",
                     "gopher://bucket/raw", "--plugin-path", "/nonexistent"}, outside());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("storage plugin for 'gopher://'"), std::string::npos) << r.err;
}

TEST(DataGaps, ListsGapsWithDuration) {
  DataTree tree;
  auto r = run_ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-02", "--raw", tree.raw()}, outside());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2025-12-02T10:00:00Z  2025-12-02T10:30:00Z  30m 00s   disconnect  no"), std::string::npos)
      << r.out;
  auto none = run_ssmd({"data", "gaps", "--feed", "kalshi", "--date", "2025-12-03", "--raw", tree.raw()}, outside());
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no manifest for kalshi on 2025-12-03"), std::string::npos);
}

TEST(DataQuality, ReportsTheDayAndCrossChecksTheRegistry) {
  DataTree tree;
  // A repository whose registry knows trade:v1 from 2025-01-01 (the bundled one).
  std::filesystem::create_directories(tree.dir.path() / "repo");
  std::filesystem::copy(source_dir() / "exchanges", tree.dir.path() / "repo/exchanges",
                        std::filesystem::copy_options::recursive);
  RunOptions in_repo;
  in_repo.cwd = tree.dir.path() / "repo";
  in_repo.unset_env = {"SSMD_REPO"};
  auto r = run_ssmd({"data", "quality", "--feed", "kalshi", "--date", "2025-12-02", "--raw", tree.raw()}, in_repo);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("raw     partial  0.95     10       1.2GB  2025-12-02T00:00:00Z  2025-12-02T23:59:00Z  1 (1 open)  trade:v1"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("warning:"), std::string::npos) << r.out;

  // A schema version that was not in force that day is a warning.
  tree.dir.write("raw/kalshi/2025/12/03/manifest.json",
                 std::regex_replace(std::regex_replace(read_file(tree.dir.path() / "raw/kalshi/2025/12/02/manifest.json"),
                                                       std::regex("2025-12-02"), "2025-12-03"),
                                    std::regex("trade:v1"), "trade:v9"));
  auto v9 = run_ssmd({"data", "quality", "--feed", "kalshi", "--date", "2025-12-03", "--raw", tree.raw(), "--output", "json"},
                     in_repo);
  EXPECT_EQ(v9.exit_code, 0) << v9.err;
  EXPECT_NE(v9.out.find("schema_version trade:v9 was not in force on 2025-12-03; trade:v1 was"), std::string::npos)
      << v9.out;

  // A feed the registry does not know fails fast (it was an empty report with exit 0).
  tree.dir.write("raw/ghost/2025/12/02/manifest.json",
                 std::regex_replace(read_file(tree.dir.path() / "raw/kalshi/2025/12/02/manifest.json"),
                                    std::regex("\"kalshi\""), "\"ghost\""));
  auto ghost = run_ssmd({"data", "quality", "--feed", "ghost", "--date", "2025-12-02", "--raw", tree.raw()}, in_repo);
  EXPECT_EQ(ghost.exit_code, 1) << ghost.out;
  EXPECT_NE(ghost.err.find("feed 'ghost' is not registered (no exchanges/feeds/ghost.yaml); registered feeds: kalshi, kalshi-demo, polymarket"),
            std::string::npos)
      << ghost.err;
  EXPECT_EQ(ghost.out, "");
}

TEST(DataInventory, ReadsTheLocationFromAnEnvironment) {
  DataTree tree;
  tree.dir.write("exchanges/feeds/kalshi.yaml", read_file(source_dir() / "exchanges/feeds/kalshi.yaml"));
  tree.dir.write("exchanges/environments/lab.yaml", "name: lab\nfeed: kalshi\nstorage: {type: local, path: ./}\n");
  RunOptions in_repo;
  in_repo.cwd = tree.dir.path();
  in_repo.unset_env = {"SSMD_REPO"};
  auto r = run_ssmd({"data", "inventory", "--feed", "kalshi", "--env", "lab", "--from", "2025-12-01", "--to",
                     "2025-12-01"},
                    in_repo);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2025-12-01  523MB  100MB       complete"), std::string::npos) << r.out;
  auto both = run_ssmd({"data", "inventory", "--feed", "kalshi", "--env", "lab", "--raw", "x", "--from", "2025-12-01",
                        "--to", "2025-12-01"},
                       in_repo);
  EXPECT_EQ(both.exit_code, 2);
}

TEST(DataInventory, AProgressLineOnATerminalAndNothingWhenPiped) {
  DataTree tree;
  std::vector<std::string> args = {"data", "inventory", "--feed", "kalshi", "--from", "2025-01-01", "--to", "2025-12-31",
                                   "--raw", tree.raw()};
  auto piped = run_ssmd(args, outside());
  EXPECT_EQ(piped.exit_code, 1) << piped.err; // the tree's malformed day
  EXPECT_FALSE(piped.err.find("Reading manifests") != std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;

  // script(1) gives ssmd a pseudo-terminal; its transcript is what a user sees.
  RunOptions o;
  o.env = {{"TERM", "xterm"}};
  o.unset_env = {"SSMD_REPO", "SSMD_OUTPUT", "NO_COLOR"};
  std::string command = "$SSMD_BINARY";
  for (const auto &a : args) command += " '" + a + "'";
  auto tty = run_shell("script -qfec \"" + command + "\" /dev/null", o);
  EXPECT_NE(tty.out.find("Reading manifests"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("/365 ("), std::string::npos) << tty.out; // one manifest a day, one store
  // The line is erased before the table, which starts on a clean line.
  EXPECT_NE(tty.out.find("\r\033[K"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("2025-12-02  1.2GB"), std::string::npos) << tty.out;
}

TEST(DataInventory, AnEndpointFlagThatReachesNoPluginIsAWarning) {
  DataTree tree;
  auto inventory = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"data", "inventory", "--feed", "kalshi", "--from", "2025-12-01", "--to", "2025-12-01",
                                  "--raw", tree.raw()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_ssmd(args, outside());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.err;
  };
  // --endpoint with data on local disk: nothing to send it to.
  const std::string generic = inventory({"--endpoint", "http://127.0.0.1:9"});
  EXPECT_NE(generic.find("ssmd: warning: --endpoint is ignored: no data location here uses a plugin's URL scheme"),
            std::string::npos)
      << generic;
  // --s3-endpoint (the bundled storage-s3 plugin's flag) with no s3:// location.
  const std::string scheme = inventory({"--s3-endpoint", "http://127.0.0.1:9"});
  EXPECT_NE(scheme.find("ssmd: warning: --s3-endpoint is ignored: no data location here uses s3://"), std::string::npos)
      << scheme;
  // Without an endpoint flag, no warning.
  const std::string plain = inventory({});
  EXPECT_EQ(plain.find("warning"), std::string::npos) << plain;
}
