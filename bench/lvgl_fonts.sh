#!/usr/bin/env bash
# LVGL binary fonts: glyphpack -f lvgl-bin against lv_font_conv 1.5.3
# (--format bin), side by side in one run, on the rows of issue 12:
# DejaVuSans set A (0x20-0x7E) and set B (A + 0xA0-0x17F, 0x370-0x3FF,
# 0x400-0x4FF) at 16 and 48 px, 1 and 4 bpp, and the CJK row
# (DroidSansFallbackFull.ttf from fonts-droid-fallback: ASCII + U+3000-303F +
# U+4E00-9FFF, 24 px, 4 bpp), where glyphpack is also compared with bare
# FreeType rendering the same glyphs (build/bench/ft_render_once).
#
# lv_font_conv is installed from npm into BUILD/bench/lv_font_conv the first
# time (needs npm). Sizes are the output files; times are wall-clock medians
# (glyphpack and bare FreeType: RUNS runs after a warm-up; lv_font_conv: 3
# runs, 1 for the CJK row, which takes minutes); peak memory is the child's
# maxrss. Kerning: lv_font_conv reads none from DejaVuSans (its GPOS reader
# only looks at the DFLT script), and glyphpack kerns only with --kerning,
# so the rows compare like with like. Rendering: glyphpack's LVGL default is
# lv_font_conv's (auto-hinter, truncated coverage), so both draw the same
# glyph pixels (docs/lvgl.md).
#
#   bash bench/lvgl_fonts.sh [build-dir] [runs]     (default build, 11)
#   NO_CJK=1 bash bench/lvgl_fonts.sh               (skip the CJK row)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
runs=${2:-11}
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
cjk=${CJK_FONT:-/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf}

[ -f "$dir/build.ninja" ] || { echo "no build in $dir: meson setup $dir" >&2; exit 1; }
ninja -C "$dir" rasterd/glyphpack bench/ft_render_once >/dev/null
lvdir=$dir/bench/lv_font_conv
if [ ! -x "$lvdir/node_modules/.bin/lv_font_conv" ]; then
    command -v npm >/dev/null || { echo "npm not found: install nodejs and npm" >&2; exit 1; }
    mkdir -p "$lvdir"
    npm install --prefix "$lvdir" --no-audit --no-fund --silent lv_font_conv@1.5.3 >&2
fi
[ -f "$cjk" ] || { echo "no $cjk (apt install fonts-droid-fallback): CJK row skipped" >&2; NO_CJK=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$dir" "$lvdir/node_modules/.bin/lv_font_conv" "$font" "$cjk" "$runs" "$tmp" \
    "${NO_CJK:-}" <<'PY'
import os, statistics, subprocess, sys, time
build, lv, font, cjk, runs, tmp, no_cjk = sys.argv[1:]
runs = int(runs)
gp = os.path.join(build, "rasterd", "glyphpack")
bare = os.path.join(build, "bench", "ft_render_once")
A = "0x20-0x7E"
B = "0x20-0x7E,0xA0-0x17F,0x370-0x3FF,0x400-0x4FF"
C = "0x20-0x7E,0x3000-0x303F,0x4E00-0x9FFF"

def once(cmd):
    """Wall seconds and peak RSS (KiB) of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    if status != 0:
        sys.exit("failed: " + " ".join(cmd))
    return t1 - t0, ru.ru_maxrss

def median_run(cmd, n):
    once(cmd)  # warm-up: page cache, node's compile cache
    res = [once(cmd) for _ in range(n)]
    return statistics.median(r[0] for r in res), max(r[1] for r in res)

def row(label, ttf, chars, px, bpp, lv_runs, gp_runs, gp_extra=()):
    out_lv, out_gp = os.path.join(tmp, "lv.bin"), os.path.join(tmp, "gp.bin")
    lv_cmd = [lv, "--font", ttf, "-r", chars, "--size", str(px), "--bpp", str(bpp),
              "--format", "bin", "-o", out_lv]
    gp_cmd = [gp, ttf, "-s", str(px), "-b", str(bpp), "-c", chars, "-f", "lvgl-bin", "-q",
              "-o", out_gp] + list(gp_extra)
    if lv_runs == 0:  # lv_font_conv's output of the row before
        t_lv, m_lv = row.lv
    elif lv_runs == 1:
        t_lv, m_lv = once(lv_cmd)
    else:
        t_lv, m_lv = median_run(lv_cmd, lv_runs)
    row.lv = (t_lv, m_lv)
    t_gp, m_gp = median_run(gp_cmd, gp_runs)
    s_lv, s_gp = os.path.getsize(out_lv), os.path.getsize(out_gp)
    print(f"| {label} {px} {bpp} | {s_lv:,} | {s_gp:,} | {s_gp / s_lv:.3f} | "
          f"{t_lv:.3f} s | {t_gp * 1e3:.1f} ms | {t_lv / t_gp:.0f}x | "
          f"{m_lv / 1024:.0f} / {m_gp / 1024:.0f} MiB |", flush=True)
    return t_gp, m_gp

print("| set, px, bpp | lv_font_conv bytes | glyphpack bytes | ratio | lv_font_conv time "
      "| glyphpack time | speed-up | peak RSS lv / gp |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for label, chars in (("A", A), ("B", B)):
    for px in (16, 48):
        for bpp in (1, 4):
            row(label, font, chars, px, bpp, 3, runs)
if not no_cjk:
    t_gp, m_gp = row("CJK", cjk, C, 24, 4, 1, runs)
    # glyphpack's other outputs' rendering (FreeType's default hinting,
    # rounded coverage), for comparison with the LVGL default above.
    row("CJK --hinting normal --quantize round", cjk, C, 24, 4, 0, runs,
        ["--hinting", "normal", "--quantize", "round"])
    # Bare FreeType loads as glyphpack's LVGL default (the auto-hinter).
    t_bare, m_bare = median_run([bare, cjk, "24", C, "auto"], runs)
    print(f"\nCJK: bare FreeType rendering the same glyphs {t_bare:.3f} s "
          f"({m_bare / 1024:.0f} MiB); glyphpack / bare = {t_gp / t_bare:.2f} "
          f"(goal <= 1.5); glyphpack peak {m_gp / 1024:.0f} MiB (goal < 64)")
PY

if command -v valgrind >/dev/null && [ -z "${NO_CJK:-}" ]; then
    ir() { valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" \
               2>&1 >/dev/null | awk '/Collected :/ { print $4 }'; }
    c=0x20-0x7E,0x3000-0x303F,0x4E00-0x9FFF
    b=$(ir "$dir/bench/ft_render_once" "$cjk" 24 $c auto)
    g=$(ir "$dir/rasterd/glyphpack" "$cjk" -s 24 -b 4 -c $c -f lvgl-bin -q -o "$tmp/g.bin")
    awk -v b="$b" -v g="$g" 'BEGIN { printf "CJK instructions (callgrind, whole runs): bare %.0f M, glyphpack %.0f M, ratio %.2f\n", b / 1e6, g / 1e6, g / b }'
fi
