#!/usr/bin/env bash
# What running plugin calls in supervised workers costs the commands that call plugins once or a few times:
# `schema show` (one fingerprint), `schema breaking` (one comparison) and `env check-keys` with one key and
# with three keys of the env backend (one worker each, two at a time on two cores), on the bundled metadata.
# Medians of 21 runs: wall clock, and CPU time (user + system, ssmd and its workers), which a busy machine
# disturbs less. Given a second build directory, the same for it, side by side.
#   run.sh BUILD_DIR [OTHER_BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
builds=()
for dir in "${1:-build}" ${2:+"$2"}; do builds+=("$(cd "$dir" && pwd)"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../exchanges" "$work/exchanges"
cat >"$work/exchanges/environments/three-keys.yaml" <<'EOF'
name: three-keys
feed: kalshi
schemas: [trade:v1]
keys:
  a: { type: api_key, required: true, fields: [key_id, secret], source: env }
  b: { type: api_key, required: true, fields: [key_id, secret], source: env }
  c: { type: api_key, required: true, fields: [key_id, secret], source: env }
EOF
export SSMD_KALSHI_KEY_ID=k SSMD_KALSHI_PRIVATE_KEY=p SSMD_A_KEY_ID=a SSMD_A_SECRET=a SSMD_B_KEY_ID=b \
  SSMD_B_SECRET=b SSMD_C_KEY_ID=c SSMD_C_SECRET=c
unset SSMD_PLUGIN_PATH SSMD_PLUGINS SSMD_LOCKED SSMD_REPO
cd "$work"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# "wall/cpu": median milliseconds of 21 runs of `ssmd ARGS...`.
measure() {
  local ssmd=$1
  shift
  for _ in $(seq 21); do
    # bash's own `time`: milliseconds, and the CPU of ssmd's reaped workers included.
    local TIMEFORMAT='%3R %3U %3S'
    { time "$ssmd" "$@" >/dev/null 2>&1 || true; } 2>&1
  done >"$work/times"
  printf '%.0f/%.0f' "$(awk '{print $1 * 1000}' "$work/times" | median)" \
    "$(awk '{print ($2 + $3) * 1000}' "$work/times" | median)"
}
printf '%-30s' "median ms (wall/cpu)"
for build in "${builds[@]}"; do printf '%16s' "$(basename "$(dirname "$build")")"; done
echo
for cmd in "schema show trade:v1" "schema breaking trade" "env check-keys kalshi-dev" "env check-keys three-keys"; do
  printf '%-30s' "$cmd"
  # shellcheck disable=SC2086 # the command's words
  for build in "${builds[@]}"; do printf '%16s' "$(measure "$build/host/ssmd" $cmd)"; done
  echo
done
