#include "sealed_fixture.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace fs = std::filesystem;

namespace ssmd::test {

namespace {
void openssl(const std::string &args) {
  auto r = run_shell(std::string(SSMD_OPENSSL) + " " + args);
  if (r.exit_code != 0) throw std::runtime_error("openssl " + args + " failed: " + r.err);
}

// The openssl 3.0 CLI cannot back-date a certificate, so the expired one is made with the library.
void write_expired_certificate(const fs::path &key_file, const fs::path &out) {
  std::unique_ptr<FILE, int (*)(FILE *)> in(std::fopen(key_file.c_str(), "r"), std::fclose);
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY *)> key(PEM_read_PrivateKey(in.get(), nullptr, nullptr, nullptr),
                                                      EVP_PKEY_free);
  std::unique_ptr<X509, void (*)(X509 *)> cert(X509_new(), X509_free);
  if (!key || !cert) throw std::runtime_error("cannot make the expired certificate");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -2 * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), -86400);
  X509_NAME *name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("expired"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (!X509_sign(cert.get(), key.get(), EVP_sha256())) throw std::runtime_error("cannot sign the expired certificate");
  std::unique_ptr<FILE, int (*)(FILE *)> file(std::fopen(out.c_str(), "w"), std::fclose);
  PEM_write_X509(file.get(), cert.get());
}

std::string quote(const fs::path &p) { return "'" + p.string() + "'"; }

std::string from_hex(const std::string &hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}
} // namespace

LoadedPlugin &SealedTest::plugin() {
  static LoadedPlugin loaded("secrets-sealed");
  return loaded;
}

const ControllerKeys &SealedTest::keys() {
  static TempDir dir;
  static ControllerKeys k = [] {
    ControllerKeys k;
    const fs::path d = dir.path();
    k.rsa_key = d / "controller.key";
    k.rsa_cert = d / "controller.crt";
    k.other_rsa_key = d / "other.key";
    k.ec_cert = d / "ec.crt";
    k.expired_cert = d / "expired.crt";
    k.not_a_cert = k.rsa_key;
    openssl("req -x509 -newkey rsa:2048 -nodes -subj /CN=sealed-secrets -days 2 -keyout " + quote(k.rsa_key) +
            " -out " + quote(k.rsa_cert) + " 2>&1");
    openssl("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + quote(k.other_rsa_key) + " 2>&1");
    openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=ec -days 2 -keyout " +
            quote(d / "ec.key") + " -out " + quote(k.ec_cert) + " 2>&1");
    write_expired_certificate(k.rsa_key, k.expired_cert);
    return k;
  }();
  return k;
}

void SealedTest::SetUp() {
  // Loading here rather than in SetUpTestSuite makes a load failure fail the test instead of skipping it.
  ASSERT_NE(backend(), nullptr);
  ASSERT_NE(plugin().subcommand("sealed-secret"), nullptr);
  plugin().set_repo_root(repo_.path());
  plugin().set_config("secrets.sealed_dir", "~");
  plugin().set_config("secrets.sealed_mount", "~");
  for (const char *name : {"SSMD_SEALED_SECRET_DIR", "SEALED_SECRETS_CERT", "SSMD_KALSHI_API_API_KEY",
                           "SSMD_KALSHI_API_API_SECRET"})
    unsetenv(name);
}

void SealedTest::TearDown() {
  for (const auto &name : env_set_) unsetenv(name.c_str());
  plugin().set_config("secrets.sealed_dir", "~");
  plugin().set_config("secrets.sealed_mount", "~");
}

void SealedTest::set_env(const std::string &name, const std::string &value) {
  setenv(name.c_str(), value.c_str(), 1);
  env_set_.insert(name);
}

Captured SealedTest::seal(const std::vector<std::string> &args, const std::string &stdin_text) const {
  std::vector<std::string> argv{"sealed-secret", "seal"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_captured(plugin().subcommand("sealed-secret"), host(), argv, stdin_text);
}

fs::path SealedTest::seal_canaries(const std::string &name) {
  set_env("SSMD_CANARY_KEY", kCanaryKey);
  set_env("SSMD_CANARY_SECRET", kCanarySecret);
  auto r = seal({name, "--namespace", "ssmd", "--cert", keys().rsa_cert.string(), "--field", "api_key=SSMD_CANARY_KEY",
                 "--field", "api_secret=SSMD_CANARY_SECRET"});
  if (r.exit_code != 0) throw std::runtime_error("seal failed: " + r.err);
  return manifest_path(name);
}

std::map<std::string, std::string> SealedTest::encrypted_data(const fs::path &manifest) {
  std::map<std::string, std::string> out;
  YAML::Node root = YAML::LoadFile(manifest.string());
  for (const auto &entry : root["spec"]["encryptedData"]) out[entry.first.as<std::string>()] = entry.second.as<std::string>();
  return out;
}

std::optional<std::map<std::string, std::string>> SealedTest::unseal(const fs::path &manifest, const std::string &label,
                                                                     const fs::path &private_key) {
  std::string json = "{";
  for (const auto &[field, value] : encrypted_data(manifest))
    json += (json.size() > 1 ? "," : "") + std::string("\"") + field + "\":\"" + value + "\"";
  json += "}";
  RunOptions options;
  options.stdin_text = json;
  auto r = run_shell(std::string(SSMD_NODE) + " " + SSMD_UNSEAL_JS + " " + quote(private_key) + " '" + label + "'",
                     options);
  if (r.exit_code != 0) return std::nullopt;
  std::map<std::string, std::string> out;
  YAML::Node parsed = YAML::Load(r.out); // JSON is YAML
  for (const auto &entry : parsed) out[entry.first.as<std::string>()] = from_hex(entry.second.as<std::string>());
  return out;
}

std::set<std::string> SealedTest::repo_files() const {
  std::set<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(repo_.path()))
    out.insert(fs::relative(entry.path(), repo_.path()).generic_string());
  return out;
}

} // namespace ssmd::test
