#!/usr/bin/env bash
# Firmware-loader crypto on an emulated Cortex-M4: builds the bench image with
# cross/arm-none-eabi.ini (-Os -mcpu=cortex-m4 -mthumb), runs it on QEMU
# mps2-an386 with -icount shift=0, and prints instruction counts, stack
# high-water marks and .text sizes. Instruction counts are exact and
# deterministic (QEMU counts instructions, not cycles).
#
#   bash bench/loader_crypto.sh [build-dir]     (default build-fw)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-fw}

if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" --cross-file cross/arm-none-eabi.ini -Dwerror=true >"${TMPDIR:-/tmp}/fwl-bench-setup.log" 2>&1 ||
        { cat "${TMPDIR:-/tmp}/fwl-bench-setup.log" >&2; exit 1; }
fi
ninja -C "$dir" >/dev/null

elf=$dir/firmware-loader/port/cortex-m/fwl_crypto_bench.elf
out=$(timeout 60 qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none \
    -semihosting-config enable=on,target=native -icount shift=0 -kernel "$elf" 2>&1) ||
    { echo "$out"; echo "bench image failed" >&2; exit 1; }

val() { awk -v k="$1" '$1 == k { print $2 }' <<<"$out"; }

# Digests must match Python's hashlib over the same 16 KiB pattern.
read -r want_b2 want_s512 < <(python3 -c '
import hashlib
d = bytes((i * 7 + (i >> 8)) & 0xff for i in range(16384))
print(hashlib.blake2s(d).hexdigest(), hashlib.sha512(d).hexdigest())')
[ "$(val blake2s_16k_digest)" = "$want_b2" ] || { echo "BLAKE2s digest mismatch" >&2; exit 1; }
[ "$(val sha512_16k_digest)" = "$want_s512" ] || { echo "SHA-512 digest mismatch" >&2; exit 1; }
[ "$(val result)" = ok ] || { echo "$out"; exit 1; }

cal=$(val calibration_ticks_per_1M_insns)
insns() { python3 -c "print(round($1 * 1000000 / $cal))"; }
per_byte() { python3 -c "print('%.1f' % ($1 * 1000000 / $cal / 16384))"; }

echo "qemu mps2-an386, -icount shift=0: $cal SysTick ticks per 1M instructions"
echo "ed25519 verify (RFC 8032 test 3, valid):    $(insns "$(val ed25519_verify_ticks)") instructions"
echo "ed25519 verify (corrupted R, rejected):     $(insns "$(val ed25519_verify_bad_sig_ticks)") instructions"
echo "ed25519 verify peak stack:                  $(val ed25519_verify_stack_bytes) bytes"
echo "blake2s 16 KiB:                             $(per_byte "$(val blake2s_16k_ticks)") instructions/byte, stack $(val blake2s_16k_stack_bytes) bytes"
echo "sha512 16 KiB:                              $(per_byte "$(val sha512_16k_ticks)") instructions/byte, stack $(val sha512_16k_stack_bytes) bytes"
echo ".text per object (arm-none-eabi-size):"
arm-none-eabi-size "$dir"/firmware-loader/libfwl_crypto.a "$dir"/wire/libwire.a |
    awk 'NR == 1 || $1 ~ /^[0-9]+$/ { sub(/ \(ex .*/, ""); sub(/.*\//, "", $6); printf "  %6s %s\n", $1, $6; if (NR > 1 && $6 != "ed25519_errors.c.o") t += $1 }
         END { printf "  %6d total verify + hash code (without the error strings)\n", t }'
# What the linker keeps (--gc-sections) of those objects in the bench image,
# which calls the one-shot verify, BLAKE2s and SHA-512 (plus the field
# primitives it times, which the verifier needs anyway).
python3 - "$elf" "$dir"/firmware-loader/libfwl_crypto.a "$dir"/wire/libwire.a <<'PY'
import subprocess, sys
def syms(path):
    out = subprocess.run(["arm-none-eabi-nm", "-S", path], capture_output=True, text=True).stdout
    return [(l.split()[3], int(l.split()[1], 16)) for l in out.splitlines() if len(l.split()) == 4]
lib = set()
for a in sys.argv[2:]:
    lib.update(syms(a))
kept = sum(size for name, size in syms(sys.argv[1]) if (name, size) in lib)
print("  %6d linked into the bench image (code + tables, without libc memcpy etc.)" % kept)
PY
# Largest stack frames (-fstack-usage) of the crypto objects.
echo "largest stack frames (-fstack-usage, bytes):"
cat "$dir"/firmware-loader/libfwl_crypto.a.p/*.su "$dir"/wire/libwire.a.p/*.su |
    sort -t$'\t' -k2 -n -r | head -8 | awk -F'\t' '{ sub(/.*\//, "", $1); printf "  %6s %s\n", $2, $1 }'
