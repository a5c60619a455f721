// What the host itself knows about a key's `source:`: only that it starts with the prefix of the secret
// backend that owns it (`<prefix>` or `<prefix>/<rest>`). The rest is the backend's to check; the host names
// no backend.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::secrets {

// The backend prefix of `source`: everything before the first '/'. nullopt with `why` set when there is no
// usable prefix (an empty source, a leading '/', or characters a plugin's manifest cannot declare).
std::optional<std::string> source_prefix(std::string_view source, std::string &why);

// The variable that carries a field when the backend names none is ssmd::env::secret_variable_name
// (sdk/include/ssmd/env.hpp), the function the bundled backends call too.

} // namespace ssmd::secrets
