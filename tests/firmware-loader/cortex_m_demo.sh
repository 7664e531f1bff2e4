#!/usr/bin/env bash
# Builds the loader demo image for QEMU mps2-an386 (Cortex-M4, Thumb-2, -Os)
# with arm-none-eabi-gcc, runs it with -icount shift=0 and checks that the
# BLAKE2s-256 of the loaded external-RAM region equals the digest of the
# payload that Python's hashlib computes from the same bundle file. With
# --report, also prints the budget figures (instructions, .text, static RAM,
# stack). Exit 77 (skip) only when the cross compiler or QEMU is missing.
#
# With EVE_REPLAY (tests/eve/eve_replay), the image also captures its SPI
# traffic for a plain and a zlib load (CMD_INFLATE through the FIFO) plus a
# display list drawing the atlas, and the captures are replayed into the
# simulated EVE: its RAM_G must hold what Python's zlib inflates from the
# bundle file, and its frame must show the atlas.
#
#   cortex_m_demo.sh MAKE_DEMO_BUNDLE OUTDIR [EVE_REPLAY] [--report]
#
# FWL_DEMO_CPU and FWL_DEMO_MACHINE (default cortex-m4, mps2-an386) build and
# run it for another core: bench/micropython.py compares it on the Cortex-M3
# (cortex-m3, mps2-an385) with the fwl MicroPython module.
set -euo pipefail
gen=$1
out=$2
replay=""
report=""
for a in "${@:3}"; do
    case $a in
    --report) report=--report ;;
    *) replay=$a ;;
    esac
done
src=$(cd "$(dirname "$0")/../.." && pwd)

for tool in arm-none-eabi-gcc qemu-system-arm; do
    command -v "$tool" >/dev/null || { echo "skip: $tool not found"; exit 77; }
done

mkdir -p "$out/obj"
"$gen" "$out"

fl=$src/firmware-loader
wire=$src/wire
cm=$fl/port/cortex-m
cpu=(-mcpu="${FWL_DEMO_CPU:-cortex-m4}" -mthumb)
machine=${FWL_DEMO_MACHINE:-mps2-an386}
cflags=("${cpu[@]}" -Os -std=c99 -ffreestanding -ffunction-sections -fdata-sections
    -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wvla -Werror -fstack-usage
    -I"$fl/include" -I"$fl" -I"$wire/include" -I"$cm" -I"$out")

# The loader as a library (one object per source, so the map names them).
lib=(loader.c directory.c segments.c errors.c eve.c eve_inflate.c sha512.c fe25519.c sc25519.c ed25519.c ed25519_errors.c
    ../wire/blake2s.c)
objs=()
for f in "${lib[@]}"; do
    o=$out/obj/$(basename "${f%.c}").o
    arm-none-eabi-gcc "${cflags[@]}" -c "$fl/$f" -o "$o"
    objs+=("$o")
done
rm -f "$out/libfwl-cm.a"
arm-none-eabi-ar rcs "$out/libfwl-cm.a" "${objs[@]}"

app=()
capture=()
if [ -n "$replay" ]; then
    capture=(-DDEMO_CAPTURE_DIR="\"$out\"")
    rm -f "$out/spi_plain.log" "$out/spi_zlib.log"
fi
for f in demo_load.c measure.c startup.c semihost.c; do
    arm-none-eabi-gcc "${cflags[@]}" "${capture[@]}" -Wno-conversion -c "$cm/$f" -o "$out/obj/app_${f%.c}.o"
    app+=("$out/obj/app_${f%.c}.o")
done
arm-none-eabi-gcc "${cpu[@]}" -nostartfiles --specs=nosys.specs -Wl,--gc-sections \
    -T "$cm/mps2.ld" -Wl,-Map="$out/demo_load.map" -o "$out/demo_load.elf" \
    "${app[@]}" "$out/libfwl-cm.a"

log=$out/demo_load.log
timeout 120 qemu-system-arm -M "$machine" -nographic -monitor none -serial none \
    -semihosting-config enable=on,target=native -icount shift=0 \
    -kernel "$out/demo_load.elf" >"$log" 2>&1 || { cat "$log"; echo "demo image failed" >&2; exit 1; }

val() { awk -v k="$1" '$1 == k { print $2 }' "$log"; }

# The host's view: payload reassembled from the chunk records, hashed by hashlib.
want=$(python3 - "$out/demo_big.bin" <<'PY'
import hashlib, struct, sys
b = open(sys.argv[1], 'rb').read()
signed_len, = struct.unpack_from('<I', b, 8)
cs, count, addr, plen = struct.unpack_from('<IIII', b, 40)
off, payload = signed_len + 64, b''
for i in range(count):
    n = min(cs, plen - i * cs)
    payload += b[off:off + n]
    off += n + (32 if i + 1 < count else 0)
assert off == len(b) and len(payload) == plen
print(hashlib.blake2s(payload).hexdigest())
PY
)
status=0
for run in big_mmap big_read big_eve; do
    got=$(val ${run}_xram_blake2s)
    if [ "$got" != "$want" ]; then
        echo "$run: device digest $got != host digest $want" >&2
        status=1
    fi
done
[ "$(val result)" = ok ] || { cat "$log"; status=1; }
[ "$(val damaged_mmap_result)" = 16 ] || status=1 # FWL_ERR_CHUNK_DIGEST
[ "$(val big_nozlib_result)" = 24 ] || status=1   # FWL_ERR_NO_INFLATE

if [ -n "$replay" ]; then
    for kind in plain zlib; do
        bin=$out/demo_big.bin
        [ $kind = zlib ] && bin=$out/demo_big_z.bin
        "$replay" "$out/spi_$kind.log" "$out/ram_$kind.bin" 0x10000 "$out/frame_$kind.rgb" ||
            { echo "replay of the $kind capture failed" >&2; status=1; continue; }
        python3 - "$src/tests/rasterd" "$bin" "$out/ram_$kind.bin" "$out/frame_$kind.rgb" <<'PY' ||
import sys
sys.path.insert(0, sys.argv[1])
import check_chain
h = check_chain.check(open(sys.argv[2], 'rb').read())
ram = open(sys.argv[3], 'rb').read()
want = check_chain.ram_image(h)
for dest, data in want.items():
    assert ram[dest:dest + len(data)] == data, "RAM_G differs at 0x%x" % dest
atlas = check_chain.read_ram(want, 0x400, 200 * 200)
f = open(sys.argv[4], 'rb').read()
w, hh = map(int, f.split(b'\n', 1)[0].split())
px = f.split(b'\n', 1)[1]
for y in range(hh):
    for x in range(w):
        v = atlas[y * 200 + x] if x < 200 and y < 200 else 0  # L8 white on black
        assert px[3 * (y * w + x):3 * (y * w + x) + 3] == bytes((v, v, v)), (x, y)
print("replayed into the simulated EVE: RAM_G and the atlas frame match (format %d)" % h["version"])
PY
            status=1
    done
fi
echo "device and host BLAKE2s-256 of the loaded region: $want"

# Budgets (issue 5; docs/porting.md): a regression fails the test.
cal=$(val calibration_ticks_per_1M_insns)
big=$(val big_payload_bytes)
small=$(val small_payload_bytes)
read -r flash ram sink < <(python3 "$src/bench/loader_map.py" "$out/demo_load.map" --totals)
budget() { # what, value, limit
    if python3 -c "import sys; sys.exit(0 if $2 <= $3 else 1)"; then
        echo "budget ok: $1 = $2 (<= $3)"
    else
        echo "BUDGET EXCEEDED: $1 = $2 (> $3)" >&2
        status=1
    fi
}
for run in big_mmap big_read; do
    budget "$run chunk path instructions/byte" \
        "$(python3 -c "print('%.2f' % (($(val ${run}_ticks) - $(val ${run/big/small}_ticks)) * 1000000 / $cal / ($big - $small)))")" 30
    budget "$run peak stack bytes" "$(val ${run}_stack_bytes)" 2560
done
budget "loader core flash bytes (.text + .rodata after gc, without the EVE sink)" "$flash" 12288
echo "EVE sink flash bytes (eve.c + eve_inflate.c, reported apart): $sink"
budget "loader static RAM bytes" "$ram" 256

if [ "$report" = --report ]; then
    insns() { python3 -c "print(round($1 * 1000000 / $cal))"; }
    per_byte() { python3 -c "print('%.2f' % (($1 - $2) * 1000000 / $cal / ($big - $small)))"; }
    echo "QEMU $machine (${cpu[0]#-mcpu=}) -icount shift=0: $cal SysTick ticks per 1M instructions"
    for run in small_mmap big_mmap small_read big_read small_eve big_eve small_eve_zlib big_eve_zlib; do
        code=$(val ${run}_result)
        [ "$code" = 0 ] && code=FWL_OK || code=-$code
        printf '%-11s load: %9s instructions, peak stack %s bytes, %s\n' "$run" \
            "$(insns "$(val ${run}_ticks)")" "$(val ${run}_stack_bytes)" "$code"
    done
    echo "chunk path (digest + copy to sink), marginal per payload byte, $big - $small bytes:"
    echo "  memory-mapped source: $(per_byte "$(val big_mmap_ticks)" "$(val small_mmap_ticks)") instructions/byte"
    echo "  read callback source: $(per_byte "$(val big_read_ticks)" "$(val small_read_ticks)") instructions/byte (includes the memcpy read)"
    echo "  memory-mapped into the EVE sink (SPI model, 1 KiB transfers): $(per_byte "$(val big_eve_ticks)" "$(val small_eve_ticks)") instructions/byte"
    echo "  zlib bundle into the EVE sink (CMD_INFLATE through the FIFO), per inflated payload byte: $(per_byte "$(val big_eve_zlib_ticks)" "$(val small_eve_zlib_ticks)") instructions/byte"
    python3 - "$out/demo_big.bin" "$out/demo_big_z.bin" <<'PY'
import os, sys
p, z = (os.path.getsize(f) for f in sys.argv[1:3])
print("  demo bundle: plain %d bytes, zlib %d bytes (%.1f%%)" % (p, z, 100.0 * z / p))
PY
    echo "sizeof(struct fwl_ctx): $(val sizeof_fwl_ctx) bytes"
    echo "damaged chunk: result -$(val damaged_mmap_result) (FWL_ERR_CHUNK_DIGEST) after $(val damaged_mmap_chunks_written) chunks written"
    python3 "$src/bench/loader_map.py" "$out/demo_load.map"
    echo "largest stack frames (-fstack-usage, loader objects):"
    cat "$out"/obj/{loader,directory,blake2s,sha512,fe25519,sc25519,ed25519}.su | sort -t$'\t' -k2 -n -r | head -6 | sed 's/^/  /'
fi
exit $status
