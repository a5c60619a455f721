#!/usr/bin/env bash
# Peak memory of the commands that read git history, over a history that once held a 300 MiB file at three
# paths ssmd reads: a feed, a schema definition and a SealedSecret manifest. Each command's peak resident set
# (its workers included) comes from GNU time's %M; the budget is 256 MiB, and a command over it fails the
# script. Given a second build directory, the same for it, side by side.
#   run.sh BUILD_DIR [OTHER_BUILD_DIR]        (BENCH_SHOW=1 also prints what each command said, on stderr)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
builds=()
for dir in "${1:-build}" ${2:+"$2"}; do builds+=("$(cd "$dir" && pwd)"); done
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time" >&2; exit 3; }
budget_kib=$((256 * 1024))

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1 TZ=UTC
export SSMD_SEALED_SECRET_DIR="$work/mounts/{name}"
unset SSMD_PLUGIN_PATH SSMD_PLUGINS SSMD_LOCKED SSMD_REPO SSMD_OUTPUT GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME" "$work/repo" "$work/mounts/kalshi-prod"
printf 'k' >"$work/mounts/kalshi-prod/key_id"
printf 'p' >"$work/mounts/kalshi-prod/private_key"
cd "$work/repo"
cp -r "$here/../../exchanges" exchanges
git init -q -b main
git config user.name bench && git config user.email bench@example.com
git add -A && git commit -q -m initial

# 300 MiB of zeros: a sparse file, stored straight into a pack (bigFileThreshold streams it, so making it
# costs seconds), then staged at each path without touching the working tree.
truncate -s 314572800 "$work/huge.bin"
huge=$(git -c core.bigFileThreshold=1m hash-object -w --no-filters "$work/huge.bin")
huge_paths=(exchanges/feeds/big.yaml exchanges/schemas/trade.v1.capnp exchanges/sealed-secrets/kalshi-prod.yaml)
for path in "${huge_paths[@]}"; do git update-index --add --cacheinfo "100644,$huge,$path"; done
git commit -q -m 'huge files'

# "N MiB/E" for `ssmd ARGS...` (E its exit code), with a "!" when it is over the budget. The figures go to a
# file, since peak() runs in a subshell.
peak() {
  local ssmd=$1 code=0
  shift
  /usr/bin/time -f '%M' -o "$work/rss" "$ssmd" "$@" >"$work/out" 2>&1 || code=$?
  [[ -z "${BENCH_SHOW:-}" ]] || cat "$work/out" >&2
  local kib
  kib=$(tail -1 "$work/rss")
  if ((kib > budget_kib)); then echo over >>"$work/over"; printf '%d MiB/%d!' $((kib / 1024)) "$code"
  else printf '%d MiB/%d' $((kib / 1024)) "$code"; fi
}
report() {
  local cmd=$1
  printf '%-50s' "$cmd"
  # shellcheck disable=SC2086 # the command's words
  for build in "${builds[@]}"; do printf '%14s' "$(peak "$build/host/ssmd" $cmd)"; done
  echo
}
printf '%-50s' "peak RSS/exit (budget 256 MiB)"
for build in "${builds[@]}"; do printf '%14s' "$(basename "$(dirname "$build")")"; done
echo
# HEAD holds the huge files, the working tree the small ones.
report "diff"
report "diff --stat"
# Put the small files back: now the huge ones are one commit back.
git rm -q --cached exchanges/feeds/big.yaml
git add exchanges/schemas/trade.v1.capnp exchanges/sealed-secrets/kalshi-prod.yaml
git commit -q -m 'small again'
report "log"
report "log --output json"
report "log schema trade"
report "validate --at HEAD~1"
report "feed show big --at HEAD~1"
report "schema breaking trade --against HEAD~1 --from v1"
report "env check-keys kalshi-prod"

[[ ! -e "$work/over" ]]
