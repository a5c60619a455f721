// Whether this test program was built with AddressSanitizer and UBSan (`SSMD_SANITIZE`), and how much slower
// the same work runs there. Time budgets scale with `sanitizer_slowdown`; the few tests that repeat work only
// for statistics or size do less of it there, since the Debug suite runs them in full.
#pragma once

namespace ssmd::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool under_sanitizers = true;
inline constexpr double sanitizer_slowdown = 3.0;
#else
inline constexpr bool under_sanitizers = false;
inline constexpr double sanitizer_slowdown = 1.0;
#endif

} // namespace ssmd::test
