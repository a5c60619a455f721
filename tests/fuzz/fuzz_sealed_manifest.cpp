// Fuzzes the secrets-sealed plugin's SealedSecret reader through its C ABI, the way `ssmd validate` checks
// a `sealed-secret/<name>` key. The plugin's sources are compiled into this target (see CMakeLists.txt).
// The plugin reads manifests from the repository on disk, so each input is written as
// exchanges/sealed-secrets/fuzz.yaml of a temporary repository before the backend's `check` runs. Any bytes
// must give findings, never a crash or an exception escaping into the plugin's guard.
#include "yaml/document.hpp"

#include <ssmd/plugin.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

extern "C" const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host);

namespace fs = std::filesystem;

namespace {

const fs::path &repository() {
  static const fs::path root = [] {
    fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string dir = (base / "ssmd-fuzz-sealed-XXXXXX").string();
    if (!::mkdtemp(dir.data())) std::abort();
    fs::create_directories(fs::path(dir) / "exchanges/sealed-secrets");
    static const fs::path for_exit = dir;
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(for_exit, ec);
    });
    return fs::path(dir);
  }();
  return root;
}

void report(void *, const ssmd_diagnostic *d) {
  if (std::string_view(d->rule.data, d->rule.size) == "plugin/exception") __builtin_trap();
}

const ssmd_node *no_config(ssmd_str) { return nullptr; }

const ssmd_host &host() {
  static const std::string root = repository().string();
  static const ssmd_host h = [] {
    ssmd_host out{};
    out.struct_size = sizeof out;
    out.abi_major = SSMD_ABI_VERSION_MAJOR;
    out.abi_minor = SSMD_ABI_VERSION_MINOR;
    out.doc = ssmd::yaml::Document::api();
    out.repo_root = ssmd_str{root.data(), root.size()};
    out.ssmd_version = ssmd_str{"fuzz", 4};
    out.config = no_config;
    return out;
  }();
  return h;
}

const ssmd_secret_backend &sealed() {
  static const ssmd_secret_backend *backend = [] {
    const ssmd_plugin *plugin = ssmd_plugin_entry(&host());
    if (!plugin || plugin->secret_backend_count != 1) std::abort();
    return plugin->secret_backends[0];
  }();
  return *backend;
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
  {
    std::ofstream out(repository() / "exchanges/sealed-secrets/fuzz.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  }
  ssmd_secret_request req{};
  req.struct_size = sizeof req;
  req.environment = ssmd_str{"dev", 3};
  req.key = ssmd_str{"acme", 4};
  req.source = ssmd_str{"sealed-secret/fuzz", 18};
  req.spec = key_spec();
  req.file = ssmd_str{"exchanges/environments/dev.yaml", 31};
  ssmd_sink sink{nullptr, report};
  ssmd_status status = sealed().check(&host(), &req, &sink);
  if (status != SSMD_OK && status != SSMD_FAILED) __builtin_trap();
  return 0;
}
