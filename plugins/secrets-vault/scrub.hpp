// What must never be printed, known to the plugin during one run: the Vault token, the login credentials
// (role id, secret id, JWT) and every value read. Vault's own error strings are quoted in findings, and a
// server (or a proxy in front of it) may echo any of these in them; every quoted text passes through
// Scrubber::clean() first.
#pragma once

#include "secret_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::vault {

class Scrubber {
public:
  // Texts shorter than this are not masked: they cannot be told from ordinary words (the host's rule too).
  static constexpr size_t kMinLength = 4;

  // Remembers `secret` (copied into a wiped buffer). A JWT's dot-separated parts are remembered on their
  // own as well, so an echo of one part is caught too.
  void add(std::string_view secret);
  // `text` with every remembered secret replaced by "[redacted]", the longest match first.
  std::string clean(std::string_view text) const;
  // Forgets everything, wiping the copies.
  void wipe() { secrets_.clear(); }

private:
  std::vector<secrets::SecretText> secrets_;
};

} // namespace ssmd::vault
