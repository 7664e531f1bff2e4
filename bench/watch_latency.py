#!/usr/bin/env python3
"""Rebuild latency of `rasterd --watch` on the example assets (with a DFU and
frozen outputs): from the close() of a saved PNG until the new .dfu is in
place, median of several runs, for

  - a full build (daemon started with --no-cache: every asset converted),
  - an incremental build (asset cache on: only the saved PNG converted),
  - the same incremental build with a 20 ms debounce instead of 100 ms,

compared with running `glyphpack` once on that PNG (process start included)
and with a one-shot `rasterd build` of the same folder.

usage: bench/watch_latency.py [BUILD_DIR] [RUNS]     (default build, 9)
Not a test: run it by hand on a quiet machine.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "rasterd"))
from check_watch_daemon import DFU_EXTRA, png  # noqa: E402  pylint: disable=wrong-import-position

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 9
RASTERD = os.path.abspath(os.path.join(BUILD, "rasterd", "rasterd"))
GLYPHPACK = os.path.abspath(os.path.join(BUILD, "rasterd", "glyphpack"))


def setup(base):
    root = os.path.join(base, "assets")
    shutil.copytree(os.path.join(HERE, "..", "examples"), root,
                    ignore=shutil.ignore_patterns("out", "keys", "*.py"))
    with open(os.path.join(root, "rasterd.conf"), "a") as f:
        f.write(DFU_EXTRA)
    with open(os.path.join(base, "fw.bin"), "wb") as f:
        f.write(os.urandom(64 * 1024))
    subprocess.run([RASTERD, "keygen", "-o", os.path.join(root, "keys", "example")],
                   check=True, capture_output=True)
    return root


def latency(base, root, args, label):
    cmd = [RASTERD, "--watch", root, "--json", "-q", "--cache-dir",
           os.path.join(base, "cache")] + args
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    durations = []
    done = threading.Event()

    def reader():
        for line in proc.stdout:
            ev = json.loads(line)
            if ev["event"] in ("build_finished", "build_failed"):
                durations.append(ev["duration_ms"])
                done.set()

    threading.Thread(target=reader, daemon=True).start()
    dfu = os.path.join(root, "out", "assets.dfu")
    logo = os.path.join(root, "images", "logo.png")
    assert done.wait(60), "first build did not finish"
    samples = []
    for i in range(RUNS + 1):  # the first run warms the cache and page cache
        time.sleep(0.3)
        done.clear()
        before = os.stat(dfu).st_ino
        data = png(96, 48, 1000 + i + len(label))
        with open(logo, "wb") as f:
            f.write(data)
        t0 = time.monotonic()  # after close()
        while os.stat(dfu).st_ino == before:
            time.sleep(0.0005)
        t1 = time.monotonic()
        assert done.wait(60)
        if i > 0:
            samples.append((t1 - t0) * 1000)
    proc.terminate()
    proc.wait()
    builds = durations[-RUNS:]
    print("%-34s close->DFU median %6.1f ms (min %6.1f)   build in child median %5.1f ms" %
          (label, statistics.median(samples), min(samples), statistics.median(builds)))
    return statistics.median(samples), statistics.median(builds)


def timed(cmd, runs):
    t = []
    for _ in range(runs):
        t0 = time.monotonic()
        subprocess.run(cmd, check=True, capture_output=True)
        t.append((time.monotonic() - t0) * 1000)
    return statistics.median(t)


def main():
    base = tempfile.mkdtemp(prefix="rasterd-bench-", dir=os.path.abspath(BUILD))
    try:
        root = setup(base)
        logo = os.path.join(root, "images", "logo.png")
        gp = timed([GLYPHPACK, logo, "-p", "ARGB4", "--dither", "fs", "-f", "bin", "-o",
                    os.path.join(base, "logo.bin"), "-q"], RUNS)
        oneshot = timed([RASTERD, "build", root, "-q"], RUNS)
        print("%-34s %6.1f ms" % ("glyphpack logo.png (one process)", gp))
        print("%-34s %6.1f ms" % ("rasterd build (one-shot, all)", oneshot))
        latency(base, root, ["--no-cache"], "full build (--no-cache)")
        inc, inc_build = latency(base, root, [], "incremental (1 PNG, cache)")
        fast, _ = latency(base, root, ["--debounce-ms", "20"], "incremental, --debounce-ms 20")
        print("incremental build / glyphpack once: %.2fx (goal <= 2x); close->DFU %.1f ms "
              "(100 ms of it is the debounce quiet period), %.1f ms with 20 ms debounce"
              % (inc_build / gp, inc, fast))
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
