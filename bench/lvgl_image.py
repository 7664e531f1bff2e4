#!/usr/bin/env python3
"""glyphpack -f lvgl-bin against LVGL's own converter, LVGLImage.py (LVGL
9.5.0, run from the archive the LVGL tests unpack into the build directory),
side by side: output size and wall time for the example PNGs
(examples/images) and a 320x240 rendering of the logo, in every colour
format both write, plain, RLE and LZ4.

Sizes are whole .bin files (12-byte header included). Times are medians of
RUNS runs of each whole program (process start included: Python's start-up
dominates LVGLImage.py on small images). "same" says whether the plain
files are byte-identical. LVGLImage.py needs Debian's python3-png and
python3-lz4, and pngquant for the indexed formats (I1..I8); missing ones are
reported and their rows skipped. glyphpack refuses plain .bin files LVGL 9.5
cannot open (L8, AL88, ARGB8888_PREMULTIPLIED): "-" in its column.

  python3 bench/lvgl_image.py [BUILD_DIR] [RUNS]     (default build, 5)
  LVGLIMAGE_PYTHON=/usr/bin/python3  the interpreter for LVGLImage.py
"""
import glob
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))
import make_example_assets  # noqa: E402 (the logo's drawing, at any size)

FORMATS = ("RGB565", "RGB565_SWAPPED", "RGB565A8", "ARGB8565", "RGB888", "XRGB8888",
           "ARGB8888", "ARGB8888_PREMULTIPLIED", "L8", "AL88", "A1", "A2", "A4", "A8",
           "I1", "I2", "I4", "I8")
PLAIN_REFUSED = ("ARGB8888_PREMULTIPLIED", "L8", "AL88")
METHODS = ("NONE", "RLE", "LZ4")


def find_python():
    for py in [os.environ.get("LVGLIMAGE_PYTHON"), "python3", "/usr/bin/python3"]:
        if py and shutil.which(py):
            r = subprocess.run([py, "-c", "import png, lz4.block"], capture_output=True)
            if r.returncode == 0:
                return py, None
    return None, "no python3 with pypng and lz4: apt install python3-png python3-lz4"


def timed(cmd, runs):
    """((median CPU seconds, median wall seconds), CompletedProcess of the last
    run). CPU time is user + system of the child (rusage): less disturbed by
    other load than wall time, which also holds glyphpack's fsync."""
    cpu, wall, r = [], [], None
    for i in range(runs + 1):  # run 0 warms the page cache, not counted
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True)
        t1 = time.perf_counter()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:
            wall.append(t1 - t0)
            cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        if r.returncode != 0:
            break
    med = (statistics.median(cpu), statistics.median(wall)) if cpu else (0.0, 0.0)
    return med, r


def lvglimage(py, script, png, cf, method, out, runs):
    os.makedirs(out, exist_ok=True)
    cmd = [py, script, "--ofmt", "BIN", "--cf", cf, "--compress", method, "-o", out, png]
    t, r = timed(cmd, runs)
    path = os.path.join(out, os.path.splitext(os.path.basename(png))[0] + ".bin")
    if r.returncode != 0 or not os.path.isfile(path):
        return None, t, (r.stderr or r.stdout).decode(errors="replace").strip().splitlines()[-1:]
    return open(path, "rb").read(), t, None


def glyphpack(gp, png, cf, method, out, runs):
    path = os.path.join(out, "gp.bin")
    cmd = [gp, png, "-q", "-f", "lvgl-bin", "-p", cf, "--compress", method.lower(), "-o", path]
    t, r = timed(cmd, runs)
    if r.returncode != 0:
        return None, t
    return open(path, "rb").read(), t


def main(argv):
    build = argv[1] if len(argv) > 1 else "build"
    runs = int(argv[2]) if len(argv) > 2 else 5
    gp = os.path.join(build, "rasterd", "glyphpack")
    scripts = glob.glob(os.path.join(build, "tests", "lvgl", "*", "scripts", "LVGLImage.py"))
    if not os.path.isfile(gp) or not scripts:
        sys.exit("need %s and LVGLImage.py under %s/tests/lvgl (ninja -C %s with the LVGL "
                 "tests enabled, -Dlvgl)" % (gp, build, build))
    py, why = find_python()
    if py is None:
        sys.exit(why)
    quant = shutil.which("pngquant")
    if quant is None:
        print("pngquant not found (apt install pngquant): I1..I8 rows skipped")
    tmp = tempfile.mkdtemp()
    try:
        # A copy, so that rebuilding the tree during a long run does not
        # disturb it (the default build links rasterd's libraries statically).
        shutil.copy2(gp, os.path.join(tmp, "glyphpack"))
        gp = os.path.join(tmp, "glyphpack")
        logo = os.path.join(tmp, "logo320x240.png")
        make_example_assets.png(logo, 320, 240, 6, make_example_assets.logo_rows(320, 240))
        images = sorted(glob.glob(os.path.join(ROOT, "examples", "images", "*.png"))) + [logo]
        print("| image | format | method | LVGLImage.py bytes | glyphpack bytes | size ratio "
              "| LVGLImage.py ms cpu / wall | glyphpack ms cpu / wall | speed-up (cpu) "
              "| same bytes |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for png in images:
            for cf in FORMATS:
                if cf.startswith("I") and quant is None:
                    continue
                for m in METHODS:
                    out = os.path.join(tmp, "lv")
                    shutil.rmtree(out, ignore_errors=True)
                    theirs, t1, err = lvglimage(py, scripts[0], png, cf, m, out, runs)
                    ours, t2 = glyphpack(gp, png, cf, m, tmp, runs)
                    a = "failed: %s" % err[0][:40] if theirs is None else "{:,}".format(len(theirs))
                    b = "-" if ours is None else "{:,}".format(len(ours))
                    ratio = ("%.2f" % (len(ours) / len(theirs))
                             if ours is not None and theirs is not None else "")
                    both = ours is not None and theirs is not None
                    speed = "%.0fx" % (t1[0] / max(t2[0], 1e-4)) if both else ""
                    same = ("yes" if ours == theirs else "no") if m == "NONE" and both else ""
                    ms = lambda t: "%.1f / %.1f" % (t[0] * 1e3, t[1] * 1e3)  # noqa: E731
                    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" %
                          (os.path.basename(png), cf, m, a, b, ratio, ms(t1),
                           ms(t2) if ours is not None else "-", speed, same))
                    sys.stdout.flush()
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
