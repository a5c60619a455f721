#!/usr/bin/env bash
# Packaging test: cpack builds ssmd and ssmd-sdk-dev; both unpack into a scratch root, where the installed
# ssmd runs, finds its bundled plugins, and the SDK's CMake package is present.
set -euo pipefail
build=${SSMD_BUILD_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"; exit 1; }
runtime=$(ls "$work"/out/ssmd_*.deb)
sdk=$(ls "$work"/out/ssmd-sdk-dev_*.deb)
# Capture first: `grep -q` closing the pipe early would fail the pipeline under pipefail.
runtime_info=$(dpkg-deb --info "$runtime")
sdk_info=$(dpkg-deb --info "$sdk")
grep -q "Package: ssmd$" <<<"$runtime_info" || { echo "runtime package misnamed"; exit 1; }
grep -q "Package: ssmd-sdk-dev$" <<<"$sdk_info" || { echo "sdk package misnamed"; exit 1; }
dpkg-deb -x "$runtime" "$work/root"
dpkg-deb -x "$sdk" "$work/root"
ssmd="$work/root/usr/bin/ssmd"
version=$("$ssmd" --version)
[[ $version == "ssmd "* ]] || { echo "installed ssmd does not run"; exit 1; }
test -f "$work/root/usr/include/ssmd/plugin.h" || { echo "SDK header missing"; exit 1; }
test -f "$work/root/usr/lib/cmake/ssmd-sdk/ssmd-sdk-config.cmake" -o \
     -f "$work/root/usr/lib/x86_64-linux-gnu/cmake/ssmd-sdk/ssmd-sdk-config.cmake" || { echo "CMake package missing"; exit 1; }
for f in share/man/man1/ssmd.1 share/bash-completion/completions/ssmd share/zsh/vendor-completions/_ssmd \
         share/fish/vendor_completions.d/ssmd.fish; do
  test -f "$work/root/usr/$f" || { echo "$f missing from the runtime package"; exit 1; }
done
count=$( (find "$work/root/usr/lib/ssmd/plugins" -name "*.so" 2>/dev/null || true) | wc -l)
echo "packages ok: $(basename "$runtime") $(basename "$sdk"), $count bundled plugins"
