// A small valid repository, written once per fuzzing process into a temporary directory, for the registry
// fuzz targets to load fuzzed files beside: a feed, a schema with its definition file, and an environment,
// so that `extends:`, `feed:` and schema references in fuzzed input resolve to something.
#pragma once

#include "registry/model.hpp"
#include "registry/sha256.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace ssmd::fuzz {

inline const std::string k_definition = "struct Trade { price @0 :Int64; }\n";

inline std::filesystem::path make_repository() {
  namespace fs = std::filesystem;
  std::string dir = (fs::temp_directory_path() / "ssmd-fuzz-repo-XXXXXX").string();
  if (!::mkdtemp(dir.data())) std::abort();
  fs::path root = dir;
  auto write = [&](const std::string &relative, const std::string &content) {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative, std::ios::binary) << content;
  };
  write("exchanges/feeds/acme.yaml", "name: acme\ndisplay_name: Acme\ntype: websocket\nstatus: active\nversions:\n"
                                     "  - version: v1\n    effective_from: 2025-01-01\n    protocol: wss\n"
                                     "    endpoint: wss://ws.acme.test/v1\n    auth_method: api_key\n"
                                     "calendar:\n  timezone: UTC\n");
  write("exchanges/schemas/trade.v1.fmt", k_definition);
  write("exchanges/schemas/trade.yaml", "name: trade\nformat: fmt\nschema_file: trade.v1.fmt\nversions:\n"
                                        "  - version: v1\n    effective_from: 2025-01-01\n    status: active\n"
                                        "    hash: " + registry::sha256_tag(k_definition) + "\n");
  write("exchanges/environments/base.yaml", "name: base\nfeed: acme\nschema: trade:v1\nkeys:\n  acme:\n"
                                            "    type: api_key\n    fields: [key]\n    source: env\n");
  return root;
}

// The repository's root; created on first use and removed when the process exits normally.
inline const std::filesystem::path &repository_root() {
  static const std::filesystem::path root = [] {
    auto made = make_repository();
    static const std::filesystem::path for_exit = made;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(for_exit, ec);
    });
    return made;
  }();
  return root;
}

inline registry::Kind kind_of(uint8_t selector) {
  switch (selector % 3) {
  case 0: return registry::Kind::Feed;
  case 1: return registry::Kind::Schema;
  default: return registry::Kind::Environment;
  }
}

} // namespace ssmd::fuzz
