#!/usr/bin/env bash
# Runs every benchmark: bench/<area>/run.sh BUILD_DIR, each printing its own figures.
# Benchmarks are measurements, not tests: they report numbers and fail only when they cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
for script in bench/*/run.sh; do
  echo "== ${script%/run.sh}"
  bash "$script" "$build"
  echo
done
