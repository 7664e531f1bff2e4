#!/usr/bin/env bash
# Compile time of a frozen blob as a C array versus an assembler .incbin.
# usage: bench/blob_compile.sh [BUILD_DIR] [MIB] [RUNS]
# Needs the test emitter (BUILD_DIR/tests/formats/test_blob, built with the
# default -Dtests=true). Prints the median wall time of RUNS compiles each,
# for the host cc and, when present, arm-none-eabi-gcc.
# Measured 2026-11-24 on the 2-core CI machine (gcc 12, 4 MiB, median of 3):
#   cc: blob.c 4.64 s, blob.S 0.017 s; arm-none-eabi-gcc: blob.c 4.36 s, blob.S 0.015 s.
set -euo pipefail
build=${1:-build}
mib=${2:-4}
runs=${3:-5}
emit="$build/tests/formats/test_blob"
[ -x "$emit" ] || { echo "missing $emit; run ninja -C $build" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c $((mib * 1024 * 1024)) /dev/urandom >"$tmp/blob.bin"
"$emit" "$tmp/blob.bin" "$tmp" blob 4 -

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_one() { # compiler, source, extra flags...
  local s e cc=$1 src=$2
  shift 2
  s=$(date +%s.%N)
  "$cc" -O2 "$@" -c -o "$tmp/out.o" "$src"
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
for cc in cc arm-none-eabi-gcc; do
  command -v "$cc" >/dev/null || { echo "$cc: not installed, skipped"; continue; }
  extra=()
  [ "$cc" = arm-none-eabi-gcc ] && extra=(-mcpu=cortex-m4 -mthumb)
  for src in blob.c blob.S; do
    t=$(for _ in $(seq "$runs"); do time_one "$cc" "$tmp/$src" "${extra[@]}"; done | median)
    printf '%-18s %2d MiB %-7s median of %d: %6.3f s (source %s bytes)\n' "$cc" "$mib" "$src" \
      "$runs" "$t" "$(stat -c %s "$tmp/$src")"
  done
done
