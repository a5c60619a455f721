#!/usr/bin/env bash
# Generates a large repository for the validate benchmark: FEEDS feeds x 5 versions (Kalshi-shaped, so the
# feed plugin's rules run), SCHEMAS Cap'n Proto schemas, ENVS environments with keys from `env`.
#   generate.sh DIR [FEEDS=1000] [SCHEMAS=300] [ENVS=1000]
set -euo pipefail
dir=$1 feeds=${2:-1000} schemas=${3:-300} envs=${4:-1000}
rm -rf "$dir"
mkdir -p "$dir/exchanges/feeds" "$dir/exchanges/schemas" "$dir/exchanges/environments"
for ((i = 0; i < feeds; i++)); do
  {
    printf 'name: feed%d\ndisplay_name: Feed %d\nexchange: kalshi\ntype: websocket\nstatus: active\nversions:\n' "$i" "$i"
    for ((v = 0; v < 5; v++)); do
      printf '  - version: v%d\n    effective_from: %d-01-01\n' "$v" $((2021 + v))
      [ $v -lt 4 ] && printf '    effective_to: %d-01-01\n' $((2022 + v))
      printf '    protocol: wss\n    endpoint: wss://api.elections.kalshi.com/trade-api/ws/v2\n    auth_method: api_key\n'
      printf '    rate_limit_per_second: 10\n    max_symbols_per_connection: 100\n    supports_orderbook: true\n'
      printf '    supports_trades: true\n    channels: [orderbook_delta, trade, ticker]\n'
    done
    printf 'calendar:\n  timezone: America/New_York\n'
  } >"$dir/exchanges/feeds/feed$i.yaml"
done
for ((i = 0; i < schemas; i++)); do
  file="$dir/exchanges/schemas/s$i.v1.capnp"
  printf '@0x%016x;\nstruct S%d {\n  id @0 :UInt64;\n  priceMicros @1 :Int64;\n  side @2 :Side;\n  venue @3 :Text;\n}\nenum Side {\n  buy @0;\n  sell @1;\n}\n' \
    $((0xc000000000000000 + i * 7919 + 1)) "$i" >"$file"
  hash=$(sha256sum "$file" | cut -d' ' -f1)
  printf 'name: s%d\nformat: capnp\nschema_file: s%d.v1.capnp\nversions:\n  - version: v1\n    effective_from: 2021-01-01\n    status: active\n    root: S%d\n    hash: sha256:%s\n' \
    "$i" "$i" "$i" "$hash" >"$dir/exchanges/schemas/s$i.yaml"
done
for ((i = 0; i < envs; i++)); do
  printf 'name: env%d\nfeed: feed%d\nschemas: [s%d:v1]\nkeys:\n  kalshi:\n    type: api_key\n    required: true\n    fields: [key_id, private_key]\n    source: env\n    rotation_days: 90\n' \
    "$i" $((i % feeds)) $((i % schemas)) >"$dir/exchanges/environments/env$i.yaml"
done
