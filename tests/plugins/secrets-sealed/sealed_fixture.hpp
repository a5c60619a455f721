// Shared set-up of the secrets-sealed suites: the plugin loaded through its C ABI, a fresh repository per
// test, controller key pairs made with the openssl CLI, and an independent unsealer (unseal.js, node:crypto).
#pragma once

#include "captured_run.hpp"
#include "plugin_harness.hpp"
#include "run_ssmd.hpp"
#include "secret_calls.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ssmd::test {

inline const std::string kCanaryKey = "canary-key-51c0ffee9d";
inline const std::string kCanarySecret = "canary-secret-e7a4b2f6";

// Certificates for a pretend controller, made once per test process.
struct ControllerKeys {
  std::filesystem::path rsa_key, rsa_cert;  // the controller's key pair (RSA 2048)
  std::filesystem::path other_rsa_key;      // a different controller's private key
  std::filesystem::path ec_cert;            // a certificate with an EC P-256 key
  std::filesystem::path expired_cert;       // the RSA key in a certificate that expired yesterday
  std::filesystem::path not_a_cert;         // a PEM private key, not a certificate
};

class SealedTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;

  const ssmd_host *host() const { return plugin().host(); }
  const ssmd_secret_backend *backend() const { return plugin().secret_backend("sealed-secret"); }
  static LoadedPlugin &plugin();
  static const ControllerKeys &keys();

  // Sets an environment variable for this test only.
  void set_env(const std::string &name, const std::string &value);
  // Runs `ssmd sealed-secret seal <args...>` through the plugin's subcommand table.
  Captured seal(const std::vector<std::string> &args, const std::string &stdin_text = "") const;
  // Seals kCanaryKey/kCanarySecret as api_key/api_secret of `name` into the repository (strict, namespace ssmd).
  std::filesystem::path seal_canaries(const std::string &name = "kalshi-api");
  // The manifest's spec.encryptedData.
  static std::map<std::string, std::string> encrypted_data(const std::filesystem::path &manifest);
  // Unseals every value with `private_key` and `label`; nullopt when any value does not unseal.
  static std::optional<std::map<std::string, std::string>> unseal(const std::filesystem::path &manifest,
                                                                  const std::string &label,
                                                                  const std::filesystem::path &private_key);
  // Every file under the repository, relative, to show that a failure wrote nothing.
  std::set<std::string> repo_files() const;
  std::filesystem::path manifest_path(const std::string &name = "kalshi-api") const {
    return repo_.path() / "exchanges/sealed-secrets" / (name + ".yaml");
  }

  TempDir repo_;
  std::set<std::string> env_set_;
};

// A key spec with a sealed-secret source.
inline std::string sealed_key(const std::string &source, const std::string &extra = "") {
  return "type: api_key\nrequired: true\nfields: [api_key, api_secret]\nsource: " + source + "\n" + extra;
}

} // namespace ssmd::test
