// Every schema Cap'n Proto installs under /usr/include/capnp, registered with the real `ssmd schema
// register` and checked by `ssmd validate` with the bundled capnp plugin: real-world files validate clean,
// including annotation-only ones (c++.capnp declares no struct, so it has no root to provide).
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_system = "/usr/include/capnp";

// The root struct a user would name for each installed schema that has structs; none for the others.
const std::map<std::string, std::string> k_roots = {
    {"schema.capnp", "Node"},         {"rpc.capnp", "Message"},
    {"rpc-twoparty.capnp", "VatId"},  {"persistent.capnp", "Persistent.SaveParams"},
    {"stream.capnp", "StreamResult"}, {"compat/json.capnp", "Value"}};

// "compat/rpc-twoparty.capnp" -> "compat_rpc_twoparty": a valid schema name per file.
std::string schema_name(const std::string &relative) {
  std::string out = relative.substr(0, relative.size() - std::string(".capnp").size());
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '/' || c == '-'; }, '_');
  return out == "c++" ? "cxx" : out;
}

RunResult ssmd_in(const TempDir &repo, std::vector<std::string> args) {
  RunOptions o;
  o.cwd = repo.path();
  o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"};
  return run_ssmd(args, o);
}

} // namespace

TEST(SchemaSystemE2E, EveryInstalledSchemaRegisteredAsASchemaValidatesClean) {
  std::vector<std::string> files;
  for (const auto &entry : fs::recursive_directory_iterator(k_system))
    if (entry.is_regular_file() && entry.path().extension() == ".capnp")
      files.push_back(fs::relative(entry.path(), k_system).string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 7u) << "expected schema.capnp, c++.capnp, rpc.capnp, ... under " << k_system;
  ASSERT_TRUE(std::find(files.begin(), files.end(), "c++.capnp") != files.end());

  TempDir repo;
  fs::create_directories(repo.path() / "exchanges/schemas");
  for (const auto &file : files) {
    std::vector<std::string> args = {"schema", "register", schema_name(file), "--file", (k_system / file).string(),
                                     "--effective-from", "2025-01-01"};
    // A file the map does not know gets no --root: its default root must then hold (or it has no struct).
    if (auto root = k_roots.find(file); root != k_roots.end()) args.insert(args.end(), {"--root", root->second});
    auto registered = ssmd_in(repo, args);
    ASSERT_EQ(registered.exit_code, 0) << file << "\n" << registered.out << registered.err;
    auto active = ssmd_in(repo, {"schema", "set-status", schema_name(file) + ":v1", "active"});
    ASSERT_EQ(active.exit_code, 0) << file << "\n" << active.out << active.err;
  }

  auto r = ssmd_in(repo, {"validate", "--no-cache"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 errors, 0 warnings"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("capnp/"), std::string::npos) << "no capnp finding expected\n" << r.out;
}

TEST(SchemaSystemE2E, AnExplicitRootIsCheckedEvenInAFileWithoutStructs) {
  TempDir repo;
  fs::create_directories(repo.path() / "exchanges/schemas");
  auto registered = ssmd_in(repo, {"schema", "register", "cxx", "--file", (k_system / "c++.capnp").string(),
                                   "--root", "Namespace"});
  // Writes run every validate rule, so the missing root refuses the registration itself.
  EXPECT_EQ(registered.exit_code, 1) << registered.out << registered.err;
  EXPECT_NE(registered.err.find("exchanges/schemas/cxx.v1.capnp:"), std::string::npos) << registered.err;
  EXPECT_NE(registered.err.find("[capnp/root-missing]"), std::string::npos) << registered.err;
  EXPECT_FALSE(fs::exists(repo.path() / "exchanges/schemas/cxx.v1.capnp"));
  EXPECT_FALSE(fs::exists(repo.path() / "exchanges/schemas/cxx.yaml"));
}
