// A random secret of the user's, kept outside every repository, that ssmd mixes into the keys of the caches
// it keeps inside a repository (`.ssmd/cache/`: the validation results and the parsed feeds). A clone can
// commit files into `.ssmd/` (`git add -f`), forged cache entries included, and every other part of a key
// (the files' bytes, ssmd's version, even the binary's size and inode in a known CI image) can be known to
// whoever forges them. Without the secret a forged entry never matches, so ssmd only ever answers from
// entries it wrote itself: a planted `validate.json` cannot make a broken repository pass.
#pragma once

#include <string>
#include <string_view>

namespace ssmd {

// The secret: `$XDG_CACHE_HOME/ssmd/cache-secret` (else `~/.cache/ssmd/cache-secret`), 32 random bytes as
// hex, created on first use with mode 0600. A file that is not the user's own, or readable by others, is not
// used; when the file cannot be read or created (no home, a read-only one), a secret of this process alone
// stands in, and the caches then only ever miss across runs.
const std::string &local_cache_secret();

// sha256 of the secret and `value`: the keyed form of a cache key part.
std::string keyed_digest(std::string_view value);

} // namespace ssmd
