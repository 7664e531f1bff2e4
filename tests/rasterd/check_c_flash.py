#!/usr/bin/env python3
"""Cross-compiles glyphpack's C output for a Cortex-M0 (32-bit, C99) with
-Wall -Wextra -Wpedantic -Wconversion -Werror and checks that the font
occupies no RAM: every table is const, so .data and .bss are empty.

usage: check_c_flash.py ARM_GCC ARM_SIZE FONT.c
"""
import os
import subprocess
import sys
import tempfile

gcc, size, src = sys.argv[1:4]
with tempfile.TemporaryDirectory() as d:
    obj = os.path.join(d, "font.o")
    p = subprocess.run([gcc, "-mcpu=cortex-m0", "-mthumb", "-std=c99", "-Os", "-Wall", "-Wextra",
                        "-Wpedantic", "-Wconversion", "-Wsign-conversion", "-Werror",
                        "-I", os.path.dirname(os.path.abspath(src)), "-c", src, "-o", obj],
                       capture_output=True, text=True)
    if p.returncode != 0:
        print(f"{src}: does not compile for Cortex-M0:\n{p.stderr}")
        sys.exit(1)
    out = subprocess.run([size, obj], capture_output=True, text=True, check=True).stdout
    text, data, bss = (int(x) for x in out.splitlines()[1].split()[:3])
    print(f"{os.path.basename(src)}: text (flash) {text} B, data {data} B, bss {bss} B")
    if data or bss:
        print("font data would occupy RAM")
        sys.exit(1)
