#!/usr/bin/env bash
# Runs every benchmark driver the build produced (bench/<area>/ssmd_bench_<area>); each prints its figures
# and exits non-zero when over budget.
set -euo pipefail
build=${1:-build}
status=0
for driver in "$build"/bench/*/ssmd_bench_*; do
  [ -x "$driver" ] || continue
  echo "== $(basename "$driver")"
  "$driver" "$build/host/ssmd" || status=1
done
exit $status
