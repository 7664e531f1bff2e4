#!/usr/bin/env bash
# Firmware loader on an emulated Cortex-M4 (QEMU mps2-an386, -icount shift=0,
# arm-none-eabi-gcc -Os -mthumb): whole-load instruction counts, the chunk
# path per payload byte, peak stack, sizeof(struct fwl_ctx), and the flash
# and static RAM the loader's objects take in the linked image. Instruction
# counts are exact and deterministic (QEMU counts instructions, not cycles).
#
#   bash bench/loader.sh [host-build-dir]     (default: build)
#
# Uses the host build for the bundle generator (make_demo_bundle) and builds
# the image with arm-none-eabi-gcc directly (tests/firmware-loader/
# cortex_m_demo.sh, the same script the fwl_cortex_m_demo test runs).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true >/dev/null
fi
ninja -C "$dir" tests/firmware-loader/make_demo_bundle >/dev/null
bash tests/firmware-loader/cortex_m_demo.sh "$dir/tests/firmware-loader/make_demo_bundle" \
    "$dir/bench-loader" --report
