#!/usr/bin/env bash
# glyphpack end to end against bare FreeType, as whole programs (process
# start, font open, render, and for glyphpack also quantize, pack, dedupe,
# emit and the atomic write). DejaVuSans set B (0x20-0x7E, 0xA0-0x17F,
# 0x370-0x3FF, 0x400-0x4FF), 4 bpp, 16 and 48 px. The bare side is
# build/bench/ft_render_once (open + FT_Load_Glyph + FT_Render_Glyph per code
# point, nothing else).
#
# Two measurements:
#  - wall time and CPU time (user + system, from the child's rusage): N
#    interleaved runs of each command (bare, -f bin, -f c), medians; wall
#    time includes glyphpack's fsync of its outputs; noisy on a shared machine;
#  - instructions: callgrind's total for one run of each program (startup
#    and dynamic linking included on both sides), deterministic.
#
#   bash bench/glyphpack.sh [build-dir] [runs]     (default build, 21)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
runs=${2:-21}
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
chars=0x20-0x7E,0xA0-0x17F,0x370-0x3FF,0x400-0x4FF

[ -f "$dir/build.ninja" ] || { echo "no build in $dir: meson setup $dir" >&2; exit 1; }
ninja -C "$dir" rasterd/glyphpack bench/ft_render_once >/dev/null
gp=$dir/rasterd/glyphpack
bare=$dir/bench/ft_render_once
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$gp" "$bare" "$font" "$chars" "$runs" "$tmp" <<'PY'
import os, resource, statistics, subprocess, sys, time
gp, bare, font, chars, runs, tmp = sys.argv[1:]
runs = int(runs)
for px in (16, 48):
    cmds = {
        "bare FreeType": [bare, font, str(px)],
        "glyphpack -f bin": [gp, font, "-s", str(px), "-c", chars, "-b", "4", "-f", "bin",
                             "-q", "-o", os.path.join(tmp, "f.bin")],
        "glyphpack -f c": [gp, font, "-s", str(px), "-c", chars, "-b", "4", "-f", "c",
                           "-q", "-o", os.path.join(tmp, "f")],
    }
    times = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    for i in range(runs + 1):  # run 0: warm-up (page cache), not counted
        for k, c in cmds.items():
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(c, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:
                times[k].append(t1 - t0)
                cpu[k].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    base = statistics.median(times["bare FreeType"])
    cbase = statistics.median(cpu["bare FreeType"])
    for k in cmds:
        med, cmed = statistics.median(times[k]), statistics.median(cpu[k])
        print(f"{px:3d} px  {k:17s} wall {med * 1e3:6.2f} ms (ratio {med / base:.2f})"
              f"  cpu {cmed * 1e3:6.2f} ms (ratio {cmed / cbase:.2f})")
PY

if command -v valgrind >/dev/null; then
    echo "instructions (callgrind, one whole run each):"
    for px in 16 48; do
        ir() { valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" \
                   2>&1 >/dev/null | awk '/Collected :/ { print $4 }'; }
        b=$(ir "$bare" "$font" $px)
        gb=$(ir "$gp" "$font" -s $px -c $chars -b 4 -f bin -q -o "$tmp/f.bin")
        gc=$(ir "$gp" "$font" -s $px -c $chars -b 4 -f c -q -o "$tmp/f")
        awk -v px=$px -v b="$b" -v gb="$gb" -v gc="$gc" 'BEGIN {
            printf "%3d px  bare %6.1f M  glyphpack -f bin %6.1f M (ratio %.2f)  -f c %6.1f M (ratio %.2f)\n",
                   px, b / 1e6, gb / 1e6, gb / b, gc / 1e6, gc / b }'
    done
fi
