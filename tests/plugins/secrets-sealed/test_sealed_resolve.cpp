// Resolution of `sealed-secret/<name>` keys at run time, from the Secret the controller unsealed and the pod
// mounted as a directory with one file per field.
#include "sealed_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SealedResolve = SealedTest;

void write(const fs::path &path, const std::string &text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const std::vector<std::string> kCanaries{kCanaryKey, kCanarySecret};
} // namespace

TEST_F(SealedResolve, ReadsTheMountedSecretNamedBySsmdSealedSecretDir) {
  TempDir mounts;
  write(mounts.path() / "kalshi-api/api_key", kCanaryKey);
  write(mounts.path() / "kalshi-api/api_secret", kCanarySecret + "\n");
  set_env("SSMD_SEALED_SECRET_DIR", (mounts.path() / "{name}").string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret + "\n") << "a Secret's value is kept byte for byte";
  EXPECT_TRUE(r.diagnostics.findings.empty());
}

TEST_F(SealedResolve, FollowsKubernetesSymlinkedLayout) {
  TempDir mount;
  write(mount.path() / "..2025_01_01_00_00_00.000/api_key", kCanaryKey);
  write(mount.path() / "..2025_01_01_00_00_00.000/api_secret", kCanarySecret);
  fs::create_directory_symlink("..2025_01_01_00_00_00.000", mount.path() / "..data");
  fs::create_symlink("..data/api_key", mount.path() / "api_key");
  fs::create_symlink("..data/api_secret", mount.path() / "api_secret");
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
}

TEST_F(SealedResolve, UsesTheConfiguredMountWhenTheVariableIsUnset) {
  TempDir mounts;
  write(mounts.path() / "secrets/kalshi-api/api_key", kCanaryKey);
  write(mounts.path() / "secrets/kalshi-api/api_secret", kCanarySecret);
  plugin().set_config("secrets.sealed_mount", "'" + (mounts.path() / "secrets/{name}").string() + "'");
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
}

TEST_F(SealedResolve, AMissingFileIsAMissingFieldByPath) {
  TempDir mount;
  write(mount.path() / "api_key", kCanaryKey);
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_FAILED);
  const auto *f = r.diagnostics.find("secrets/missing-field");
  ASSERT_NE(f, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(f->path, "fields[1]");
  EXPECT_NE(f->message.find("`kalshi-dev`"), std::string::npos);
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  expect_no_canary(all_text(r.diagnostics), kCanaries, "diagnostics");
}

TEST_F(SealedResolve, AnEmptyFileIsAMissingFieldAsInEveryBackend) {
  TempDir mount;
  write(mount.path() / "api_key", "");
  write(mount.path() / "api_secret", kCanarySecret);
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_FAILED);
  const auto *f = r.diagnostics.find("secrets/missing-field");
  ASSERT_NE(f, nullptr) << r.diagnostics.dump();
  EXPECT_EQ(f->path, "fields[0]");
  EXPECT_NE(f->message.find("is empty"), std::string::npos) << f->message;
  EXPECT_EQ(r.values.count("api_key"), 0u) << "an empty value is not sent";
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
}

TEST_F(SealedResolve, AnAbsentMountIsAnEnvironmentError) {
  set_env("SSMD_SEALED_SECRET_DIR", (repo_.path() / "not-mounted").string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "sealed-secret/mount", {"not mounted", "SSMD_SEALED_SECRET_DIR", "`kalshi`"}))
      << r.diagnostics.dump();
  EXPECT_TRUE(r.values.empty());
}

TEST_F(SealedResolve, TheDefaultMountIsUnderRunSecrets) {
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/ssmd-test-surely-absent")));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "sealed-secret/mount", {"/run/secrets/ssmd-test-surely-absent"}))
      << r.diagnostics.dump();
}

TEST_F(SealedResolve, AFieldThatIsADirectoryIsReportedNotRead) {
  TempDir mount;
  write(mount.path() / "api_key", kCanaryKey);
  fs::create_directories(mount.path() / "api_secret");
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "sealed-secret/mount", {"`api_secret`", "not a regular file"}))
      << r.diagnostics.dump();
  expect_no_canary(all_text(r.diagnostics), kCanaries, "diagnostics");
}

TEST_F(SealedResolve, AMalformedReferenceReadsNothing) {
  TempDir mount;
  write(mount.path() / "api_key", kCanaryKey);
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/../x")));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(r.values.empty());
  EXPECT_TRUE(has_finding(r.diagnostics, "sealed-secret/reference", {"`kalshi`", "`kalshi-dev`"}))
      << r.diagnostics.dump();
}

TEST_F(SealedResolve, VariableNamesFollowTheEnvMap) {
  KeyRequest req(sealed_key("sealed-secret/kalshi-api", "env: {api_key: KALSHI_KEY}\n"));
  EXPECT_EQ(variable_name(backend(), host(), req, "api_key"), "KALSHI_KEY");
  EXPECT_EQ(variable_name(backend(), host(), req, "api_secret"), "SSMD_KALSHI_API_SECRET");
}

TEST_F(SealedResolve, SealedThenMountedRoundTrip) {
  // What `seal` wrote, unsealed by the independent implementation and mounted, resolves to the input values.
  auto manifest = seal_canaries();
  auto unsealed = unseal(manifest, "ssmd/kalshi-api", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  TempDir mount;
  for (const auto &[field, value] : *unsealed) write(mount.path() / field, value);
  set_env("SSMD_SEALED_SECRET_DIR", mount.path().string());
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_OK) << r.diagnostics.dump();
  EXPECT_EQ(r.values.at("api_key"), kCanaryKey);
  EXPECT_EQ(r.values.at("api_secret"), kCanarySecret);
}

TEST_F(SealedResolve, AConfiguredMountMustBeAString) {
  plugin().set_config("secrets.sealed_mount", "{path: /run/secrets}");
  auto r = resolve(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(has_finding(r.diagnostics, "sealed-secret/config", {"`secrets.sealed_mount` must be a string", "`kalshi`"}))
      << r.diagnostics.dump();
}
