// The command line of `ssmd sealed-secret seal`.
#pragma once

#include "hybrid_encrypt.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::sealed {

inline constexpr const char *kCertVariable = "SEALED_SECRETS_CERT";

extern const char *const kSealUsage;

// One `--field FIELD[=VAR]`: the field to seal and the variable its value comes from (empty: from stdin).
struct FieldSource {
  std::string field;
  std::string variable;
};

struct SealOptions {
  std::string name;
  std::string ns;
  Scope scope = Scope::Strict;
  std::string cert_path;            // --cert, else $SEALED_SECRETS_CERT
  std::vector<FieldSource> fields;  // in command-line order
  bool from_stdin = false;
  std::string output;               // empty: <repo>/<secrets.sealed_dir>/<name>.yaml
  bool force = false;
  bool help = false;
};

// Parses the arguments after `seal`. Nullopt with `why` (one sentence) on a usage error.
std::optional<SealOptions> parse_seal_options(const std::vector<std::string> &args, std::string &why);

} // namespace ssmd::sealed
