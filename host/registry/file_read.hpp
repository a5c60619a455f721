// Reads one repository file without trusting it. Metadata files come from whoever can push to the
// repository, so a file that is a symbolic link out of the repository (to /etc/passwd, to another
// checkout), a hard link, a FIFO or a device, or one larger than the limit is refused with a reason
// instead of being read. Reading never blocks (O_NONBLOCK) and never reads more than the limit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ssmd::registry {

struct FileRead {
  std::optional<std::string> text; // the bytes, when the file may be read
  std::string rule;                // why not: "io/read", "io/outside-repository", "io/hard-link", ...
  std::string problem;             // one sentence without the file name
  bool missing = false;            // the file does not exist (rule io/read)
};

// Reads `root`/`relative`. Refusals, in the order they are checked:
//  - io/outside-repository: the path resolves (through symbolic links) to a place outside `root`;
//  - io/read: it does not exist or cannot be opened;
//  - io/not-regular: it is not a regular file (a FIFO would block the reader forever, a device never ends);
//  - io/hard-link: it has more than one hard link. The other names of a hard-linked file cannot be found, so
//    one may lie outside the repository (a link to a file the attacker wants read or changed); git never
//    creates hard links in a working tree, so ssmd refuses them all;
//  - `too_large_rule`: it is larger than `max_bytes` (checked before reading, and again while reading).
// `real_root`, when given, is `root` with its symbolic links resolved (std::filesystem::weakly_canonical): a
// caller reading many files resolves it once instead of once per file.
FileRead read_repository_file(const std::filesystem::path &root, const std::string &relative, uint64_t max_bytes,
                              const std::string &too_large_rule, const std::filesystem::path *real_root = nullptr);

} // namespace ssmd::registry
