#!/usr/bin/env python3
"""Compares emitter outputs with the committed golden files byte for byte.
A format change that is intended updates the golden files in the same commit:
    ninja -C build && cp build/tests/formats/fixture{.c,.h,.bin,.json,_hmap.py,_vmap.py} \\
        tests/formats/golden/

usage: check_golden.py GOLDEN_DIR FILE...
"""
import difflib
import os
import sys

golden_dir, files = sys.argv[1], sys.argv[2:]
bad = 0
for path in files:
    name = os.path.basename(path)
    got = open(path, "rb").read()
    want = open(os.path.join(golden_dir, name), "rb").read()
    if got == want:
        print(f"{name}: identical to golden")
        continue
    bad += 1
    print(f"{name}: differs from {golden_dir}/{name}")
    if not name.endswith(".bin"):
        diff = difflib.unified_diff(want.decode().splitlines(), got.decode().splitlines(),
                                    "golden/" + name, name, lineterm="", n=1)
        for line in list(diff)[:30]:
            print(line)
sys.exit(1 if bad else 0)
