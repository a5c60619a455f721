// Checks a schema file's bytes before the Cap'n Proto compiler sees them. The compiler's parser is
// recursive: 3,000 nested brackets or a long `.a.a.a...` chain overflow its stack and kill the process
// (`capnp compile` itself dies with SIGSEGV), so such input is refused here with a diagnostic instead.
// Chains of declarations, along which the compiler recurses too, are measured over a whole compilation
// (declaration_chains.hpp).
#pragma once

#include "report.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::capnp_schema {

inline constexpr size_t k_max_file_bytes = 4 * 1024 * 1024;
// Bracket depth plus the dots of the member chains still open at that depth. The compiler's parser and
// resolver recurse once per level, about 2-4 KiB of stack each: 128 levels fit a 512 KiB thread stack
// (measured with `ulimit -s`), yet real schemas such as a 100-deep List(List(...)) still compile, as they
// do with `capnp compile`.
inline constexpr size_t k_max_nesting = 128;

struct GuardFailure {
  std::string_view rule; // rule::too_large, rule::binary, rule::too_deep or rule::chain_too_long
  std::string reason;    // lower-case clause, e.g. "is 10485760 bytes, more than the 4194304 allowed"
  Position where;
};

// Size, NUL bytes and nesting, in that order; nullopt when the text may go to the compiler.
std::optional<GuardFailure> guard_schema_text(std::string_view text);

} // namespace ssmd::capnp_schema
