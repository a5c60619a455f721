// A small, valid registry written into a temporary directory, for unit and end-to-end tests. Each test
// breaks one thing in it and expects one finding.
#pragma once

#include "registry/sha256.hpp"
#include "run_ssmd.hpp"

#include <map>
#include <string>

namespace ssmd::test {

inline const std::string k_feed_yaml = R"(# A hand-written feed with comments.
name: acme
display_name: Acme Exchange
type: websocket   # how it connects
status: active
versions:
  # The first version.
  - version: v1
    effective_from: 2025-01-01
    effective_to: 2025-03-01
    protocol: wss
    endpoint: wss://ws.acme.test/v1
    auth_method: api_key
    rate_limit_per_second: 10
    max_symbols_per_connection: 100
    supports_orderbook: true
    supports_trades: true
    channels: [book, trades]
    acme_region: us-east   # a field only the acme plugin knows

  - version: v2
    effective_from: 2025-04-01
    protocol: wss
    endpoint: "wss://ws.acme.test/v2"
    auth_method: api_key
    rate_limit_per_second: 20
    max_symbols_per_connection: 200
    supports_orderbook: true
    supports_trades: true
# The calendar decides trading days.
calendar:
  timezone: America/New_York
  holiday_calendar: us_equity
)";

inline const std::string k_trade_v1 = "struct Trade { price @0 :Int64; }\n";
inline const std::string k_trade_v2 = "struct Trade { price @0 :Int64; size @1 :Int64; }\n";

inline const std::string k_schema_yaml = R"(name: trade
format: fmt
schema_file: trade.v1.fmt
versions:
  - version: v1
    effective_from: 2025-01-01
    status: active   # released
    file: trade.v1.fmt
    hash: sha256:ca0c5e6c3b3b7d2c1ae8ecec7e5b0ac0d1d9d7d4d9f1b5fbf2b3b6d3e3e8c0aa
  - version: v2
    effective_from: 2025-06-01
    status: draft
    file: trade.v2.fmt
    hash: sha256:0000000000000000000000000000000000000000000000000000000000000000
    compatible_with: [v1]
)";

inline const std::string k_env_yaml = R"(# Development.
name: dev
feed: acme
schemas: [trade:v1]   # pinned
keys:
  acme:
    type: api_key
    required: true
    fields: [key_id, secret]
    source: env
    rotation_days: 90
transport: { type: nats, url: "nats://localhost:4222" }
storage: { type: local, path: ./data }
)";

// Writes the fixture (with the real hashes filled in) into `dir` and returns the files written.
inline std::map<std::string, std::string> write_fixture(const TempDir &dir) {
  std::string schema = k_schema_yaml;
  auto fill = [&](const std::string &placeholder, const std::string &bytes) {
    schema.replace(schema.find(placeholder), placeholder.size(), registry::sha256_tag(bytes));
  };
  fill("sha256:ca0c5e6c3b3b7d2c1ae8ecec7e5b0ac0d1d9d7d4d9f1b5fbf2b3b6d3e3e8c0aa", k_trade_v1);
  fill("sha256:0000000000000000000000000000000000000000000000000000000000000000", k_trade_v2);
  std::map<std::string, std::string> files = {
      {"exchanges/feeds/acme.yaml", k_feed_yaml},
      {"exchanges/schemas/trade.yaml", schema},
      {"exchanges/schemas/trade.v1.fmt", k_trade_v1},
      {"exchanges/schemas/trade.v2.fmt", k_trade_v2},
      {"exchanges/environments/dev.yaml", k_env_yaml},
  };
  for (const auto &[path, content] : files) dir.write(path, content);
  return files;
}


} // namespace ssmd::test
