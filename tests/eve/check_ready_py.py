#!/usr/bin/env python3
"""The ready words of assets.py, proven by drawing: reads CHIP_assets.py in
CPython, or in the unix port of MicroPython built in this build directory
(tests/micropython/mpport.py), collects every integer constant as
"NAME VALUE", and hands them to test_eve_ready, which draws the build
through the simulated EVE with those values instead of assets.h's.

usage: check_ready_py.py cpython|micropython DRIVER ASSETS_PY BUNDLE PUBKEY
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpport  # noqa: E402

DUMP = """import {mod}
for k in dir({mod}):
    v = getattr({mod}, k)
    if type(v) is int and k.upper() == k:
        print(k, v)
"""


def cpython_words(path):
    spec = importlib.util.spec_from_file_location("ready_assets", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return "".join("%s %d\n" % (k, v) for k, v in sorted(vars(mod).items())
                   if type(v) is int and k.upper() == k)


def micropython_words(path):
    mp = mpport.unix_or_skip()
    mod = os.path.splitext(os.path.basename(path))[0]
    return mpport.run_unix(mp, DUMP.format(mod=mod), files=[path])


def main():
    mode, driver, module, bundle, pub = sys.argv[1:6]
    words = cpython_words(module) if mode == "cpython" else micropython_words(module)
    n = len(words.splitlines())
    print("%s read %d integer constants from %s" % (mode, n, os.path.basename(module)))
    if n < 10:
        print("too few constants")
        return 1
    with tempfile.NamedTemporaryFile("w", suffix=".words", delete=False) as f:
        f.write(words)
    try:
        return subprocess.run([driver, bundle, pub, f.name]).returncode
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    sys.exit(main())
