// `ssmd env check-keys` against the three bundled secret backends (and the junk test backend): what is
// present, missing or in error, the exit codes, and the diagnostics for malformed references.
#include "plugin_env.hpp"
#include "secrets_world.hpp"

#include <algorithm>

using namespace ssmd::test;

namespace {
using SecretsCheckKeys = SecretsWorld;
} // namespace

TEST_F(SecretsCheckKeys, EveryFieldPresentIsExit0AndPrintsNoValue) {
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(has(line_starting(r.out, "KEY "), "FIELD")) << r.out;
  for (const auto &row : std::vector<std::vector<std::string>>{{"alpha", "api_key", "env"},
                                                               {"alpha", "api_secret", "env"},
                                                               {"beta", "token", "sealed-secret/beta-creds"},
                                                               {"gamma", "api_key", "vault/secret/ssmd/kalshi"},
                                                               {"gamma", "api_secret", "vault/secret/ssmd/kalshi"}})
    EXPECT_TRUE(has_row(r.out, {row[0], row[1], row[2], "present"})) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6) << r.out; // header and five fields
  EXPECT_FALSE(has(r.out, "missing") || has(r.out, "error")) << r.out;
  expect_clean(r, "check-keys");
  // The vault backend was asked over HTTPS with the token (the request log never holds the token itself).
  auto log = vault_log_lines(vault().log);
  EXPECT_TRUE(std::find(log.begin(), log.end(), "/v1/secret/data/ssmd/kalshi ns=- token=ok") != log.end());
}

TEST_F(SecretsCheckKeys, JsonHasOneItemPerFieldWithStatusAndNoValue) {
  auto r = ssmd({"env", "check-keys", "canary", "--output", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"environment\": \"canary\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"plugin\": \"secrets-sealed\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"plugin\": \"secrets-vault\"")) << r.out;
  size_t present = 0;
  for (size_t at = 0; (at = r.out.find("\"status\": \"present\"", at)) != std::string::npos; ++at) ++present;
  EXPECT_EQ(present, 5u) << r.out;
  EXPECT_TRUE(has(r.out, "\"findings\": []")) << r.out;
  expect_clean(r, "check-keys --output json");
}

TEST_F(SecretsCheckKeys, MissingRequiredFieldIsExit1WithTheVariableToSet) {
  unset_.push_back("SSMD_ALPHA_API_SECRET");
  env_.erase("SSMD_ALPHA_API_SECRET");
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"alpha", "api_secret", "env", "missing"})) << r.out;
  EXPECT_TRUE(has(line_containing(r.out, "export SSMD_ALPHA_API_SECRET"), "alpha")) << r.out;
  EXPECT_TRUE(has_row(r.out, {"alpha", "api_key", "env", "present"})) << r.out;
  // The finding points at the field in the environment file.
  EXPECT_TRUE(has(r.err, "exchanges/environments/canary.yaml:8:")) << r.err;
  EXPECT_TRUE(has(r.err, "key `alpha` of environment `canary`")) << r.err;
  EXPECT_TRUE(has(r.err, "[secrets/missing-field]")) << r.err;
  expect_clean(r, "check-keys with a missing field");
}

TEST_F(SecretsCheckKeys, MissingFieldOfOptionalKeyIsExit0) {
  write_environment("optional", one_key_environment("optional", "env", false));
  auto r = ssmd({"env", "check-keys", "optional"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(line_containing(r.out, "api_key"), "missing")) << r.out;
  EXPECT_TRUE(has(r.err, "warning:") && has(r.err, "not required")) << r.err;
  // The same key required fails.
  write_environment("needed", one_key_environment("needed", "env", true));
  EXPECT_EQ(ssmd({"env", "check-keys", "needed"}).exit_code, 1);
}

TEST_F(SecretsCheckKeys, SealedFieldNotMountedIsMissing) {
  write_environment("sealed", one_key_environment("sealed", "sealed-secret/beta-creds"));
  auto r = ssmd({"env", "check-keys", "sealed"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(line_containing(r.out, "api_key"), "missing")) << r.out;
  mount("beta-creds", "api_key", kSealedCanary);
  mount("beta-creds", "api_secret", kSealedCanary);
  auto now = ssmd({"env", "check-keys", "sealed"});
  EXPECT_EQ(now.exit_code, 0) << now.out << now.err;
  expect_clean(r, "check-keys sealed missing");
  expect_clean(now, "check-keys sealed present");
}

TEST_F(SecretsCheckKeys, UnreachableVaultIsExit3AndWritesNothing) {
  auto before = snapshot();
  env_["VAULT_ADDR"] = "http://127.0.0.1:1"; // nothing listens on port 1
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"gamma", "api_key", "vault/secret/ssmd/kalshi", "error"})) << r.out;
  EXPECT_TRUE(has(r.err, "key `gamma` of environment `canary`")) << r.err;
  EXPECT_TRUE(has(r.err, "[vault/unreachable]")) << r.err;
  // The other backends still answer.
  EXPECT_TRUE(has_row(r.out, {"beta", "token", "sealed-secret/beta-creds", "present"})) << r.out;
  EXPECT_EQ(snapshot(), before);
  expect_clean(r, "check-keys with Vault unreachable");
}

TEST_F(SecretsCheckKeys, UnknownPrefixIsExit3AndNamesThePluginKindNeeded) {
  write_environment("odd", one_key_environment("odd", "keychain/trading"));
  auto before = snapshot();
  auto r = ssmd({"env", "check-keys", "odd"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "exchanges/environments/odd.yaml:9:13: error: key `only` of environment `odd`")) << r.err;
  EXPECT_TRUE(has(r.err, "needs a plugin that provides a secret backend for prefix `keychain`")) << r.err;
  EXPECT_TRUE(has(r.err, "provides secret keychain")) << r.err;
  EXPECT_TRUE(has(r.err, "[secrets/no-backend]")) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out; // header and both fields, in error
  EXPECT_EQ(snapshot(), before);
}

TEST_F(SecretsCheckKeys, BackendOfAPluginNotAllowedIsExit3) {
  auto r = ssmd({"--plugins", "secrets-env,secrets-sealed", "env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "secret backend 'vault' is unavailable")) << r.err;
  EXPECT_TRUE(has(r.err, "--plugins")) << r.err;
  EXPECT_TRUE(has_row(r.out, {"alpha", "api_key", "env", "present"})) << r.out;
  expect_clean(r, "check-keys with a plugin not allowed");
}

TEST_F(SecretsCheckKeys, MalformedReferencesAreExit1NamingKeyAndEnvironment) {
  struct Case {
    std::string source, rule;
  };
  for (const auto &c : std::vector<Case>{{"vault/", "vault/reference"},
                                         {"vault/secret", "vault/reference"},
                                         {"sealed-secret/../x", "sealed-secret/reference"},
                                         {"sealed-secret/", "sealed-secret/reference"},
                                         {"env/kalshi", "env/source"},
                                         {"/secret/x", "secrets/source"},
                                         {"", "secrets/source"},
                                         {"my vault/x", "secrets/source"}}) {
    write_environment("bad", one_key_environment("bad", c.source));
    auto before = snapshot();
    auto r = ssmd({"env", "check-keys", "bad"});
    EXPECT_EQ(r.exit_code, 1) << c.source << "\n" << r.out << r.err;
    EXPECT_TRUE(has(r.err, "exchanges/environments/bad.yaml:9:")) << c.source << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "key `only` of environment `bad`")) << c.source << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "[" + c.rule + "]")) << c.source << "\n" << r.err;
    EXPECT_TRUE(has(line_containing(r.out, "api_key"), "error")) << c.source << "\n" << r.out;
    EXPECT_EQ(snapshot(), before);
    expect_clean(r, "check-keys " + c.source);
  }
}

TEST_F(SecretsCheckKeys, InheritedKeysAreCheckedForTheChildEnvironment) {
  write_environment("child", "name: child\nextends: canary\n");
  auto r = ssmd({"env", "check-keys", "child", "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "\"environment\": \"child\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"from\": \"canary\"")) << r.out;
  unset_.push_back("ALPHA_API_KEY");
  env_.erase("ALPHA_API_KEY");
  auto missing = ssmd({"env", "check-keys", "child"});
  EXPECT_EQ(missing.exit_code, 1);
  // The message names the environment asked about; the location is the parent's file, where the key is.
  EXPECT_TRUE(has(missing.err, "exchanges/environments/canary.yaml:8:")) << missing.err;
  EXPECT_TRUE(has(missing.err, "key `alpha` of environment `child`")) << missing.err;
}

TEST_F(SecretsCheckKeys, UnknownEnvironmentIsExit1AndUsageErrorsExit2) {
  auto r = ssmd({"env", "check-keys", "canaryy"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "did you mean 'canary'?")) << r.err;
  EXPECT_EQ(ssmd({"env", "check-keys"}).exit_code, 2);
  EXPECT_EQ(ssmd({"env", "check-keys", "canary", "--output", "yaml"}).exit_code, 2);
}

TEST_F(SecretsCheckKeys, BackendBreakingTheContractIsExit3) {
  use_junk_backend();
  for (const std::string what : {"status", "silent", "throw"}) {
    write_environment("junk", one_key_environment("junk", "junk/" + what));
    auto r = ssmd({"env", "check-keys", "junk"});
    EXPECT_EQ(r.exit_code, 3) << what << "\n" << r.out << r.err;
    EXPECT_TRUE(has(r.err, "key `only` of environment `junk`")) << what << "\n" << r.err;
    expect_clean(r, "check-keys junk/" + what);
  }
}

TEST_F(SecretsCheckKeys, BackendAnsweringOkDoesNotHideAnErrorOrAMissingRequiredField) {
  use_junk_backend();
  write_environment("junk", one_key_environment("junk", "junk/error-ok"));
  auto error = ssmd({"env", "check-keys", "junk"});
  EXPECT_EQ(error.exit_code, 1) << error.out << error.err;
  EXPECT_TRUE(has_row(error.out, {"only", "api_key", "junk/error-ok", "error", "the first field is broken"}))
      << error.out;
  EXPECT_TRUE(has_row(error.out, {"only", "api_secret", "junk/error-ok", "present"})) << error.out;
  write_environment("junk", one_key_environment("junk", "junk/warn-required"));
  auto missing = ssmd({"env", "check-keys", "junk"});
  EXPECT_EQ(missing.exit_code, 1) << missing.out << missing.err;
  EXPECT_TRUE(
      has_row(missing.out, {"only", "api_key", "junk/warn-required", "missing", "the first field is not there"}))
      << missing.out;
  // Not required, the same answer is fine.
  write_environment("junk", one_key_environment("junk", "junk/warn-required", false));
  EXPECT_EQ(ssmd({"env", "check-keys", "junk"}).exit_code, 0);
}

TEST_F(SecretsCheckKeys, AShortValueDoesNotMangleMessages) {
  // Values under four bytes are not masked, so the message about the other field stays readable.
  env_["ALPHA_API_KEY"] = "x";
  unset_.push_back("SSMD_ALPHA_API_SECRET");
  env_.erase("SSMD_ALPHA_API_SECRET");
  auto r = ssmd({"env", "check-keys", "canary"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "field `api_secret` is not set: export SSMD_ALPHA_API_SECRET [secrets/missing-field]"))
      << r.err;
}
