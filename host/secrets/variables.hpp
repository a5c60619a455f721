// The environment variable that carries each field in `ssmd env run`: the name the key's backend gives
// through variable_name(), or, when the backend names none, SSMD_<KEY>_<FIELD>.
#pragma once

#include "secrets/key_resolution.hpp"

#include <vector>

namespace ssmd::secrets {

// Sets `variable` on every field of every result whose backend was found. A name the backend gives that is
// not a valid variable name is its contract broken (exit 3); two fields that would set the same variable
// are refused (exit 1, rule `secrets/duplicate-variable`).
void name_variables(const ssmd_host *host, std::vector<KeyResult> &results);

} // namespace ssmd::secrets
