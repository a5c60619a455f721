// kubeseal's encryption, byte for byte (bitnami-labs/sealed-secrets, pkg/crypto/crypto.go HybridEncrypt):
// per value a fresh 32-byte session key; the value sealed with AES-256-GCM under that key and a zero 12-byte
// nonce (safe because the key is used once); the session key encrypted with RSA-OAEP, SHA-256 for both the
// hash and MGF1, under a label that binds the value to where it may be unsealed. The result is
//   2-byte big-endian length of the RSA ciphertext || RSA ciphertext || AES-GCM ciphertext || 16-byte tag.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace ssmd::sealed {

struct PkeyFree {
  void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using PublicKey = std::unique_ptr<EVP_PKEY, PkeyFree>;

enum class Scope { Strict, NamespaceWide, ClusterWide };

// "strict", "namespace-wide", "cluster-wide".
std::string_view scope_name(Scope scope);

// The OAEP label of a scope: "<namespace>/<name>", "<namespace>" or "" (EncryptionLabel in sealed-secrets).
std::string encryption_label(std::string_view ns, std::string_view name, Scope scope);

// The RSA public key of the controller's PEM certificate. Refuses, with `why`, text without a certificate, a
// certificate whose key is not RSA, and an expired certificate (as kubeseal does).
PublicKey load_certificate_key(std::string_view pem, std::string &why);

// Seals `plaintext` under `key` and `label`; false with `why` if OpenSSL fails. `out` receives raw bytes.
bool hybrid_encrypt(EVP_PKEY *key, std::string_view plaintext, std::string_view label, std::string &out,
                    std::string &why);

} // namespace ssmd::sealed
