#!/usr/bin/env bash
# micropython-font-to-py against glyphpack font-to-py on the same jobs, as
# whole processes (interpreter or program start, font open, height search,
# rendering, the file written), interleaved, medians of wall and CPU time:
#  - small: DejaVuSans, printable ASCII (font_to_py's default), height 32;
#  - large: DejaVuSans, 719 code points (0x20-0x7E, 0xA0-0x17F, 0x370-0x3FF,
#    0x400-0x4FF, as a -k charset file; 708 printable ones in the font),
#    height 32.
# Both write the same file (the script checks: byte-identical with
# --bug-compatible, as in the tests). font_to_py runs from the archive in
# ../shared/thirdparty (unpacked to a temporary folder) on a python3 with
# freetype (Debian python3-freetype).
#
#   bash bench/font_to_py.sh [build-dir] [runs]     (default build, 7)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
runs=${2:-7}
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
archive=${FONT_TO_PY:-../shared/thirdparty/font_to_py-c247614.tar.xz}
py=${FTP_PYTHON:-/usr/bin/python3}

[ -f "$dir/build.ninja" ] || { echo "no build in $dir: meson setup $dir" >&2; exit 1; }
"$py" -c 'import freetype' 2>/dev/null || { echo "$py lacks freetype (python3-freetype)" >&2; exit 1; }
ninja -C "$dir" rasterd/glyphpack >/dev/null
gp=$(realpath "$dir/rasterd/glyphpack")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar xJf "$archive" -C "$tmp"
ln -s "$(find "$tmp" -name font_to_py.py | head -1)" "$tmp/font_to_py.py"
ln -s "$font" "$tmp/font.ttf"

python3 - "$gp" "$py" "$runs" "$tmp" <<'PY'
import os, resource, statistics, subprocess, sys, time
gp, py, runs, tmp = sys.argv[1:]
runs = int(runs)
cps = list(range(0x20, 0x7F)) + list(range(0xA0, 0x180)) + list(range(0x370, 0x400)) + \
      list(range(0x400, 0x500))
with open(os.path.join(tmp, "setB"), "w", encoding="utf-8") as f:
    f.write("".join(map(chr, cps)))
env = dict(os.environ)
env.pop("FREETYPE_PROPERTIES", None)
jobs = {"small (ASCII, height 32)": ["font.ttf", "32", "out.py"],
        "large (719 code points, height 32)": ["-k", "setB", "font.ttf", "32", "out.py"]}
for name, args in jobs.items():
    cmds = {"font_to_py": [py, "font_to_py.py"] + args,
            "glyphpack font-to-py": [gp, "font-to-py", "--quiet"] + args}
    wall = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    outs = {}
    for i in range(runs + 1):  # run 0: warm-up (page cache, .pyc), not counted
        for k, c in cmds.items():
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(c, cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:
                wall[k].append(t1 - t0)
                cpu[k].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    subprocess.run([py, "font_to_py.py"] + args, cwd=tmp, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    ref = open(os.path.join(tmp, "out.py"), "rb").read()
    subprocess.run([gp, "font-to-py", "--quiet", "--bug-compatible"] + args, cwd=tmp, check=True)
    same = open(os.path.join(tmp, "out.py"), "rb").read() == ref
    f_w, g_w = statistics.median(wall["font_to_py"]), statistics.median(wall["glyphpack font-to-py"])
    f_c, g_c = statistics.median(cpu["font_to_py"]), statistics.median(cpu["glyphpack font-to-py"])
    print(f"{name}: {len(ref)} bytes, files {'identical' if same else 'DIFFER'}")
    print(f"  font_to_py           wall {f_w * 1e3:8.1f} ms  cpu {f_c * 1e3:8.1f} ms")
    print(f"  glyphpack font-to-py wall {g_w * 1e3:8.1f} ms  cpu {g_c * 1e3:8.1f} ms")
    print(f"  ratio font_to_py / glyphpack: wall {f_w / g_w:.0f}x, cpu {f_c / g_c:.0f}x")
PY
