// A small metadata repository in a temporary directory, for completion tests.
#pragma once

#include "run_ssmd.hpp"

#include <string>

namespace ssmd::test {

inline std::string feed_yaml(const std::string &name, const std::string &first, const std::string &second) {
  return "name: " + name + "\ntype: websocket\nstatus: active\nversions:\n"
         "  - version: v1\n    effective_from: " + first + "\n    endpoint: wss://example.invalid/v1\n"
         "  - version: v2\n    effective_from: " + second + "\n    endpoint: wss://example.invalid/v2\n";
}

// Feeds alpha and beta, schemas trade (v1, v2) and orderbook (v1), environments alpha-dev and alpha-prod.
inline void write_sample_repo(const TempDir &dir) {
  dir.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", "2025-01-01", "2025-06-01"));
  dir.write("exchanges/feeds/beta.yaml", feed_yaml("beta", "2024-03-15", "2025-06-01"));
  dir.write("exchanges/feeds/README.md", "not a feed\n");
  dir.write("exchanges/schemas/trade.yaml",
            "name: trade\nformat: example\nversions:\n"
            "  - version: v1\n    effective_from: 2025-02-01\n    status: active\n"
            "  - version: v2\n    effective_from: 2025-07-01\n    status: draft\n");
  dir.write("exchanges/schemas/orderbook.yaml",
            "name: orderbook\nformat: example\nversions:\n  - version: v1\n    effective_from: 2025-02-01\n");
  dir.write("exchanges/environments/alpha-dev.yaml", "name: alpha-dev\nfeed: alpha\n");
  dir.write("exchanges/environments/alpha-prod.yaml", "name: alpha-prod\nfeed: alpha\n");
}

} // namespace ssmd::test
