// Writes a directory of realistic, valid market-data schemas for benchmarks: one shared `common.capnp`
// and `count` files that import it and `/capnp/c++.capnp`, each with structs, enums, a union, a group
// and an interface. The output depends only on `count`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ssmd::bench {

// Returns the repository-relative paths of the generated schema files (common.capnp not included).
std::vector<std::string> generate_schemas(const std::filesystem::path &root, int count);

} // namespace ssmd::bench
