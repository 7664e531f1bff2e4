#!/usr/bin/env python3
"""Compiles and links the blob emitters' outputs on the host and checks the
embedded bytes against the input; assembles the .S for arm-none-eabi when
that compiler exists.

usage: check_blob.py TEST_BLOB CC [ARM_GCC]
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

from harness import run_ok

MAIN = r"""
#include <stdio.h>
#include <string.h>
#include HEADER
int main(int argc, char **argv)
{
    static unsigned char want[SIZE_MACRO + 1];
    FILE *f = fopen(argv[1], "rb");
    size_t n = f ? fread(want, 1, sizeof(want), f) : 0;
    if (f) fclose(f);
    if (n != SIZE_MACRO || memcmp(want, SYM, n) != 0) return 1;
    if (((unsigned long)(const void *)SYM) % ALIGN != 0) return 2;
#ifdef ASM
    if (SYM##_size != n || (size_t)(SYM_END - SYM) != n) return 3;
#endif
    return 0;
}
"""


def main():
    tool, cc = sys.argv[1], sys.argv[2]
    arm = sys.argv[3] if len(sys.argv) > 3 else ""
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        data = bytes(rng.getrandbits(8) for _ in range(100003))
        inp = os.path.join(tmp, "in.bin")
        with open(inp, "wb") as f:
            f.write(data)
        sym, align = "assets", 64
        run_ok([tool, inp, tmp, sym, str(align), ".rodata.assets"])
        for variant, src, hdr in (("c", "assets.c", "assets.h"), ("asm", "assets.S", "assets_asm.h")):
            main_c = os.path.join(tmp, "main_%s.c" % variant)
            text = MAIN.replace("SYM##_size", sym + "_size")
            with open(main_c, "w") as f:
                f.write(text)
            exe = os.path.join(tmp, "prog_" + variant)
            defs = ['-DHEADER="%s"' % hdr, "-DSYM=" + sym, "-DSIZE_MACRO=ASSETS_SIZE",
                    "-DALIGN=%d" % align, "-DSYM_END=" + sym + "_end"]
            if variant == "asm":
                defs.append("-DASM")
            run_ok([cc, "-std=c11", "-Wall", "-Werror", "-I", tmp] + defs +
                   ["-o", exe, main_c, os.path.join(tmp, src)])
            run_ok([exe, inp])
            print("%s: compiled, linked, bytes identical" % variant)
        # A changed input must fail the assembler's size check.
        with open(inp, "ab") as f:
            f.write(b"x")
        r = subprocess.run([cc, "-c", "-o", os.path.join(tmp, "stale.o"),
                            os.path.join(tmp, "assets.S")], capture_output=True, text=True)
        assert r.returncode != 0 and "size differs" in r.stderr, "stale .incbin not detected"
        with open(inp, "wb") as f:
            f.write(data)
        ns = {}
        with open(os.path.join(tmp, "assets.py")) as f:
            exec(compile(f.read(), "assets.py", "exec"), ns)
        assert ns["assets"] == data and ns["SIZE"] == len(data) and ns["FORMAT"] == 1
        print("py: module bytes identical")
        if arm and shutil.which(arm):
            obj = os.path.join(tmp, "arm.o")
            run_ok([arm, "-mcpu=cortex-m4", "-mthumb", "-c", "-o", obj,
                    os.path.join(tmp, "assets.S")])
            run_ok([arm, "-mcpu=cortex-m4", "-mthumb", "-std=c11", "-Wall", "-Werror", "-c",
                    "-I", tmp, "-o", obj, os.path.join(tmp, "assets.c")])
            print("arm-none-eabi: .S and .c compile")
        else:
            print("arm-none-eabi-gcc not found; cross check skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
