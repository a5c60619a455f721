// The offline check of `vault/<mount>/<path>` keys: syntax only, and never a request to Vault.
#include "vault_fixture.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {
using VaultCheck = VaultTest;
} // namespace

TEST_F(VaultCheck, AcceptsWellFormedReferences) {
  use_https();
  const size_t before = requests_total();
  for (const std::string source : {"vault/secret/ssmd/kalshi", "vault/kv/a", "vault/secret/team-a/kalshi@prod/v2",
                                    "vault/secret/ssmd/kalshi?version=3", "vault/kv/a?version=123456789"}) {
    ssmd_status status;
    auto out = check(backend(), host(), key(source), &status);
    EXPECT_EQ(status, SSMD_OK) << source << "\n" << out.dump();
    EXPECT_TRUE(out.findings.empty()) << source << "\n" << out.dump();
  }
  EXPECT_EQ(requests_total(), before) << "validate works offline";
}

TEST_F(VaultCheck, RejectsMalformedReferencesNamingKeyAndEnvironment) {
  use_https();
  const size_t before = requests_total();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"vault/", "names no mount and no path"},
      {"vault/secret", "names a mount but no secret path"},
      {"vault//ssmd/kalshi", "empty mount"},
      {"vault/secret/", "empty path segment"},
      {"vault/secret//kalshi", "empty path segment"},
      {"vault/secret/../kalshi", "`..`"},
      {"vault/secret/./kalshi", "`.`"},
      {"vault/../secret/kalshi", "the mount is `..`"},
      {"vault/secret/ssmd kalshi", "whitespace"},
      {"vault/secret/kalshi?version=0", "`?version=N`"},
      {"vault/secret/kalshi?versions=2", "`?version=N`"},
      {"vault/secret/kalshi?version=two", "`?version=N`"},
      {"vault/secret/kalshi?version=2&x=1", "`?version=N`"},
      {"vault/secret/kalshi?version=", "`?version=N`"},
      {"vault/secret/kal?shi/x?version=2", "`?version=N`"},
      {"vault/secret?version=2", "names a mount but no secret path"},
      {"vault/secret/kal%2Fshi", "one of"},
      {"vaults/secret/kalshi", "starts with `vault/`"},
  };
  for (const auto &[source, expected] : cases) {
    ssmd_status status;
    auto out = check(backend(), host(), key(source), &status);
    EXPECT_EQ(status, SSMD_FAILED) << source;
    EXPECT_TRUE(has_finding(out, "vault/reference", {expected, "`kalshi`", "`kalshi-dev`"})) << source << "\n"
                                                                                              << out.dump();
    ASSERT_NE(out.find("vault/reference"), nullptr);
    EXPECT_EQ(out.find("vault/reference")->path, "source");
  }
  EXPECT_EQ(requests_total(), before);
}

TEST_F(VaultCheck, AlsoChecksTheKeysFieldsAndVariables) {
  auto out = check(backend(), host(), key("vault/secret/ssmd/kalshi", "env: {api_key: 'NOT VALID'}\n"));
  EXPECT_TRUE(has_finding(out, "secrets/variable-name", {"`kalshi-dev`"})) << out.dump();
  auto none = check(backend(), host(), KeyRequest("source: vault/secret/ssmd/kalshi\nfields: []\n"));
  EXPECT_TRUE(none.has_rule("secrets/fields")) << none.dump();
}

TEST_F(VaultCheck, VariableNamesFollowTheEnvMap) {
  auto req = key("vault/secret/ssmd/kalshi", "env: {api_secret: KALSHI_SECRET}\n");
  EXPECT_EQ(variable_name(backend(), host(), req, "api_key"), "SSMD_KALSHI_API_KEY");
  EXPECT_EQ(variable_name(backend(), host(), req, "api_secret"), "KALSHI_SECRET");
}

TEST_F(VaultCheck, ResolveOfAMalformedReferenceSendsNoRequest) {
  use_https();
  const size_t before = requests_total();
  auto r = resolve_clean(key("vault/secret/../kalshi"));
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_TRUE(r.diagnostics.has_rule("vault/reference"));
  EXPECT_TRUE(r.values.empty());
  EXPECT_EQ(requests_total(), before);
}
