// Every schema Cap'n Proto installs under /usr/include/capnp checks clean when copied into a repository
// as a schema's file (its `/capnp/...` imports resolve from /usr/include).
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_system = "/usr/include/capnp";

std::vector<fs::path> system_schemas() {
  std::vector<fs::path> out;
  for (const auto &entry : fs::recursive_directory_iterator(k_system))
    if (entry.is_regular_file() && entry.path().extension() == ".capnp") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST(CapnpSystemSchemas, EveryInstalledSchemaChecksClean) {
  auto schemas = system_schemas();
  ASSERT_GE(schemas.size(), 7u) << "expected schema.capnp, c++.capnp, rpc.capnp, ... under " << k_system;
  SchemaRepo repo;
  for (const auto &path : schemas) {
    std::string relative = "schemas/" + fs::relative(path, k_system).string();
    repo.write(relative, read_file(path));
    auto r = repo.check({relative, "", ""});
    EXPECT_EQ(r.status, SSMD_OK) << relative << "\n" << r.findings.dump();
    EXPECT_TRUE(r.findings.findings.empty()) << relative << "\n" << r.findings.dump();
  }
}

TEST(CapnpSystemSchemas, RootsOfInstalledSchemasAreFound) {
  const std::map<std::string, std::string> roots = {
      {"schema.capnp", "Node"},         {"rpc.capnp", "Message"},
      {"rpc-twoparty.capnp", "VatId"},  {"persistent.capnp", "Persistent.SaveParams"},
      {"stream.capnp", "StreamResult"}, {"compat/json.capnp", "Value"}};
  SchemaRepo repo;
  for (const auto &[file, root] : roots) {
    repo.write("schemas/" + file, read_file(k_system / file));
    auto r = repo.check({"schemas/" + file, "system", root});
    EXPECT_EQ(r.status, SSMD_OK) << file << "\n" << r.findings.dump();
    EXPECT_TRUE(r.findings.findings.empty()) << file << "\n" << r.findings.dump();
  }
}

TEST(CapnpSystemSchemas, SchemaCapnpFingerprintAndSelfComparison) {
  SchemaRepo repo;
  repo.write("schemas/schema.capnp", read_file(k_system / "schema.capnp"));
  SchemaCall call;
  EXPECT_TRUE(repo.fingerprint({"schemas/schema.capnp", "", ""}, &call).has_value()) << call.findings.dump();
  auto r = repo.breaking({"schemas/schema.capnp", "", ""}, {"schemas/schema.capnp", "", ""});
  EXPECT_EQ(r.status, SSMD_OK);
  EXPECT_TRUE(r.findings.findings.empty()) << r.findings.dump();
}
