// The evolution pairs under evolution/: one file per pair, so a new case is one file. A pair file is
// sections of schema text, each opened by a line `=== <side>[/<path>]`: `old` and `new` are the two
// versions' `root.capnp`, `old/common.capnp` another file of one version, `both/common.capnp` a file the
// two share. Lines before the first section describe the change.
#pragma once

#include "wire_oracle.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ssmd::test {

struct EvolutionPair {
  std::string name;        // the file's stem
  std::string description; // the lines before the first section, without their `#`
  oracle::VersionFiles older, newer;
};

// Every `*.pair` file of `dir`, sorted by name. Throws std::runtime_error naming the file and line of a
// malformed section header.
std::vector<EvolutionPair> load_evolution_pairs(const std::filesystem::path &dir);

} // namespace ssmd::test
