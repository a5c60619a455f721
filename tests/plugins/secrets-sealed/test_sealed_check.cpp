// The offline check of `sealed-secret/<name>` keys during `ssmd validate`: the reference's syntax, and the
// committed SealedSecret manifest behind it. Manifests are written by the real `seal` command.
#include "sealed_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SealedCheck = SealedTest;

void write(const fs::path &path, const std::string &text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// True when every finding names the key and the environment.
bool all_name_key_and_environment(const Collector &c) {
  for (const auto &f : c.findings)
    if (f.message.find("`kalshi`") == std::string::npos || f.message.find("`kalshi-dev`") == std::string::npos)
      return false;
  return !c.findings.empty();
}
} // namespace

TEST_F(SealedCheck, AcceptsACommittedManifestThatSealsEveryField) {
  seal_canaries();
  ssmd_status status;
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")), &status);
  EXPECT_EQ(status, SSMD_OK) << out.dump();
  EXPECT_TRUE(out.findings.empty()) << out.dump();
}

// kubeseal's default output format, template first as Go's JSON encoder orders SealedSecretSpec.
static std::string kubeseal_json(const std::map<std::string, std::string> &data) {
  return "{\n  \"kind\": \"SealedSecret\",\n  \"apiVersion\": \"bitnami.com/v1alpha1\",\n  \"metadata\": {\n"
         "    \"name\": \"kalshi-api\",\n    \"namespace\": \"ssmd\",\n    \"creationTimestamp\": null\n  },\n"
         "  \"spec\": {\n    \"template\": {\n      \"metadata\": {\n        \"name\": \"kalshi-api\",\n"
         "        \"namespace\": \"ssmd\",\n        \"creationTimestamp\": null\n      }\n    },\n"
         "    \"encryptedData\": {\n      \"api_key\": \"" + data.at("api_key") + "\",\n      \"api_secret\": \"" +
         data.at("api_secret") + "\"\n    }\n  }\n}\n";
}

TEST_F(SealedCheck, AcceptsKubesealsJsonOutput) {
  seal_canaries();
  write(repo_.path() / "exchanges/sealed-secrets/kalshi-api.json", kubeseal_json(encrypted_data(manifest_path())));
  fs::remove(manifest_path());
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_TRUE(out.findings.empty()) << out.dump();
}

TEST_F(SealedCheck, EveryTruncationOfAJsonManifestIsReported) {
  seal_canaries();
  const std::string full = kubeseal_json(encrypted_data(manifest_path()));
  fs::remove(manifest_path());
  const fs::path json = repo_.path() / "exchanges/sealed-secrets/kalshi-api.json";
  for (size_t cut = 0; cut + 2 < full.size(); cut += 11) {
    write(json, full.substr(0, cut));
    ssmd_status status;
    auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")), &status);
    EXPECT_EQ(status, SSMD_FAILED) << "cut at " << cut << "\n" << out.dump();
    EXPECT_TRUE(all_name_key_and_environment(out)) << "cut at " << cut << "\n" << out.dump();
  }
}

TEST_F(SealedCheck, RejectsMalformedReferencesNamingKeyAndEnvironment) {
  auto before = repo_files();
  for (const std::string source : {"sealed-secret/", "sealed-secret/../x", "sealed-secret/a/b", "sealed-secret/..",
                                   "sealed-secret/Kalshi", "sealed-secret/a..b", "sealed-secret/-a", "sealed-secret/a_b",
                                   "sealed-secret", "sealed-secrets/x"}) {
    ssmd_status status;
    auto out = check(backend(), host(), KeyRequest(sealed_key(source)), &status);
    EXPECT_EQ(status, SSMD_FAILED) << source;
    const auto *f = out.find("sealed-secret/reference");
    ASSERT_NE(f, nullptr) << source << "\n" << out.dump();
    EXPECT_EQ(f->path, "source");
    EXPECT_TRUE(all_name_key_and_environment(out)) << out.dump();
  }
  EXPECT_EQ(repo_files(), before);
}

TEST_F(SealedCheck, ReportsAMissingManifestAndHowToMakeIt) {
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  ASSERT_TRUE(has_finding(out, "sealed-secret/manifest-missing",
                          {"`kalshi`", "`kalshi-dev`", "exchanges/sealed-secrets/", "ssmd sealed-secret seal kalshi-api"}))
      << out.dump();
  // A reference: the manifest may live in the cluster's repository, so its absence here is a warning (a team's
  // ssmd.yaml makes it an error).
  EXPECT_EQ(out.find("sealed-secret/manifest-missing")->severity, SSMD_SEVERITY_WARNING) << out.dump();
  EXPECT_NE(out.find("sealed-secret/manifest-missing")->message.find("another repository"), std::string::npos);
}

TEST_F(SealedCheck, ReportsAFieldTheManifestDoesNotSeal) {
  seal_canaries();
  auto out = check(backend(), host(), KeyRequest("fields: [api_key, api_secret, passphrase]\nsource: sealed-secret/kalshi-api\n"));
  const auto *f = out.find("sealed-secret/field-not-sealed");
  ASSERT_NE(f, nullptr) << out.dump();
  EXPECT_EQ(f->path, "fields[2]");
  EXPECT_EQ(f->severity, SSMD_SEVERITY_ERROR);
  EXPECT_EQ(out.errors(), 1u) << out.dump();
  auto optional = check(backend(), host(),
                        KeyRequest("required: false\nfields: [passphrase]\nsource: sealed-secret/kalshi-api\n"));
  ASSERT_NE(optional.find("sealed-secret/field-not-sealed"), nullptr) << optional.dump();
  EXPECT_EQ(optional.find("sealed-secret/field-not-sealed")->severity, SSMD_SEVERITY_WARNING);
}

TEST_F(SealedCheck, EveryTruncationInsideTheSealedDataIsReported) {
  const std::string full = read_file(seal_canaries());
  // Every cut up to the template's key loses sealed data or the template that follows it.
  const size_t data_end = full.find("  template:") + std::string("  template:").size();
  ASSERT_NE(data_end, std::string::npos);
  size_t cuts = 0;
  for (size_t cut = 0; cut <= data_end; cut += (data_end - cut > 40 ? 7 : 1), ++cuts) {
    write(manifest_path(), full.substr(0, cut));
    ssmd_status status;
    auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")), &status);
    EXPECT_EQ(status, SSMD_FAILED) << "cut at " << cut << "\n" << out.dump();
    EXPECT_TRUE(all_name_key_and_environment(out)) << "cut at " << cut << "\n" << out.dump();
  }
  EXPECT_GT(cuts, 50u);
}

TEST_F(SealedCheck, ATruncatedValueIsPlacedOnItsLine) {
  const std::string full = read_file(seal_canaries());
  const size_t value_line = full.find("    api_secret: ");
  write(manifest_path(), full.substr(0, value_line + 60) + "\n" + full.substr(full.find("  template:")));
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  const auto *f = out.find("sealed-secret/ciphertext");
  ASSERT_NE(f, nullptr) << out.dump();
  EXPECT_EQ(f->file, "exchanges/sealed-secrets/kalshi-api.yaml");
  EXPECT_EQ(f->line, 1 + std::count(full.begin(), full.begin() + value_line, '\n'));
  EXPECT_NE(f->message.find("`api_secret`"), std::string::npos);
}

TEST_F(SealedCheck, GarbageIsNotValidYamlAndTheFindingSaysWhere) {
  write(manifest_path(), "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec: {encryptedData: [\n\x01\x02garbage");
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  const auto *f = out.find("sealed-secret/manifest-invalid");
  ASSERT_NE(f, nullptr) << out.dump();
  EXPECT_EQ(f->file, "exchanges/sealed-secrets/kalshi-api.yaml");
  EXPECT_GT(f->line, 0u);
  EXPECT_TRUE(all_name_key_and_environment(out)) << out.dump();
}

TEST_F(SealedCheck, TheEnvelopeMustBeASealedSecretOfThatName) {
  const std::string full = read_file(seal_canaries());
  auto replaced = [&](const std::string &from, const std::string &to) {
    std::string text = full;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  for (const auto &[text, expect] : std::vector<std::pair<std::string, std::string>>{
           {replaced("kind: SealedSecret", "kind: Secret"), "kind is not SealedSecret"},
           {replaced("apiVersion: bitnami.com/v1alpha1", "apiVersion: v1"), "apiVersion"},
           {replaced("  name: kalshi-api\n", "  name: other\n"), "metadata.name `kalshi-api`"},
           {replaced("  encryptedData:", "  encryptedDatum:"), "spec.encryptedData"},
           {"- just\n- a list\n", "not a bare value or list"},
           {"", "empty"},
           {full + "---\n" + full, "several YAML documents"}}) {
    write(manifest_path(), text);
    auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
    EXPECT_TRUE(has_finding(out, "sealed-secret/manifest-invalid", {expect, "`kalshi`", "`kalshi-dev`"}))
        << expect << "\n" << out.dump();
  }
}

// Found by tests/fuzz/fuzz_sealed_manifest: yaml-cpp's LoadAll never returned on a manifest holding a lone
// comma. The check runs in a child with an alarm, so a regression fails instead of hanging the suite.
TEST_F(SealedCheck, AStrayCommaIsRefusedInsteadOfLoopingForever) {
  for (const std::string text : {",\n", ",", "{a: 1}\n,\n"}) {
    write(manifest_path(), text);
    EXPECT_EXIT(
        {
          ::alarm(10);
          auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
          std::_Exit(out.has_rule("sealed-secret/manifest-invalid") ? 0 : 1);
        },
        ::testing::ExitedWithCode(0), "")
        << "manifest: " << text;
  }
}

TEST_F(SealedCheck, TwoManifestsForOneNameAreAmbiguous) {
  seal_canaries();
  fs::copy_file(manifest_path(), repo_.path() / "exchanges/sealed-secrets/kalshi-api.json");
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_TRUE(has_finding(out, "sealed-secret/manifest-invalid", {"keep exactly one"})) << out.dump();
}

TEST_F(SealedCheck, LooksInTheConfiguredDirectory) {
  plugin().set_config("secrets.sealed_dir", "deploy/sealed/");
  seal_canaries();
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_TRUE(out.findings.empty()) << out.dump();
  for (const std::string bad : {"../outside", "/etc", "a/../../b"}) {
    plugin().set_config("secrets.sealed_dir", bad);
    auto refused = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
    EXPECT_TRUE(has_finding(refused, "sealed-secret/config", {"secrets.sealed_dir", "`kalshi-dev`"}))
        << bad << "\n" << refused.dump();
  }
}

TEST_F(SealedCheck, AlsoChecksTheKeysFieldsAndVariables) {
  seal_canaries();
  auto out = check(backend(), host(),
                   KeyRequest("fields: [api_key]\nsource: sealed-secret/kalshi-api\nenv: {api_key: 9BAD}\n"));
  EXPECT_TRUE(out.has_rule("secrets/variable-name")) << out.dump();
  auto none = check(backend(), host(), KeyRequest("source: sealed-secret/kalshi-api\n"));
  EXPECT_TRUE(none.has_rule("secrets/fields")) << none.dump();
}

TEST_F(SealedCheck, AConfiguredDirectoryMustBeAString) {
  seal_canaries();
  plugin().set_config("secrets.sealed_dir", "[a, b]");
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")));
  EXPECT_TRUE(has_finding(out, "sealed-secret/config", {"`secrets.sealed_dir` must be a string"})) << out.dump();
  plugin().set_config("secrets.sealed_dir", "~");
  EXPECT_TRUE(check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api"))).findings.empty())
      << "an explicit null means the default";
}

TEST_F(SealedCheck, OutsideARepositoryTheManifestCannotBeLookedFor) {
  plugin().set_repo_root("");
  ssmd_status status;
  auto out = check(backend(), host(), KeyRequest(sealed_key("sealed-secret/kalshi-api")), &status);
  EXPECT_EQ(status, SSMD_OK);
  const auto *f = out.find("sealed-secret/manifest-missing");
  ASSERT_NE(f, nullptr) << out.dump();
  EXPECT_EQ(f->severity, SSMD_SEVERITY_WARNING);
  EXPECT_NE(f->message.find("not in a repository"), std::string::npos);
}
