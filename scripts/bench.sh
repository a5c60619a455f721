#!/usr/bin/env bash
# Runs every benchmark: bench/<area>/run.sh BUILD_DIR where an area has a script, else the driver the build
# produced (BUILD_DIR/bench/<area>/ssmd_bench_<area> SSMD). Each prints its own figures; benchmarks are
# measurements, not tests, and fail only when they cannot run or are over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
status=0
for area in bench/*/; do
  area=${area%/}
  name=$(basename "$area")
  if [ -f "$area/run.sh" ]; then
    echo "== $name"
    bash "$area/run.sh" "$build" || status=1
  else
    for driver in "$build/bench/$name"/ssmd_bench_*; do
      [ -x "$driver" ] || continue
      echo "== $name"
      "$driver" "$build/host/ssmd" || status=1
    done
  fi
  echo
done
exit $status
