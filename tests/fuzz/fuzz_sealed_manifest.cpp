// Fuzzes the secrets-sealed plugin's SealedSecret reader through its C ABI, the way `ssmd validate` checks
// a `sealed-secret/<name>` key. The plugin's sources are compiled into this target (see CMakeLists.txt).
// Each input is exchanges/sealed-secrets/fuzz.yaml, served from memory through the request's file reader
// (ABI 1.1) as ssmd serves a working-tree file or a commit's blob. Any bytes must give findings, never a
// crash or an exception escaping into the plugin's guard.
#include "plugin_harness.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace {

const ssmd_secret_backend &sealed() {
  static const ssmd_secret_backend &backend =
      ssmd::fuzz::only(&ssmd_plugin::secret_backends, &ssmd_plugin::secret_backend_count);
  return backend;
}

// The key whose source names the fuzzed manifest, as an environment file would declare it.
const ssmd_node *key_spec() {
  static std::unique_ptr<ssmd::yaml::Document> doc = [] {
    ssmd::Diagnostics diags;
    auto parsed = ssmd::yaml::Document::parse("exchanges/environments/dev.yaml",
                                              "type: api_key\nrequired: true\nfields: [api_key, api_secret]\n"
                                              "source: sealed-secret/fuzz\n",
                                              diags);
    if (!parsed) std::abort();
    return parsed;
  }();
  return ssmd::yaml::Document::handle(doc->root());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ssmd::fuzz::MemoryFiles files;
  files.set("exchanges/sealed-secrets/fuzz.yaml", std::string_view(reinterpret_cast<const char *>(data), size));
  const ssmd_file_reader reader = files.reader();
  ssmd_secret_request req{};
  req.struct_size = sizeof req;
  req.environment = ssmd_str{"dev", 3};
  req.key = ssmd_str{"acme", 4};
  req.source = ssmd_str{"sealed-secret/fuzz", 18};
  req.spec = key_spec();
  req.file = ssmd_str{"exchanges/environments/dev.yaml", 31};
  req.files = &reader;
  const ssmd_sink sink = ssmd::fuzz::trap_on_escaped_exception();
  ssmd_status status = sealed().check(&ssmd::fuzz::host(), &req, &sink);
  if (status != SSMD_OK && status != SSMD_FAILED) __builtin_trap();
  return 0;
}
