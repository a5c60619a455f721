// Writing an environment's keys in place: `ssmd env set-key` and `ssmd env remove-key`. Every byte outside
// the key's own entry stays as it was; the result is parsed again and refused if it does not say what was
// meant (registry/text_edit.hpp explains why).
#pragma once

#include "registry/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::registry {

// `a,b` -> {"a", "b"}: the fields of a key. Each must be a valid name, since it becomes part of where the
// secret is found; throws UsageError naming `flag` otherwise.
std::vector<std::string> parse_key_fields(const std::string &flag, const std::string &text);

// The environment's text with key `spec.name` set to `spec`: its entry under `keys:` is rewritten (fields the
// spec does not set, such as `env:`, and `rotation_days` when the spec has none, are kept as written), or a
// new entry is appended, or a `keys:` section is added after the schema references. Throws DomainError when
// `keys:` cannot be edited in place (flow style, not a mapping) or the result does not verify.
std::string set_environment_key(const LoadedEnvironment &env, const KeySpec &spec);

// The environment's text without key `name`; a `keys:` left empty goes too. Throws DomainError when the key
// is not this file's own (not declared, or inherited) or the result does not verify.
std::string remove_environment_key(const LoadedEnvironment &env, const std::string &name);

} // namespace ssmd::registry
