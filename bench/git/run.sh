#!/usr/bin/env bash
# Times `ssmd log` on a repository with a long history (5,000 commits by default; BENCH_GIT_COMMITS
# overrides), generated with `git fast-import` in a temporary directory. Prints the figures; the target
# is `ssmd log feed kalshi` under 1 s.
#   bench/git/run.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
ssmd="$build/host/ssmd"
generator="$build/bench/git/ssmd_bench_git_history"
commits="${BENCH_GIT_COMMITS:-5000}"
for tool in "$ssmd" "$generator"; do
  [[ -x "$tool" ]] || { echo "missing $tool; build the 'ssmd' and 'ssmd_bench_git_history' targets" >&2; exit 3; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$work/repo"
cd "$work/repo"
git init -q -b main
start=$(date +%s%N)
"$generator" "$commits" | git fast-import --quiet
git checkout -q -f main
echo "generated $(git rev-list --count HEAD) commits in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Best of five wall-clock runs, in milliseconds.
best_ms() {
  local best=""
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
  done
  echo "$best"
}

report() {
  local label=$1; shift
  printf '%-40s %6s ms\n' "$label" "$(best_ms "$@")"
}

kalshi_commits=$("$ssmd" log feed kalshi | grep -c '^[0-9a-f]')
git_commits=$(git log --format=%h -- exchanges/feeds/kalshi.yaml | wc -l)
echo "ssmd log feed kalshi lists $kalshi_commits commits (git log -- path: $git_commits)"
report "ssmd log feed kalshi" "$ssmd" log feed kalshi
report "ssmd log feed kalshi --output json" "$ssmd" log feed kalshi --output json
report "ssmd log schema schema3" "$ssmd" log schema schema3
report "ssmd log -n 20 (all metadata)" "$ssmd" log -n 20
report "ssmd log (all metadata)" "$ssmd" log
report "git log -- exchanges/feeds/kalshi.yaml" git log --format=%h -- exchanges/feeds/kalshi.yaml
sed -i 's|/ws/v|/stream/v|' exchanges/feeds/kalshi.yaml
report "ssmd diff (one file changed)" "$ssmd" diff

limit_ms=1000
kalshi_ms=$(best_ms "$ssmd" log feed kalshi)
if (( kalshi_ms >= limit_ms )); then
  echo "ssmd log feed kalshi took ${kalshi_ms} ms, over the ${limit_ms} ms target" >&2
fi
