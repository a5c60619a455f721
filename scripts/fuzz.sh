#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/fuzz_*.cpp) with clang and runs each for a bounded time
# (FUZZ_SECONDS, default 30). Fails on any crash, leak or timeout. Prints executions per second and totals
# per target, then a summary table. FUZZ_KEEP=1 merges the inputs that reached new code into the committed
# corpus (tests/fuzz/corpus/<name>/), which the test suite replays on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
build=${FUZZ_BUILD:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSSMD_BUILD_FUZZERS=ON -DSSMD_BUILD_TESTS=ON -DSSMD_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=address,undefined,fuzzer-no-link" \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_MODULE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
targets=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
cmake --build "$build" -j "$(nproc)" --target $targets
status=0
summary="target                  executions   exec/s"
for t in $targets; do
  name=${t#fuzz_}
  corpus=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$name/." "$corpus/" 2>/dev/null || true
  log=$(mktemp)
  if "$build/tests/fuzz/$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    rate=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
    echo "fuzz: $t ok: $execs executions, $rate exec/s in ${seconds}s"
    summary+=$(printf '\n%-22s %12s %8s' "$t" "$execs" "$rate")
  else
    echo "fuzz: $t FAILED"; tail -40 "$log"; status=1
    summary+=$(printf '\n%-22s %12s %8s' "$t" FAILED -)
    mkdir -p fuzz-artifacts && cp crash-* leak-* timeout-* fuzz-artifacts/ 2>/dev/null || true
  fi
  if [ "${FUZZ_KEEP:-0}" = 1 ] && [ $status = 0 ]; then
    mkdir -p "tests/fuzz/corpus/$name"
    "$build/tests/fuzz/$t" -merge=1 "tests/fuzz/corpus/$name" "$corpus" >/dev/null 2>&1
  fi
  rm -rf "$corpus" "$log"
done
rm -f crash-* leak-* timeout-* oom-* slow-unit-*
echo "$summary"
exit $status
