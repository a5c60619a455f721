// Fills `@KEY@` placeholders in a template. `@` appears in no template for any other reason, so a
// placeholder without a value is a bug in the templates, reported as such.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ssmd::scaffold {

using Values = std::map<std::string, std::string, std::less<>>;

// Replaces every `@KEY@` with values[KEY]. Throws std::logic_error naming the key when it has no value,
// or when an `@` opens no placeholder.
std::string fill(std::string_view text, const Values &values);

} // namespace ssmd::scaffold
