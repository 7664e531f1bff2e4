#!/usr/bin/env python3
"""ROMFS image size: formats' writer (tests/formats/romfs_pack,
data aligned as asked) side by side with mpremote's writer (no alignment,
shortest lengths) on the same folder. Not a test; see bench/README.md.

usage: romfs_size.py ROMFS_PACK MICROPYTHON_TREE FOLDER [ALIGN...]
"""
import contextlib
import importlib.util
import io
import os
import subprocess
import sys
import tempfile


def main():
    pack, tree, folder = sys.argv[1:4]
    aligns = [int(a) for a in sys.argv[4:]] or [1, 4, 16, 64, 4096]
    spec = importlib.util.spec_from_file_location(
        "mpremote_romfs", os.path.join(tree, "tools", "mpremote", "mpremote", "romfs.py"))
    romfs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(romfs)
    pairs = []
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            pairs += [os.path.relpath(path, folder), path]
    data = sum(os.path.getsize(p) for p in pairs[1::2])
    with contextlib.redirect_stdout(io.StringIO()):
        theirs = romfs.make_romfs(folder, mpy_cross=False)
    print("%d files, %d bytes of data" % (len(pairs) // 2, data))
    print("%-22s %10s %9s" % ("writer", "bytes", "overhead"))
    print("%-22s %10d %9d" % ("mpremote", len(theirs), len(theirs) - data))
    with tempfile.TemporaryDirectory() as d:
        for a in aligns:
            out = os.path.join(d, "img")
            subprocess.run([pack, out, str(a)] + pairs, check=True)
            n = os.path.getsize(out)
            print("%-22s %10d %9d" % ("rasterd align %d" % a, n, n - data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
