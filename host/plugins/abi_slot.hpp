// Reading a field that a minor version of the plugin ABI gave a reserved slot of an extension table.
#pragma once

#include <ssmd/plugin.h>

#include <cstdint>

namespace ssmd {

// `t.*field`, which ABI 1.`minor` put in a slot that was reserved before: read only from a plugin built against
// that minor version or later (an older one had to leave the slot NULL, and some did not), and only when `t`,
// as the plugin compiled it, is large enough to hold it. NULL otherwise.
template <class T, class F> F slot_since(const ssmd_plugin &p, uint16_t minor, const T &t, F T::*field) {
  const auto offset = static_cast<size_t>(reinterpret_cast<const char *>(&(t.*field)) - reinterpret_cast<const char *>(&t));
  if (p.abi_minor < minor || t.struct_size < offset + sizeof(F)) return nullptr;
  return t.*field;
}

} // namespace ssmd
