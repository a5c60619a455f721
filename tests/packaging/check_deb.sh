#!/usr/bin/env bash
# Packaging test: cpack builds ssmd and ssmd-sdk-dev; both unpack into a scratch root (dpkg-deb -x, as dpkg
# would lay them out, without installing anything on this machine). There the installed ssmd runs, finds
# the bundled plugins in its own plugin directory (not the build tree's), pins them in a new repository,
# and the man pages, completion scripts, SDK headers and CMake package are where docs/packaging.md says.
set -euo pipefail
build=${SSMD_BUILD_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "packaging: $*" >&2; exit 1; }

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"; exit 1; }
runtime=$(ls "$work"/out/ssmd_*.deb)
sdk=$(ls "$work"/out/ssmd-sdk-dev_*.deb)
# Capture first: `grep -q` closing the pipe early would fail the pipeline under pipefail.
runtime_info=$(dpkg-deb --info "$runtime")
sdk_info=$(dpkg-deb --info "$sdk")
grep -q "Package: ssmd$" <<<"$runtime_info" || fail "runtime package misnamed"
grep -q "Package: ssmd-sdk-dev$" <<<"$sdk_info" || fail "sdk package misnamed"
grep -q "Depends: .*ssmd (= " <<<"$sdk_info" || fail "ssmd-sdk-dev does not depend on the same ssmd version"
# Opened on first use, not linked, so dpkg-shlibdeps cannot find them: the package must name them itself.
for soname in libgit2.so libcrypto.so; do
  owner=$(dpkg-query -S "*/$soname.*" 2>/dev/null | head -n1 | cut -d: -f1) || true
  [ -z "$owner" ] || grep -q "Depends: .*\b$owner\b" <<<"$runtime_info" || fail "ssmd does not depend on $owner ($soname)"
done
# storage-s3 and publish-etcd link libcurl: dpkg-shlibdeps must have found it in the plugins.
curl_owner=$(dpkg-query -S "*/libcurl.so.4" 2>/dev/null | head -n1 | cut -d: -f1) || true
[ -z "$curl_owner" ] || grep -q "Depends: .*\b$curl_owner\b" <<<"$runtime_info" ||
  fail "ssmd does not depend on $curl_owner (libcurl, for storage-s3 and publish-etcd)"
# storage-s3 reads S3's XML answers with pugixml, a shared library.
pugixml_owner=$(dpkg-query -S "*/libpugixml.so.1" 2>/dev/null | head -n1 | cut -d: -f1) || true
[ -z "$pugixml_owner" ] || grep -q "Depends: .*\b$pugixml_owner\b" <<<"$runtime_info" ||
  fail "ssmd does not depend on $pugixml_owner (pugixml, for storage-s3)"
# publish-etcd talks to a server over HTTP: the package needs no etcd of its own (the tests' etcd-server is
# a build dependency only).
grep -qi "Depends:.*etcd" <<<"$runtime_info" && fail "ssmd depends on an etcd package"
# Each package holds its own files only.
runtime_files=$(dpkg-deb --contents "$runtime")
sdk_files=$(dpkg-deb --contents "$sdk")
grep -q "usr/include/" <<<"$runtime_files" && fail "headers in the runtime package"
grep -q "usr/bin/ssmd$" <<<"$sdk_files" && fail "the binary in the SDK package"

root="$work/root"
dpkg-deb -x "$runtime" "$root"
dpkg-deb -x "$sdk" "$root"
ssmd="$root/usr/bin/ssmd"
# A clean environment: nothing may point the installed ssmd at the build tree.
run() { env -u SSMD_PLUGIN_PATH -u SSMD_PLUGINS -u SSMD_LOCKED -u SSMD_REPO XDG_CONFIG_HOME="$work/config" "$ssmd" "$@"; }

version=$(run --version)
[[ $version == "ssmd "* ]] || fail "installed ssmd does not run: $version"

# Every plugin the build bundles is in the package and usable from the installed plugin directory.
plugin_dir="$root/usr/lib/ssmd/plugins"
listing=$(cd "$work" && run plugin list)
bundled=0
for built in "$build"/plugins/*.so; do
  name=$(basename "$built" .so)
  bundled=$((bundled + 1))
  test -f "$plugin_dir/$name.so" || fail "$name.so missing from $plugin_dir"
  line=$(grep "^$name " <<<"$listing" || true)
  [[ $line == *" ok "* && $line == *"$plugin_dir/$name.so"* ]] || fail "installed plugin list: '$name' not ok from $plugin_dir:
$listing"
done
((bundled > 0)) || fail "the build bundles no plugin"
grep -q "$build" <<<"$listing" && fail "the installed ssmd uses plugins from the build tree:
$listing"

# `ssmd init` with the installed binary pins the installed plugins by their real SHA-256.
(cd "$work" && run init meta >/dev/null)
for so in "$plugin_dir"/*.so; do
  hash=$(sha256sum "$so" | cut -d' ' -f1)
  grep -q "sha256: $hash" "$work/meta/ssmd-plugins.lock" || fail "$(basename "$so") not pinned by init"
done
(cd "$work/meta" && run validate --locked >/dev/null) || fail "validate --locked fails in a repository init made"

# Man pages: every page the build generates (ssmd.1 and one per command group) is installed.
pages=0
for page in "$build"/share/man/man1/*.1; do
  pages=$((pages + 1))
  test -f "$root/usr/share/man/man1/$(basename "$page")" || fail "$(basename "$page") missing from the package"
done
((pages > 1)) || fail "the build generated no per-command man pages"
for f in share/bash-completion/completions/ssmd share/zsh/vendor-completions/_ssmd \
         share/fish/vendor_completions.d/ssmd.fish; do
  test -f "$root/usr/$f" || fail "$f missing from the runtime package"
done
# The installed scripts are the ones the installed binary prints.
[[ "$(run completion bash)" == "$(cat "$root/usr/share/bash-completion/completions/ssmd")" ]] ||
  fail "the installed bash completion differs from 'ssmd completion bash'"

# The SDK: every public header of sdk/include and the CMake package (config, version and targets files).
for header in $(cd "$(dirname "$0")/../../sdk/include" && ls ssmd/*); do
  test -f "$root/usr/include/$header" || fail "SDK header $header missing"
done
cmake_dir=$(dirname "$(find "$root/usr/lib" -name ssmd-sdk-config.cmake | head -n1)")
[[ -n $cmake_dir && $cmake_dir != . ]] || fail "CMake package missing"
for f in ssmd-sdk-config.cmake ssmd-sdk-config-version.cmake ssmd-sdk-targets.cmake SsmdAddPlugin.cmake; do
  test -f "$cmake_dir/$f" || fail "$f missing from the CMake package in $cmake_dir"
done

echo "packages ok: $(basename "$runtime") ($(du -k "$runtime" | cut -f1) KiB), $(basename "$sdk")" \
     "($(du -k "$sdk" | cut -f1) KiB); $bundled bundled plugins, $pages man pages"
