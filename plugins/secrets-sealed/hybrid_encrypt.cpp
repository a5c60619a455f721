#include "hybrid_encrypt.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <vector>

namespace ssmd::sealed {

namespace {
constexpr size_t kSessionKeyBytes = 32;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

struct BioFree {
  void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509 *cert) const { X509_free(cert); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

// The newest OpenSSL error as text, and the queue cleared so later calls start clean.
std::string openssl_error() {
  unsigned long code = ERR_peek_last_error();
  std::array<char, 256> text{};
  if (code) ERR_error_string_n(code, text.data(), text.size());
  ERR_clear_error();
  return code ? std::string(text.data()) : std::string("unknown OpenSSL error");
}

// Wipes the session key however the function leaves.
struct SessionKey {
  std::array<unsigned char, kSessionKeyBytes> bytes{};
  ~SessionKey() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

bool rsa_oaep_encrypt(EVP_PKEY *key, const SessionKey &session, std::string_view label,
                      std::vector<unsigned char> &out, std::string &why) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), EVP_sha256()) <= 0 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) <= 0) {
    why = "cannot set up RSA-OAEP: " + openssl_error();
    return false;
  }
  if (!label.empty()) {
    // set0 takes ownership of an OPENSSL_malloc'd copy.
    void *copy = OPENSSL_memdup(label.data(), label.size());
    if (!copy || EVP_PKEY_CTX_set0_rsa_oaep_label(ctx.get(), copy, static_cast<int>(label.size())) <= 0) {
      OPENSSL_free(copy);
      why = "cannot set the RSA-OAEP label: " + openssl_error();
      return false;
    }
  }
  size_t length = 0;
  if (EVP_PKEY_encrypt(ctx.get(), nullptr, &length, session.bytes.data(), session.bytes.size()) <= 0) {
    why = "RSA-OAEP encryption failed: " + openssl_error();
    return false;
  }
  out.resize(length);
  if (EVP_PKEY_encrypt(ctx.get(), out.data(), &length, session.bytes.data(), session.bytes.size()) <= 0) {
    why = "RSA-OAEP encryption failed: " + openssl_error();
    return false;
  }
  out.resize(length);
  return true;
}

// Appends AES-256-GCM(key, zero nonce, plaintext) and its tag to `out`.
bool aes_gcm_seal(const SessionKey &session, std::string_view plaintext, std::string &out, std::string &why) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  const std::array<unsigned char, kNonceBytes> zero_nonce{};
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), session.bytes.data(), zero_nonce.data(), nullptr) != 1) {
    why = "cannot set up AES-256-GCM: " + openssl_error();
    return false;
  }
  size_t start = out.size();
  out.resize(start + plaintext.size() + kTagBytes);
  auto *dst = reinterpret_cast<unsigned char *>(out.data() + start);
  int written = 0, final_written = 0;
  if (EVP_EncryptUpdate(ctx.get(), dst, &written, reinterpret_cast<const unsigned char *>(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + written, &final_written) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, dst + written + final_written) != 1) {
    why = "AES-256-GCM encryption failed: " + openssl_error();
    return false;
  }
  out.resize(start + static_cast<size_t>(written + final_written) + kTagBytes);
  return true;
}
} // namespace

std::string_view scope_name(Scope scope) {
  switch (scope) {
  case Scope::NamespaceWide: return "namespace-wide";
  case Scope::ClusterWide: return "cluster-wide";
  case Scope::Strict: break;
  }
  return "strict";
}

std::string encryption_label(std::string_view ns, std::string_view name, Scope scope) {
  switch (scope) {
  case Scope::ClusterWide: return "";
  case Scope::NamespaceWide: return std::string(ns);
  case Scope::Strict: break;
  }
  return std::string(ns) + "/" + std::string(name);
}

PublicKey load_certificate_key(std::string_view pem, std::string &why) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::unique_ptr<X509, X509Free> cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  if (!cert) {
    why = "holds no PEM certificate (-----BEGIN CERTIFICATE-----); fetch the controller's with "
          "`kubeseal --fetch-cert`";
    return nullptr;
  }
  PublicKey key(X509_get_pubkey(cert.get()));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    const char *type = key ? OBJ_nid2sn(EVP_PKEY_get_base_id(key.get())) : nullptr;
    why = std::string("holds a certificate with a ") + (type ? type : "non-RSA") +
          " key; the sealed-secrets controller seals with RSA, so its certificate must hold an RSA key";
    return nullptr;
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0) {
    why = "holds an expired certificate; fetch the controller's current one with `kubeseal --fetch-cert`";
    return nullptr;
  }
  return key;
}

bool hybrid_encrypt(EVP_PKEY *key, std::string_view plaintext, std::string_view label, std::string &out,
                    std::string &why) {
  SessionKey session;
  if (RAND_bytes(session.bytes.data(), static_cast<int>(session.bytes.size())) != 1) {
    why = "no random bytes for the session key: " + openssl_error();
    return false;
  }
  std::vector<unsigned char> wrapped;
  if (!rsa_oaep_encrypt(key, session, label, wrapped, why)) return false;
  if (wrapped.size() > 0xFFFF) {
    why = "the RSA key is too large for the 2-byte length prefix";
    return false;
  }
  out.clear();
  out.reserve(2 + wrapped.size() + plaintext.size() + kTagBytes);
  out += static_cast<char>(wrapped.size() >> 8);
  out += static_cast<char>(wrapped.size() & 0xFF);
  out.append(reinterpret_cast<const char *>(wrapped.data()), wrapped.size());
  return aes_gcm_seal(session, plaintext, out, why);
}

} // namespace ssmd::sealed
