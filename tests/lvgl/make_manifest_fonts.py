#!/usr/bin/env python3
"""Builds a project whose manifest asks for LVGL fonts (the lvgl group,
docs/manifest.md) with `rasterd build`, and copies the LVGL outputs out of
the generation for test_lvgl_font to compile and load:
lvgl_assets.h, mf16.c, mf16.bin (DejaVuSans 16 px, 4 bpp, set A and the
Cyrillic letters, kerned, the default hinting (auto) with rounded coverage)
and mfdig.c (digits, falling back to mf16).

usage: make_manifest_fonts.py RASTERD DejaVuSans.ttf OUTDIR
"""
import os
import shutil
import sys

import harness

MANIFEST = """\
target = {{ name = "lvgl-test"; base = 0x0L; size = 0x10000L; }};
bundle = {{ key = "keys/k.key"; }};
raw = ( {{ name = "blob"; file = "blob.bin"; }} );
lvgl = {{
  fonts = (
    {{ name = "mf16"; file = "{font}"; size = 16; bpp = 4; kerning = true; binary = true;
       chars = "0x20-0x7E,0x410-0x44F"; quantize = "round"; }},
    {{ name = "mfdig"; file = "{font}"; size = 16; bpp = 2; chars = "0x30-0x39";
       bitmaps = "rle"; fallback = "mf16"; hinting = "light"; quantize = "truncate"; }}
  );
}};
"""


def main():
    rasterd, font, outdir = sys.argv[1:]
    proj = os.path.join(outdir, "manifest_project")
    shutil.rmtree(proj, ignore_errors=True)
    os.makedirs(proj)
    with open(os.path.join(proj, "blob.bin"), "wb") as f:
        f.write(b"\x01" * 64)
    with open(os.path.join(proj, "rasterd.conf"), "w") as f:
        f.write(MANIFEST.format(font=font))
    harness.rasterd_keygen_build(rasterd, proj)
    for name in ("lvgl_assets.h", "mf16.c", "mf16.bin", "mfdig.c"):
        shutil.copyfile(os.path.join(proj, "out", name), os.path.join(outdir, name))


if __name__ == "__main__":
    main()
