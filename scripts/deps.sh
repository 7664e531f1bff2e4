#!/usr/bin/env bash
# Installs the Debian 12 packages rasterd needs to build and test, idempotently:
# nothing happens when everything is already installed.
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build python3
  libfreetype-dev libpng-dev zlib1g-dev libsodium-dev libconfig-dev
  fonts-dejavu-core scdoc dfu-util libsystemd-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
  clang-14 libclang-rt-14-dev
  python3-freetype xfonts-utils fonts-freefont-otf
  libharfbuzz-dev python3-fonttools
  cmake
  libastcenc-dev fonts-droid-fallback
  liblz4-dev
)
# Node runs MicroPython (WASM) to check the generated .py modules; use the
# machine's node if it has one, otherwise Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# MicroPython (WebAssembly) for the generated-module tests, pinned by
# tests/micropython/package-lock.json. Installed once; npm ci is not rerun
# while node_modules exists.
mp_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/micropython"
if [ ! -d "$mp_dir/node_modules" ] && command -v npm >/dev/null 2>&1; then
  echo "deps: npm ci --prefix tests/micropython" >&2
  npm ci --prefix "$mp_dir" --no-audit --no-fund >&2
fi
