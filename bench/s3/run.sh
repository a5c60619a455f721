#!/usr/bin/env bash
# Benchmarks storage-s3 against s3rver on loopback: installs the test servers' npm packages, uploads 400
# days of kalshi manifests over HTTP, serves them with SigV4 checked, then times listing and fetching one
# month (target < 1 s) and all 400 days (target < 3 s) through the plugin's C ABI.
#
#   bench/s3/run.sh [BUILD_DIR]      (default: build; builds s3_bench and storage-s3 there first)
#
# REPS sets the runs per scenario (default 5); SSMD_S3_MAX_KEYS and SSMD_S3_CONCURRENCY pass through to the
# plugin, e.g. SSMD_S3_MAX_KEYS=100 to time a paged listing.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
servers=tests/plugins/storage-s3
work="$build/bench/s3"

ninja -C "$build" s3_bench storage-s3 >/dev/null
mkdir -p "$work/node"
if ! cmp -s "$servers/package-lock.json" "$work/node/package-lock.json" || [ ! -d "$work/node/node_modules/s3rver" ]; then
  cp "$servers/package.json" "$servers/package-lock.json" "$work/node/"
  (cd "$work/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
export NODE_PATH="$PWD/$work/node/node_modules"

echo "uploading 400 days of manifests to s3rver:"
node "$servers/servers/seed.js" --dir "$work/data" --bucket bench --feed kalshi --from 2024-06-01 --days 400

export AWS_ACCESS_KEY_ID=AKIABENCH000000000001
export AWS_SECRET_ACCESS_KEY=bench-secret-key-0123456789
export AWS_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_ENDPOINT_URL
# The server exits when its stdin closes, so it cannot outlive this script.
coproc SERVER { exec node --openssl-legacy-provider "$servers/servers/s3_server.js" --dir "$work/data" \
  --access-key "$AWS_ACCESS_KEY_ID" --secret "$AWS_SECRET_ACCESS_KEY"; }
read -r word port <&"${SERVER[0]}"
[ "$word" = listening ] || { echo "s3_server.js did not start" >&2; exit 3; }
export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$port"

status=0
"$build/bench/s3/s3_bench" --plugin "$build/plugins/storage-s3.so" --bucket bench \
  --month kalshi/2025/01 --all kalshi --reps "${REPS:-5}" || status=$?
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
exit $status
