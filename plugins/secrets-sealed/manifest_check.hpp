// The offline half of a `sealed-secret/<name>` key: a Bitnami SealedSecret manifest named <name> is committed
// in the repository's sealed-secrets directory, and its spec.encryptedData seals every field of the key.
// Nothing is decrypted (only the cluster's controller can); values are checked for the shape kubeseal writes.
#pragma once

#include <ssmd/plugin.hpp>

#include <string>

namespace ssmd::sealed {

// Reports what is wrong with the manifest for secret `name`; findings inside the manifest carry its file,
// line and column, findings about the key carry the key's document path.
void check_manifest(const Host &host, const SecretRequest &req, const std::string &name, Diagnostics &out);

// True when `text` is standard base64 (with padding) of bytes shaped like kubeseal's output: a 2-byte
// big-endian length n >= 64, n bytes of RSA ciphertext, then at least the 16-byte AES-GCM tag.
bool well_formed_sealed_value(std::string_view text);

} // namespace ssmd::sealed
