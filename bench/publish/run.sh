#!/usr/bin/env bash
# The publish benchmark: bench/validate's generated repository (1,000 feeds x 5 versions, 300 Cap'n Proto
# schemas, 1,000 environments), committed, then published into a local etcd (Debian's etcd-server on
# loopback, a temporary data folder) with `ssmd publish --all`, wall clock of the whole process:
#   - a first publish of the 1,000 environments (target on 2 cores: under 3 s), 8 batches of etcd's 128
#     operations per transaction, each on a fresh prefix;
#   - a republish that changes nothing (it reads, compares and writes nothing);
#   - `--check` against the published prefix.
# Each figure is the median wall time and CPU time (user + system of ssmd and its plugin workers; etcd's own
# is not counted).
#   run.sh [BUILD_DIR]      (default: build, a Release build with the publish-etcd plugin)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
ssmd="$build/host/ssmd"
here=$(cd "$(dirname "$0")" && pwd)
reps=${REPS:-3}
command -v etcd >/dev/null || { echo "etcd is not installed (scripts/setup.sh installs etcd-server)" >&2; exit 3; }
work=$(mktemp -d)
etcd_pid=
cleanup() {
  [ -z "$etcd_pid" ] || { kill "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# Two free loopback ports: bind to port 0 and read back what the kernel chose.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
client=$(free_port) peer=$(free_port)
etcd --name bench --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "bench=http://127.0.0.1:$peer" --heartbeat-interval 10 --election-timeout 100 \
  --logger zap --log-level error 2>"$work/etcd.log" &
etcd_pid=$!
for _ in $(seq 100); do
  ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$client" --dial-timeout 300ms endpoint health >/dev/null 2>&1 && break
  sleep 0.1
done

"$here/../validate/generate.sh" "$work/repo" >/dev/null
cd "$work/repo"
git init -q -b main && git -c user.name=Bench -c user.email=bench@example.invalid add -A
git -c user.name=Bench -c user.email=bench@example.invalid commit -q -m "generated"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.invalid
unset ETCDCTL_USER ETCDCTL_PASSWORD ETCDCTL_CACERT ETCDCTL_CERT ETCDCTL_KEY SSMD_PUBLISH_TO

load=$(cut -d' ' -f1-3 /proc/loadavg)
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Runs `ssmd publish ARGS` and prints its wall time and its CPU time (user + system, its workers included) in
# seconds; fails when ssmd does. On a machine shared with other work the CPU time is the steadier figure.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$ssmd" publish "$@" --plugin-path "$build/plugins" >"$work/out" 2>&1 ||
    { cat "$work/out" >&2; return 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}
wall() { printf '%s\n' "$@" | awk '{print $1}' | median; }
cpu() { printf '%s\n' "$@" | awk '{print $2}' | median; }

first=() again=() check=()
for run in $(seq "$reps"); do
  url="etcd://127.0.0.1:$client/bench/$run"
  first+=("$(timed --all --to "$url")")
  grep -q "published 1000 environments and the index in 8 batches" "$work/out" || { cat "$work/out" >&2; exit 1; }
  again+=("$(timed --all --to "$url")")
  grep -q "up to date" "$work/out" || { cat "$work/out" >&2; exit 1; }
  check+=("$(timed --all --check --to "$url")")
done
first_median=$(wall "${first[@]}")
verdict=ok
[ "$(echo "$first_median < 3" | bc)" = 1 ] || verdict=MISSED
echo "publish: 1000 environments (1000 feeds x 5 versions, 300 schemas) into etcd $(etcd --version | head -1 | awk '{print $3}'), median of $reps"
echo "  load average before: $load"
echo "  first publish:        wall $first_median s (target < 3 s)  $verdict   cpu $(cpu "${first[@]}") s"
echo "  republish, no change: wall $(wall "${again[@]}") s   cpu $(cpu "${again[@]}") s"
echo "  --check:              wall $(wall "${check[@]}") s   cpu $(cpu "${check[@]}") s"
[ $verdict = ok ]
