// Where a schema version's definition lives, and whether that place is inside exchanges/schemas/.
#pragma once

#include "registry/repository.hpp"

#include <optional>
#include <string>

namespace ssmd::registry {

// Why `file` (relative to exchanges/schemas/) may not be used, or nullopt when it may: no absolute path,
// no `..`, no backslash, and no symlink that resolves outside exchanges/schemas/.
std::optional<std::string> schema_file_problem(const Repository &repo, const std::string &file);

} // namespace ssmd::registry
