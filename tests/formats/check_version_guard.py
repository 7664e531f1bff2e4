#!/usr/bin/env python3
"""The generated C header's format-version guard: including it after a
runtime defined another RASTERD_FONT_FORMAT_VERSION must stop compilation
with the #error; the matching version must compile.

usage: check_version_guard.py HEADER CC [CC ARGS...]
"""
import os
import subprocess
import sys
import tempfile

header, cc = os.path.abspath(sys.argv[1]), sys.argv[2:]
failures = 0
with tempfile.TemporaryDirectory() as d:
    for version, want_ok in (("1", True), ("2", False)):
        src = os.path.join(d, f"v{version}.c")
        with open(src, "w") as f:
            f.write(f'#define RASTERD_FONT_FORMAT_VERSION {version}\n#include "{header}"\n'
                    "int probe(void);\nint probe(void) { return RASTERD_FONT_FORMAT_VERSION; }\n")
        p = subprocess.run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", "-c", src, "-o",
                                 os.path.join(d, "v.o")], capture_output=True, text=True)
        ok = p.returncode == 0
        if ok != want_ok or (not ok and "regenerate" not in p.stderr):
            print(f"version {version}: compiled={ok}, want {want_ok}: {p.stderr.strip()}")
            failures += 1
        else:
            print(f"version {version}: {'compiles' if ok else 'stopped by #error'} as expected")
sys.exit(1 if failures else 0)
