#!/usr/bin/env bash
# Installs the Debian 12 packages ssmd needs to build and test. Idempotent: when everything is present it
# only asks dpkg, which takes well under a second.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ccache
  libboost-dev libboost-filesystem-dev libboost-program-options-dev
  libyaml-cpp-dev libgit2-dev libcapnp-dev capnproto nlohmann-json3-dev
  libssl-dev openssl libcurl4-openssl-dev libpugixml-dev libgtest-dev
  clang libclang-rt-14-dev
  tzdata
  nodejs npm
  groff-base man-db zsh fish
  etcd-server etcd-client
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
# Node.js may come from elsewhere than Debian; accept any working node and npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}")
  missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
