// Fuzzes the YAML model every repository file goes through: any bytes must give a tree or diagnostics.
#include "yaml/document.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ssmd::Diagnostics diags;
  std::string_view text(reinterpret_cast<const char *>(data), size);
  auto doc = ssmd::yaml::Document::parse("fuzz.yaml", text, diags);
  if (doc) {
    // Walk paths the way diagnostics do.
    (void)doc->locate("versions[0].endpoint");
    (void)doc->find("keys.kalshi.fields[1]");
  } else if (diags.empty()) {
    __builtin_trap(); // a refusal must always say why
  }
  return 0;
}
