// A cloned repository's configuration (ssmd.yaml, a force-added .ssmd/config.yaml) cannot point ssmd at files
// outside the repository: not a schema import directory (whose files the capnp plugin would read and quote in
// findings), not the folder sealed-secret values are read from. The same settings in the user's own file work.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"
#include "secrets_world.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

void write_user_config(const GitRepo &repo, const std::string &yaml) {
  fs::create_directories(repo.base() / "home" / ".config" / "ssmd");
  std::ofstream(repo.base() / "home" / ".config" / "ssmd" / "config.yaml") << yaml;
}

} // namespace

TEST(UntrustedPaths, ARepositoryCannotPointSchemaImportsOutsideItself) {
  GitRepo repo;
  // trade v2 imports `/market/side.capnp`, which only a directory outside the repository holds.
  const fs::path outside = repo.base() / "outside";
  fs::create_directories(outside / "market");
  std::ofstream(outside / "market" / "side.capnp") << "@0xc3b9c0e9e3a6a0f1;\nenum Side {\n  buy @0;\n  sell @1;\n}\n";
  std::string newer = replaced(trade_with_added_field(), "  venue @8 :Text;", "  side @8 :import \"/market/side.capnp\".Side;");
  write_trade(repo, {{"v1", "trade.v1.capnp", bundled_trade()}, {"v2", "trade.v2.capnp", newer}});
  for (const char *version : {"trade:v1", "trade:v2"}) {
    auto hashed = repo.ssmd({"schema", "hash", version, "--update"});
    ASSERT_EQ(hashed.exit_code, 0) << hashed.out << hashed.err;
  }
  const std::string setting = "capnp:\n  import_paths: [\"" + outside.string() + "\"]\n";

  for (const char *file : {"ssmd.yaml", ".ssmd/config.yaml"}) {
    repo.write(file, setting);
    auto r = repo.ssmd({"validate"});
    EXPECT_EQ(r.exit_code, 1) << file << "\n" << r.out << r.err;
    EXPECT_TRUE(has(line_containing(r.out, "[capnp/import]"), "exchanges/schemas/trade.v2.capnp:")) << file << "\n" << r.out;
    EXPECT_TRUE(has(line_containing(r.out, "[capnp/config]"), "`" + outside.string() + "` is a directory outside the repository"))
        << file << "\n" << r.out;
    // --import-path makes the configured list a flag's, which is trusted: the outside entry is left out of it.
    auto flagged = repo.ssmd({"validate", "--import-path", "vendor"});
    EXPECT_EQ(flagged.exit_code, 1) << file << "\n" << flagged.out << flagged.err;
    EXPECT_TRUE(has(flagged.out, "[capnp/import]")) << file << "\n" << flagged.out;
    EXPECT_TRUE(has(flagged.err, "ssmd: warning: ignoring capnp.import_paths entry '" + outside.string() + "' at "))
        << file << "\n" << flagged.err;
    EXPECT_TRUE(has(flagged.err, "a repository's files may name only repository directories")) << flagged.err;
    fs::remove(repo.root() / file);
  }

  // The same directory in the user's own file is searched, even with the repository's file naming another.
  write_user_config(repo, setting);
  repo.write("ssmd.yaml", "capnp:\n  import_paths: [/etc]\n");
  auto user = repo.ssmd({"validate"});
  EXPECT_EQ(user.exit_code, 0) << user.out << user.err;
  EXPECT_FALSE(has(user.out, "[capnp/config]")) << user.out;
}

namespace {
using UntrustedMount = SecretsWorld;
} // namespace

TEST_F(UntrustedMount, ARepositoryCannotChooseWhereSealedValuesAreRead) {
  write_environment("sealed", one_key_environment("sealed", "sealed-secret/kalshi-creds"));
  mount("kalshi-creds", "api_key", kSealedCanary);
  mount("kalshi-creds", "api_secret", kSealedCanary);
  // Only the configuration names the mount folder now (the variable wins over every file).
  const std::string folder = env_.at("SSMD_SEALED_SECRET_DIR");
  env_.erase("SSMD_SEALED_SECRET_DIR");
  unset_.push_back("SSMD_SEALED_SECRET_DIR");
  const std::string setting = "secrets:\n  sealed_mount: \"" + folder + "\"\n";

  for (const char *file : {"ssmd.yaml", ".ssmd/config.yaml"}) {
    write_repo_file(file, setting);
    auto r = ssmd({"env", "check-keys", "sealed"});
    EXPECT_EQ(r.exit_code, 3) << file << "\n" << r.out << r.err;
    EXPECT_FALSE(has_row(r.out, {"only", "api_key", "sealed-secret/kalshi-creds", "present"})) << file << "\n" << r.out;
    EXPECT_TRUE(has(r.err, "ignoring `secrets.sealed_mount` from the repository's files")) << file << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "is not mounted at /run/secrets/kalshi-creds")) << file << "\n" << r.err;
    expect_clean(r, std::string("check-keys with sealed_mount in ") + file);
    // `env run` hands COMMAND nothing from that folder.
    auto run = ssmd({"env", "run", "sealed", "--", "sh", "-c", "env > " + (out() / "seen").string()});
    EXPECT_NE(run.exit_code, 0) << file << "\n" << run.out << run.err;
    EXPECT_FALSE(fs::exists(out() / "seen") && has(read_file(out() / "seen"), kSealedCanary)) << file;
    fs::remove(repo() / file);
  }

  write_user_config(setting);
  auto user = ssmd({"env", "check-keys", "sealed"});
  EXPECT_EQ(user.exit_code, 0) << user.out << user.err;
  EXPECT_TRUE(has_row(user.out, {"only", "api_key", "sealed-secret/kalshi-creds", "present"})) << user.out;
  EXPECT_FALSE(has(user.err, "ignoring `secrets.sealed_mount`")) << user.err;
}
