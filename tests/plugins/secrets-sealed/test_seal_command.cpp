// `ssmd sealed-secret seal`, run through the plugin's subcommand table. What it writes is unsealed by an
// independent implementation (unseal.js on node:crypto) with the controller's private key.
#include "sealed_fixture.hpp"

#include <gtest/gtest.h>

#include <openssl/evp.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SealCommand = SealedTest;

std::string base64_decode(const std::string &text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                          reinterpret_cast<const unsigned char *>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n) - (text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0));
  return out;
}

const std::vector<std::string> kCanaries{kCanaryKey, kCanarySecret};
} // namespace

TEST_F(SealCommand, StrictScopeSealsWhatAnIndependentImplementationUnseals) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  set_env("SSMD_KALSHI_API_API_SECRET", kCanarySecret);
  auto r = seal({"kalshi-api", "--namespace", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key",
                 "--field", "api_secret"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sealed 2 fields (api_key, api_secret) of `kalshi-api`"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("exchanges/sealed-secrets/kalshi-api.yaml"), std::string::npos) << r.out;
  expect_no_canary(r.all(), kCanaries, "seal output");

  const std::string manifest = read_file(manifest_path());
  expect_no_canary(manifest, kCanaries, "the manifest");
  EXPECT_NE(manifest.find("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n"), std::string::npos);
  EXPECT_NE(manifest.find("  name: kalshi-api\n  namespace: ssmd\n"), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("annotations"), std::string::npos) << "strict scope needs no annotation";

  auto unsealed = unseal(manifest_path(), "ssmd/kalshi-api", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  EXPECT_EQ(unsealed->at("api_key"), kCanaryKey);
  EXPECT_EQ(unsealed->at("api_secret"), kCanarySecret);
  // The label binds the value to its namespace and name, and only the controller's key opens it.
  EXPECT_FALSE(unseal(manifest_path(), "ssmd/other-name", keys().rsa_key).has_value());
  EXPECT_FALSE(unseal(manifest_path(), "ssmd", keys().rsa_key).has_value());
  EXPECT_FALSE(unseal(manifest_path(), "ssmd/kalshi-api", keys().other_rsa_key).has_value());
}

TEST_F(SealCommand, ValuesHaveKubesealsLayout) {
  seal_canaries();
  auto data = encrypted_data(manifest_path());
  std::string bytes = base64_decode(data.at("api_key"));
  ASSERT_GE(bytes.size(), 2u);
  size_t rsa_length = (static_cast<unsigned char>(bytes[0]) << 8) | static_cast<unsigned char>(bytes[1]);
  EXPECT_EQ(rsa_length, 256u) << "an RSA-2048 ciphertext";
  EXPECT_EQ(bytes.size(), 2 + 256 + kCanaryKey.size() + 16) << "length, RSA ciphertext, GCM ciphertext, tag";
}

TEST_F(SealCommand, EverySealingUsesAFreshSessionKey) {
  seal_canaries();
  auto first = encrypted_data(manifest_path());
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key=SSMD_CANARY_KEY",
                 "--field", "api_secret=SSMD_CANARY_SECRET", "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(encrypted_data(manifest_path()).at("api_key"), first.at("api_key"));
}

TEST_F(SealCommand, NamespaceWideScopeUsesTheNamespaceAsLabelAndAnnotates) {
  set_env("KEY_VAR", kCanaryKey);
  auto r = seal({"kalshi-api", "--namespace=ssmd", "--scope=namespace-wide", "--cert", keys().rsa_cert.string(),
                 "--field", "api_key=KEY_VAR"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string manifest = read_file(manifest_path());
  EXPECT_NE(manifest.find("sealedsecrets.bitnami.com/namespace-wide: \"true\""), std::string::npos) << manifest;
  auto unsealed = unseal(manifest_path(), "ssmd", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  EXPECT_EQ(unsealed->at("api_key"), kCanaryKey);
  EXPECT_FALSE(unseal(manifest_path(), "ssmd/kalshi-api", keys().rsa_key).has_value());
}

TEST_F(SealCommand, ClusterWideScopeUsesAnEmptyLabelAndNeedsNoNamespace) {
  set_env("KEY_VAR", kCanaryKey);
  auto r = seal({"kalshi-api", "--scope", "cluster-wide", "--cert", keys().rsa_cert.string(), "--field",
                 "api_key=KEY_VAR"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string manifest = read_file(manifest_path());
  EXPECT_NE(manifest.find("sealedsecrets.bitnami.com/cluster-wide: \"true\""), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("namespace:"), std::string::npos) << manifest;
  auto unsealed = unseal(manifest_path(), "", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  EXPECT_EQ(unsealed->at("api_key"), kCanaryKey);
}

TEST_F(SealCommand, ReadsFieldValueLinesFromStandardInput) {
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--from-stdin"},
                "# kalshi credentials\napi_key=" + kCanaryKey + "\r\n\napi_secret=" + kCanarySecret + "=x\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_no_canary(r.all(), kCanaries, "seal output");
  auto unsealed = unseal(manifest_path(), "ssmd/kalshi-api", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  EXPECT_EQ(unsealed->at("api_key"), kCanaryKey) << "the trailing CR is not part of the value";
  EXPECT_EQ(unsealed->at("api_secret"), kCanarySecret + "=x") << "only the first '=' separates";
}

TEST_F(SealCommand, SealsOneFieldFromStandardInputByteForByte) {
  const std::string pem_like = "-----BEGIN KEY-----\n" + kCanarySecret + "\n-----END KEY-----\n";
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--from-stdin", "--field",
                 "private_key"},
                pem_like);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto unsealed = unseal(manifest_path(), "ssmd/kalshi-api", keys().rsa_key);
  ASSERT_TRUE(unsealed.has_value());
  EXPECT_EQ(unsealed->at("private_key"), pem_like);
}

TEST_F(SealCommand, TakesTheCertificateFromSealedSecretsCert) {
  set_env("SEALED_SECRETS_CERT", keys().rsa_cert.string());
  set_env("KEY_VAR", kCanaryKey);
  auto r = seal({"kalshi-api", "-n", "ssmd", "--field", "api_key=KEY_VAR"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(unseal(manifest_path(), "ssmd/kalshi-api", keys().rsa_key).has_value());
}

TEST_F(SealCommand, WritesWhereConfiguredOrAsked) {
  plugin().set_config("secrets.sealed_dir", "deploy/sealed");
  seal_canaries();
  EXPECT_TRUE(fs::exists(repo_.path() / "deploy/sealed/kalshi-api.yaml"));
  TempDir elsewhere;
  auto r = seal({"other", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key=SSMD_CANARY_KEY",
                 "-o", (elsewhere.path() / "out/other.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(elsewhere.path() / "out/other.yaml"));
}

// A clone may commit exchanges/sealed-secrets as a symbolic link to a folder of the user's: `seal` refuses
// to write through it (exit 3, naming the link) and writes nothing there, with or without --force.
TEST_F(SealCommand, NeverWritesThroughALinkedManifestFolder) {
  TempDir elsewhere;
  fs::create_directories(repo_.path() / "exchanges");
  fs::create_directory_symlink(elsewhere.path(), repo_.path() / "exchanges/sealed-secrets");
  set_env("SSMD_CANARY_KEY", kCanaryKey);
  for (bool force : {false, true}) {
    std::vector<std::string> args{"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field",
                                  "api_key=SSMD_CANARY_KEY"};
    if (force) args.push_back("--force");
    auto r = seal(args);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("exchanges/sealed-secrets is a symbolic link (to " + elsewhere.path().string() + ")"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::is_empty(elsewhere.path()));
  }
  // A link to a folder inside the repository is refused as well: writes never follow a link.
  fs::remove(repo_.path() / "exchanges/sealed-secrets");
  fs::create_directories(repo_.path() / "deploy");
  fs::create_directory_symlink("../deploy", repo_.path() / "exchanges/sealed-secrets");
  auto inside = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key=SSMD_CANARY_KEY"});
  EXPECT_EQ(inside.exit_code, 3) << inside.err;
  EXPECT_TRUE(fs::is_empty(repo_.path() / "deploy"));
}

TEST_F(SealCommand, ArgumentsThatAreNotUtf8AreEscapedInMessages) {
  auto r = seal({"kalshi\xff", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kalshi\\xff"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\xff'), std::string::npos) << r.err;
}

TEST_F(SealCommand, RefusesANonRsaCertificateAndWritesNothing) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  auto before = repo_files();
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().ec_cert.string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("kalshi-api: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("RSA"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(keys().ec_cert.string()), std::string::npos) << r.err;
  EXPECT_EQ(repo_files(), before);
  expect_no_canary(r.all(), kCanaries, "seal output");
}

TEST_F(SealCommand, RefusesAnExpiredCertificate) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().expired_cert.string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expired"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(manifest_path()));
}

TEST_F(SealCommand, RefusesTextThatHoldsNoCertificate) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().not_a_cert.string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no PEM certificate"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(manifest_path()));
}

TEST_F(SealCommand, AnUnreadableCertificateIsAnEnvironmentError) {
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", (repo_.path() / "missing.pem").string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("cannot read the certificate"), std::string::npos) << r.err;
}

TEST_F(SealCommand, AMissingVariableNamesItWithoutPrintingTheOtherValues) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  auto before = repo_files();
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key", "--field",
                 "api_secret"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("SSMD_KALSHI_API_API_SECRET"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not set"), std::string::npos) << r.err;
  EXPECT_EQ(repo_files(), before);
  expect_no_canary(r.all(), kCanaries, "seal output");
}

TEST_F(SealCommand, ABadStandardInputLineIsNamedByNumberOnly) {
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--from-stdin"},
                "api_key=" + kCanaryKey + "\n" + kCanarySecret + "\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;
  expect_no_canary(r.all(), kCanaries, "seal output");
  EXPECT_FALSE(fs::exists(manifest_path()));
}

TEST_F(SealCommand, KeepsAnExistingManifestUnlessForced) {
  seal_canaries();
  const std::string original = read_file(manifest_path());
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key=SSMD_CANARY_KEY"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(manifest_path()), original);
  auto forced = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field",
                      "api_key=SSMD_CANARY_KEY", "--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(encrypted_data(manifest_path()).size(), 1u);
  // Only the manifest is left: the temporary file was renamed into place.
  EXPECT_EQ(repo_files(), (std::set<std::string>{"exchanges", "exchanges/sealed-secrets",
                                                 "exchanges/sealed-secrets/kalshi-api.yaml"}));
}

TEST_F(SealCommand, UsageErrorsExitWithTwoAndWriteNothing) {
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  const std::string cert = keys().rsa_cert.string();
  const std::vector<std::vector<std::string>> cases{
      {"kalshi-api", "--cert", cert, "--field", "api_key"},                         // no namespace
      {"../kalshi", "-n", "ssmd", "--cert", cert, "--field", "api_key"},            // not a Kubernetes name
      {"kalshi-api", "-n", "SSMD", "--cert", cert, "--field", "api_key"},           // not a namespace
      {"kalshi-api", "-n", "ssmd", "--cert", cert},                                 // no field
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--field", "api key"},           // bad field name
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--field", "api_key=1X"},        // bad variable name
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--field", "a", "--field", "a"}, // twice
      {"kalshi-api", "-n", "ssmd", "--field", "api_key"},                           // no certificate
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--field", "api_key", "--scope", "global"},
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--field", "api_key", "--frobnicate"},
      {"kalshi-api", "-n", "ssmd", "--cert", cert, "--from-stdin", "--field", "a", "--field", "b"},
      {"kalshi-api", kCanarySecret, "-n", "ssmd", "--cert", cert, "--field", "api_key"}, // a value as argument
  };
  for (const auto &args : cases) {
    auto r = seal(args);
    std::string shown;
    for (const auto &a : args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.err;
    EXPECT_NE(r.err.find("Usage: ssmd sealed-secret seal"), std::string::npos) << shown;
    expect_no_canary(r.all(), kCanaries, "usage error for " + shown);
  }
  EXPECT_TRUE(repo_files().empty());
}

TEST_F(SealCommand, OutsideARepositoryTheOutputMustBeNamed) {
  plugin().set_repo_root("");
  set_env("SSMD_KALSHI_API_API_KEY", kCanaryKey);
  auto r = seal({"kalshi-api", "-n", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--output"), std::string::npos) << r.err;
}

TEST_F(SealCommand, HelpAndUnknownVerbs) {
  auto help = seal({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--namespace"), std::string::npos);
  auto verb = run_captured(plugin().subcommand("sealed-secret"), host(), {"sealed-secret", "unseal"});
  EXPECT_EQ(verb.exit_code, 2);
  EXPECT_NE(verb.err.find("the verb is seal"), std::string::npos) << verb.err;
  auto none = run_captured(plugin().subcommand("sealed-secret"), host(), {"sealed-secret"});
  EXPECT_EQ(none.exit_code, 2);
}

TEST_F(SealCommand, TheManifestDeclaresTheCommand) {
  const auto *command = plugin().subcommand("sealed-secret");
  ASSERT_NE(command, nullptr);
  EXPECT_NE(std::string(command->summary.data, command->summary.size).find("SealedSecret"), std::string::npos);
}
