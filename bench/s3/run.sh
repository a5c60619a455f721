#!/usr/bin/env bash
# Benchmarks the data inventory over S3 against s3rver on loopback: installs the test servers' npm
# packages, uploads 400 days of kalshi manifests over HTTP and serves them with SigV4 checked. Then times
#   - the command line, as a user runs it: `ssmd data inventory --raw s3://bench` over one month (target
#     < 1 s) and over all 400 days (target < 3 s), wall clock of the whole process;
#   - the plugin alone through its C ABI (s3_bench): listing, then fetching, the same two ranges.
#
#   bench/s3/run.sh [BUILD_DIR]      (default: build, a Release build; builds ssmd, s3_bench and storage-s3)
#
# REPS sets the runs per scenario (default 5); SSMD_S3_MAX_KEYS and SSMD_S3_CONCURRENCY pass through to the
# plugin, e.g. SSMD_S3_MAX_KEYS=100 to time a paged listing.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
servers=tests/plugins/storage-s3
work="$build/bench/s3"

ninja -C "$build" ssmd s3_bench storage-s3 >/dev/null
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

# Runs `ssmd data inventory` REPS times over FROM..TO and prints the median wall time; fails when the run
# fails, does not list every day, or the median misses TARGET seconds.
cli() {
  local name=$1 from=$2 to=$3 days=$4 target=$5 times=() out start end
  for _ in $(seq "${REPS:-5}"); do
    start=$EPOCHREALTIME
    out=$("$build/host/ssmd" data inventory --feed kalshi --from "$from" --to "$to" --raw s3://bench \
      --plugin-path "$build/plugins") || { echo "ssmd data inventory failed" >&2; return 1; }
    end=$EPOCHREALTIME
    times+=("$(echo "$end - $start" | bc)")
  done
  grep -q " $days/$days days" <<<"$out" || { echo "expected $days/$days days in: $(tail -1 <<<"$out")" >&2; return 1; }
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(sed -n "$(( (${#times[@]} + 1) / 2 ))p" <<<"$sorted")
  local verdict=ok
  [ "$(echo "$median < $target" | bc)" = 1 ] || verdict=MISSED
  printf '%-9s ssmd data inventory  median %.3f s  (best %.3f, worst %.3f)  target < %s s  %s\n' "$name" \
    "$median" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")" "$target" "$verdict"
  [ $verdict = ok ]
}

status=0
echo "the command line, median of ${REPS:-5} runs (whole process: start, list, fetch, check, print)"
cli "31 days" 2025-01-01 2025-01-31 31 1 || status=1
cli "400 days" 2024-06-01 2025-07-05 400 3 || status=1
"$build/bench/s3/s3_bench" --plugin "$build/plugins/storage-s3.so" --bucket bench \
  --month kalshi/2025/01 --all kalshi --reps "${REPS:-5}" || status=1
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
exit $status
