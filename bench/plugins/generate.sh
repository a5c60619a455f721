#!/usr/bin/env bash
# Generates COUNT distinct plugins (bench-000.so ...) in OUT_DIR by compiling tiny_plugin.c once per plugin
# with its names given on the command line. Usage: generate.sh OUT_DIR [COUNT]
set -euo pipefail
out=${1:?usage: generate.sh OUT_DIR [COUNT]}
count=${2:-100}
here=$(cd "$(dirname "$0")" && pwd)
sdk="$here/../../sdk/include"
cc=${CC:-cc}
mkdir -p "$out"
chmod 0755 "$out"
map="$out/.exports.map"
printf '{\n  global: ssmd_plugin_entry;\n  local: *;\n};\n' >"$map"

build_one() {
  local n name
  n=$(printf '%03d' "$1")
  name="bench-$n"
  "$cc" -std=c11 -O2 -shared -fPIC -fvisibility=hidden -I"$sdk" \
    -DBENCH_NAME="\"$name\"" -DBENCH_FEED="\"bench-feed-$n\"" -DBENCH_COMMAND="\"bench-cmd-$n\"" \
    -Wl,--version-script="$map" -Wl,--no-undefined -o "$out/$name.so" "$here/tiny_plugin.c"
  chmod 0755 "$out/$name.so"
}
export -f build_one
export cc sdk map out here
seq 0 $((count - 1)) | xargs -P "${JOBS:-2}" -I{} bash -c 'build_one {}'
rm -f "$map"
echo "generated $count plugins in $out"
