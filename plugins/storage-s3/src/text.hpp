// Joins strings with one allocation. Used instead of `"literal" + std::string(...)`, which GCC 12 at -O2
// warns about (-Wrestrict, a known false positive in libstdc++'s operator+ for an rvalue right side).
#pragma once

#include <string>
#include <string_view>

namespace ssmd::s3 {

template <class... Parts> std::string concat(const Parts &...parts) {
  std::string out;
  out.reserve((std::string_view(parts).size() + ...));
  (out.append(std::string_view(parts)), ...);
  return out;
}

} // namespace ssmd::s3
