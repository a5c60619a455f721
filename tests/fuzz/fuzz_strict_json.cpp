// Fuzzes the one JSON reader (plugins/common/ssmd_json/strict_json.hpp) two ways at once: as the host reads
// (`char` bytes, ordinary memory) and as the Vault backend reads (`SecretByte`s, memory wiped when freed,
// plugins/secrets-vault/secret_json.hpp). Both must give the same verdict: the same document, or the same
// error at the same place.
#include "secret_json.hpp"

#include <ssmd_json/strict_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  ssmd::strict_json::Json plain;
  ssmd::vault::SecretJson secret;
  auto plain_error = ssmd::strict_json::parse(text, plain);
  auto secret_error = ssmd::vault::parse_secret_json(text, secret);
  if (plain_error.has_value() != secret_error.has_value()) __builtin_trap();
  if (plain_error) {
    if (plain_error->line != secret_error->line || plain_error->column != secret_error->column) __builtin_trap();
    if (plain_error->line == 0 || plain_error->column == 0 || plain_error->message.empty()) __builtin_trap();
    return 0;
  }
  if (plain.dump() != std::string_view(secret.dump())) __builtin_trap();
  return 0;
}
