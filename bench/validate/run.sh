#!/usr/bin/env bash
# The validate benchmark: a generated repository (1,000 feeds x 5 versions, 300 Cap'n Proto schemas,
# 1,000 environments), cold (no cache) and warm (unchanged repository) `ssmd validate` times.
# Targets on a 2-core machine: cold under 2 s, warm under 0.2 s.
#   run.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
ssmd="$build/host/ssmd"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/generate.sh" "$work/repo"
cd "$work/repo"
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
cold=() warm=()
for run in 1 2 3; do
  rm -rf .ssmd
  t0=$(now); "$ssmd" validate >/dev/null; t1=$(now)
  cold+=("$(echo "$t1 - $t0" | bc)")
  for w in 1 2 3; do
    t0=$(now); "$ssmd" validate >/dev/null; t1=$(now)
    warm+=("$(echo "$t1 - $t0" | bc)")
  done
done
"$ssmd" validate --stats >/dev/null 2>"$work/stats" || true
echo "validate: $(ls exchanges/feeds | wc -l) feeds, $(ls exchanges/schemas/*.yaml | wc -l) schemas, $(ls exchanges/environments | wc -l) environments"
echo "  cold median: $(printf '%s\n' "${cold[@]}" | median) s (target < 2 s)"
echo "  warm median: $(printf '%s\n' "${warm[@]}" | median) s (target < 0.2 s)"
echo "  $(cat "$work/stats")"
