// The checker's `wire` verdict against the oracle's (wire_oracle.hpp), over every evolution pair under
// evolution/: the plugin says `wire` (a `capnp/breaking/...` finding) exactly when a message written by one
// version reads back differently with the other. The expected verdict is computed by writing and reading
// messages, never written down in the pair files.
#include "evolution_pairs.hpp"
#include "schema_repo.hpp"
#include "wire_oracle.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

using namespace ssmd::test;

namespace {

bool starts_with(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

std::string listed(const std::vector<std::string> &lines) {
  std::string out;
  for (const auto &l : lines) out += "    " + l + "\n";
  return out;
}

struct CheckerResult {
  bool wire = false;
  bool source = false;
  std::string problem; // a finding outside the comparison: the pair does not compile for the plugin
  std::string dump;
};

CheckerResult run_checker(const EvolutionPair &pair) {
  FileTree older, newer;
  for (const auto &[path, text] : pair.older) older["schemas/" + path] = text;
  for (const auto &[path, text] : pair.newer) newer["schemas/" + path] = text;
  auto call = breaking_between(older, {"schemas/root.capnp", "", ""}, newer, {"schemas/root.capnp", "", ""});
  CheckerResult r;
  r.dump = call.findings.dump();
  for (const auto &f : call.findings.findings) {
    if (starts_with(f.rule, "capnp/breaking/")) r.wire = true;
    else if (starts_with(f.rule, "capnp/source/")) r.source = true;
    else if (!starts_with(f.rule, "capnp/removal/") && !starts_with(f.rule, "capnp/hygiene/") &&
             !starts_with(f.rule, "capnp/note/") && f.severity == SSMD_SEVERITY_ERROR)
      r.problem = f.rule + ": " + f.message;
  }
  return r;
}

} // namespace

TEST(CapnpWireOracle, CheckerAgreesWithTheOracleOnEveryEvolutionPair) {
  auto start = std::chrono::steady_clock::now();
  // SSMD_EVOLUTION_DIR points the test at other pairs, e.g. those random_pairs.py generates while hunting
  // for disagreements.
  const char *dir = std::getenv("SSMD_EVOLUTION_DIR");
  auto pairs = load_evolution_pairs(dir && *dir ? dir : SCHEMA_CAPNP_EVOLUTION_DIR);
  EXPECT_GE(pairs.size(), 150u) << "the issue asks for at least 150 pairs";
  // [checker says wire][oracle says wire]
  size_t matrix[2][2] = {{0, 0}, {0, 0}};
  size_t messages = 0;
  double oracle_s = 0, checker_s = 0;
  for (const auto &pair : pairs) {
    auto t0 = std::chrono::steady_clock::now();
    auto truth = ssmd::test::oracle::compare(pair.older, pair.newer);
    oracle_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!truth.error.empty()) {
      ADD_FAILURE() << pair.name << ": the oracle could not parse it: " << truth.error;
      continue;
    }
    messages += truth.messages;
    auto t1 = std::chrono::steady_clock::now();
    CheckerResult checker = run_checker(pair);
    checker_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    if (!checker.problem.empty()) {
      ADD_FAILURE() << pair.name << ": the plugin did not compare it: " << checker.problem;
      continue;
    }
    bool oracle_wire = !truth.wire_compatible;
    ++matrix[checker.wire][oracle_wire];
    EXPECT_EQ(checker.wire, oracle_wire)
        << pair.name << ": " << pair.description << "  checker " << (checker.wire ? "wire" : "not wire") << ", oracle "
        << (oracle_wire ? "wire" : "not wire") << "\n  oracle differences:\n"
        << listed(truth.wire_differences) << "  findings:\n"
        << checker.dump;
    // Names that moved between fields or numbers, with the bytes intact, are what `source` says.
    if (!oracle_wire && !truth.names_kept) {
      EXPECT_TRUE(checker.source) << pair.name << ": names moved, but no source finding\n"
                                  << listed(truth.name_differences) << checker.dump;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "evolution pairs: " << pairs.size() << ", messages round-tripped: " << messages << ", " << seconds
            << " s (oracle " << oracle_s << ", checker " << checker_s << ")\n"
            << "                     oracle wire   oracle not wire\n"
            << "checker wire         " << matrix[1][1] << "            " << matrix[1][0] << "\n"
            << "checker not wire     " << matrix[0][1] << "            " << matrix[0][0] << "\n";
  // Both verdicts must be well represented, or agreement proves little.
  EXPECT_GE(matrix[1][1], 50u);
  EXPECT_GE(matrix[0][0], 50u);
}
