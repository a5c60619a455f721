// The environment variable that carries each field in `ssmd env run`: the name the key's backend gives
// through variable_name(), or, when the backend names none, SSMD_<KEY>_<FIELD>.
#pragma once

#include "secrets/key_resolution.hpp"

#include <vector>

namespace ssmd::secrets {

// Sets `variable` on every field of `result` when its backend was found. A name the backend gives that is not
// a valid variable name is its contract broken (exit 3). Calls the backend: runs where the backend was loaded
// (a worker; see secrets/isolated_resolution.hpp).
void name_fields(KeyResult &result);

// Refuses two fields of any keys that would set the same variable (exit 1, rule `secrets/duplicate-variable`).
void refuse_duplicate_variables(std::vector<KeyResult> &results);

} // namespace ssmd::secrets
