#!/usr/bin/env bash
# Measures how fast ssmd lists plugins it never loads: the median wall time of `ssmd --help` and
# `ssmd plugin list` over RUNS runs with COUNT generated plugins on the plugin path, and checks with the
# dynamic loader's own trace (LD_DEBUG=files) that no plugin library is opened.
# Usage: run.sh PATH/TO/ssmd [COUNT] [RUNS]        Target: median under 10 ms.
set -euo pipefail
ssmd=$(realpath "${1:?usage: run.sh PATH/TO/ssmd [COUNT] [RUNS]}")
count=${2:-100}
runs=${3:-50}
target_ms=10
here=$(cd "$(dirname "$0")" && pwd)
# Not under /tmp: ssmd refuses plugins below a folder others can write, a sticky /tmp included
# (docs/plugins.md, "Trust"). BENCH_DIR chooses the parent; by default the folder of the ssmd binary.
work=$(mktemp -d "${BENCH_DIR:-$(dirname "$ssmd")}/bench-plugins.XXXXXX")
trap 'rm -rf "$work"' EXIT
plugins="$work/plugins"
"$here/generate.sh" "$plugins" "$count" >/dev/null
unset SSMD_PLUGIN_PATH SSMD_PLUGINS SSMD_LOCKED SSMD_REPO
cd "$work"

# Median wall time in milliseconds of RUNS runs of the command; bash's $EPOCHREALTIME costs no fork.
median_ms() {
  local samples=() start end
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    samples+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) * 1000 }')")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# How many plugin libraries the dynamic loader opened while running the command. ssmd loads a plugin through
# the descriptor it checked it on, so the loader names it /proc/self/fd/N rather than by its path.
plugin_loads() {
  LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -E "file=($plugins/|/proc/self/fd/)" | grep -c "generating link map" || true
}

listed=$("$ssmd" --plugin-path "$plugins" plugin list | grep -c '^bench-.* ok ' || true)
[ "$listed" -eq "$count" ] || { echo "FAIL: plugin list shows $listed of $count plugins as ok"; exit 1; }

baseline=$(median_ms "$ssmd" --help)
help=$(median_ms "$ssmd" --plugin-path "$plugins" --help)
list=$(median_ms "$ssmd" --plugin-path "$plugins" plugin list)
help_loads=$(plugin_loads "$ssmd" --plugin-path "$plugins" --help)
list_loads=$(plugin_loads "$ssmd" --plugin-path "$plugins" plugin list)
# The control: running one plugin's command must show up in the same trace, or the check proves nothing.
control_loads=$(plugin_loads "$ssmd" --plugin-path "$plugins" bench-cmd-000)

echo "ssmd plugin benchmark: $count plugins, median of $runs runs ($ssmd)"
printf '  %-28s %8s ms\n' "ssmd --help (no plugins)" "$baseline" "ssmd --help" "$help" "ssmd plugin list" "$list"
echo "  plugin libraries loaded: --help $help_loads, plugin list $list_loads (control: running a plugin command loads $control_loads)"

status=0
[ "$control_loads" -ge 1 ] || { echo "FAIL: the load check did not see the control load"; status=1; }
[ "$help_loads" -eq 0 ] && [ "$list_loads" -eq 0 ] || { echo "FAIL: a plugin library was loaded"; status=1; }
for v in "$help" "$list"; do
  awk -v v="$v" -v t="$target_ms" 'BEGIN { exit !(v < t) }' || { echo "FAIL: median $v ms is over the $target_ms ms target"; status=1; }
done
[ "$status" -eq 0 ] && echo "OK: medians under $target_ms ms, no plugin loaded"
exit "$status"
