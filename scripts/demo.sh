#!/usr/bin/env bash
# The main job on the bundled exchanges/: what an operator sees first.
set -euo pipefail
ssmd=${1:-build/host/ssmd}
cd "$(dirname "$0")/.."
run() { echo "\$ ssmd $*"; "$ssmd" "$@"; echo; }
run --version
run --help
run plugin list
run validate
run feed list
run feed show kalshi --as-of 2025-06-01
run schema list
run env show kalshi-dev
