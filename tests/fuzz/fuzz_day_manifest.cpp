// Fuzzes the data-inventory manifest parser: any bytes give a manifest or one problem sentence.
#include "data/day_manifest.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  auto m = ssmd::data::parse_day_manifest(text, "kalshi", *ssmd::Date::parse("2025-12-14"));
  if (!m && m.error().empty()) __builtin_trap();
  return 0;
}
