#!/usr/bin/env python3
"""The manifest's lvgl group (docs/manifest.md): rasterd build writes each
LVGL font and image (<name>.c, <name>.bin with binary = true) and the header
declaring them into the same generation as the bundle; they are the files
glyphpack writes with the same options; every name that reaches C is an identifier
and no output takes another's name (exit 78 with file:line and key); a
font that fails stops the build and keeps the previous generation.

usage: test_lvgl_manifest.py RASTERD GLYPHPACK   (DEJAVU_DIR from the environment)
"""
import os
import sys
import tempfile

import harness
from harness import check

RASTERD, GLYPHPACK = (os.path.abspath(a) for a in sys.argv[1:3])
FONT = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                    "DejaVuSans.ttf")

BASE = """\
target = {{ name = "t"; base = 0x0L; size = 0x10000L; }};
bundle = {{ key = "keys/k.key"; }};
output = {{ bundle = "{bundle}"; }};
raw = ( {{ name = "blob"; file = "blob.bin"; }} );
lvgl = {{
{lvgl}
}};
"""
FONT_GROUP = ('{{ name = "{name}"; file = "{font}"; size = 16; bpp = {bpp}; kerning = true; '
              'chars = "0x20-0x7E"; {extra} }}')


def rasterd(*args):
    return harness.run([RASTERD, *args], drop_env=("RASTERD_SIGNING_KEY_FILE",))


def project(lvgl, bundle="assets.bin"):
    d = tempfile.mkdtemp(prefix="rasterd-lvgl-")
    open(os.path.join(d, "blob.bin"), "wb").write(b"\x07" * 32)
    open(os.path.join(d, "rasterd.conf"), "w").write(BASE.format(lvgl=lvgl, bundle=bundle))
    p = rasterd("keygen", "-o", os.path.join(d, "keys", "k"))
    assert p.returncode == 0, p.stderr
    return d


def fonts(*groups):
    return "  fonts = ( " + ", ".join(groups) + " );"


def font(name="ui16", bpp=4, extra="", path=FONT):
    return FONT_GROUP.format(name=name, font=path, bpp=bpp, extra=extra)


def test_outputs_in_the_generation():
    d = project('  header = "ui.h";\n' + fonts(font(extra="binary = true;"),
                                               font("ui8", 2, 'bitmaps = "rle";'
                                                    ' fallback = "ui16"; hinting = "none";'
                                                    ' quantize = "round";')))
    p = rasterd("build", d)
    check(p.returncode == 0, "build with an lvgl group exits 0", p.stderr)
    gen = os.path.realpath(os.path.join(d, "out"))
    names = set(os.listdir(gen))
    check({"assets.bin", "ui.h", "ui16.c", "ui16.bin", "ui8.c"} <= names,
          "LVGL outputs beside the bundle in one generation", sorted(names))
    h = open(os.path.join(gen, "ui.h")).read()
    check("LV_FONT_DECLARE(ui16)" in h and "LV_FONT_DECLARE(ui8)" in h and "#ifndef RASTERD_UI_H"
          in h, "the header declares every font", h)
    # The same fonts as glyphpack's with the same options (ui16 with the
    # LVGL defaults on both sides: the auto-hinter, truncated coverage).
    for args, out in ((["-b", "4", "--name", "ui16", "-f", "lvgl"], "ui16.c"),
                      (["-b", "4", "-f", "lvgl-bin"], "ui16.bin"),
                      (["-b", "2", "--name", "ui8", "--lvgl-bitmaps", "rle", "--lvgl-fallback",
                        "ui16", "--hinting", "none", "--quantize", "round", "-f", "lvgl"],
                       "ui8.c")):
        mine = os.path.join(d, "gp_" + out)
        g = harness.run([GLYPHPACK, FONT, "-s", "16", "--kerning", "-c", "0x20-0x7E", "-q",
                         "-o", mine] + args)
        same = g.returncode == 0 and open(mine, "rb").read() == \
            open(os.path.join(gen, out), "rb").read()
        check(same, "%s equals glyphpack's" % out, g.stderr)
    # A font that fails (missing file) stops the build; the generation stays.
    open(os.path.join(d, "rasterd.conf"), "w").write(
        BASE.format(lvgl=fonts(font(path="/nonexistent.ttf")), bundle="assets.bin"))
    p = rasterd("build", d)
    check(p.returncode == 66 and "/nonexistent.ttf" in p.stderr and "LVGL font 'ui16'" in p.stderr,
          "a missing LVGL font file exits 66 naming it", p.stderr)
    check(os.path.realpath(os.path.join(d, "out")) == gen and set(os.listdir(gen)) == names,
          "the previous generation stays", sorted(os.listdir(gen)))


def images(*groups):
    return "  images = ( " + ", ".join(groups) + " );"


def image(name="logo", fmt="RGB565", extra="", path="logo.png"):
    return '{ name = "%s"; file = "%s"; format = "%s"; %s }' % (name, path, fmt, extra)


def add_png(d, name="logo.png"):
    pixel = lambda x, y: (x * 20, y * 30, (x * y) % 256, (x * 40 + y * 7) % 256)
    open(os.path.join(d, name), "wb").write(harness.png_rgba(13, 7, pixel))


def test_images():
    d = project('  header = "ui.h";\n' + fonts(font()) + "\n" + images(
        image(), image("logo_a", "ARGB8888", 'binary = true; compress = "lz4"; stride_align = 8;'),
        image("logo_i", "I4", 'dither = true; compress = "rle";'),
        image("logo_pm", "ARGB4444", "premultiply = true;")))
    add_png(d)
    p = rasterd("build", d)
    check(p.returncode == 0, "build with LVGL images exits 0", p.stderr)
    gen = os.path.realpath(os.path.join(d, "out"))
    names = set(os.listdir(gen))
    check({"ui.h", "ui16.c", "logo.c", "logo_a.c", "logo_a.bin", "logo_i.c", "logo_pm.c"} <= names,
          "LVGL images beside the bundle in one generation", sorted(names))
    h = open(os.path.join(gen, "ui.h")).read()
    check("LV_FONT_DECLARE(ui16)" in h and "LV_IMAGE_DECLARE(logo);" in h and
          "LV_IMAGE_DECLARE(logo_a)" in h, "the header declares fonts and images", h)
    png = os.path.join(d, "logo.png")
    for args, out in ((["-p", "RGB565", "-f", "lvgl", "--name", "logo"], "logo.c"),
                      (["-p", "ARGB8888", "-f", "lvgl", "--name", "logo_a", "--compress", "lz4",
                        "--stride-align", "8"], "logo_a.c"),
                      (["-p", "ARGB8888", "-f", "lvgl-bin", "--compress", "lz4",
                        "--stride-align", "8"], "logo_a.bin"),
                      (["-p", "I4", "-f", "lvgl", "--name", "logo_i", "--compress", "rle",
                        "--dither", "fs"], "logo_i.c"),
                      (["-p", "ARGB4444", "-f", "lvgl", "--name", "logo_pm", "--premultiply"],
                       "logo_pm.c")):
        mine = os.path.join(d, "gp_" + out)
        g = harness.run([GLYPHPACK, png, "-q", "-o", mine] + args)
        same = g.returncode == 0 and open(mine, "rb").read() == \
            open(os.path.join(gen, out), "rb").read()
        check(same, "%s equals glyphpack's" % out, g.stderr)
    # A bad PNG stops the build naming it; the generation stays.
    open(os.path.join(d, "logo.png"), "wb").write(b"not a png")
    p = rasterd("build", d)
    check(p.returncode == 65 and "LVGL image 'logo'" in p.stderr and "logo.png" in p.stderr,
          "a corrupt PNG exits 65 naming the image and the file", p.stderr)
    check(os.path.realpath(os.path.join(d, "out")) == gen and set(os.listdir(gen)) == names,
          "the previous generation stays", sorted(os.listdir(gen)))
    os.unlink(os.path.join(d, "logo.png"))
    os.mkfifo(os.path.join(d, "logo.png"))
    p = rasterd("build", d)
    check(p.returncode == 66 and "logo.png" in p.stderr and "FIFO" in p.stderr,
          "a FIFO as an LVGL image fails at once naming it", p.stderr)


def test_image_errors():
    cases = [
        (images(image("int")), "lvgl.images[0].name: 'int' is not a C identifier"),
        (images(image(fmt="RGB999")), "'RGB999' is not an LVGL colour format"),
        (images(image(extra="premultiply = true;")), "RGB565 has no alpha channel"),
        (images(image(fmt="L8", extra="binary = true;")), "only compressed"),
        (images(image(extra='compress = "zip";')), "unknown compress 'zip'"),
        (images(image(extra="stride_align = 3;")), "not a power of two"),
        (images(image(extra="stride_align = 512;")), "stride_align"),
        (images(image(extra="size = 3;")), "lvgl.images[0].size: unknown key"),
        (images(image(), image("LOGO")),
         "lvgl.images[1].name: its file 'LOGO.c' is also written for lvgl.images[0].name"),
        (fonts(font("logo")) + "\n" + images(image()),
         "lvgl.images[0].name: its file 'logo.c' is also written for lvgl.fonts[0].name"),
        (images(image("logo", extra="binary = true;"), image("x", path="nope.png")), None),
    ]
    for lvgl, message in cases:
        d = project(lvgl)
        add_png(d)
        p = rasterd("build", d)
        if message is None:
            check(p.returncode == 66 and "nope.png" in p.stderr and "LVGL image 'x'" in p.stderr,
                  "a missing LVGL image exits 66 naming it", p.stderr)
            continue
        check(p.returncode == 78 and "rasterd.conf:" in p.stderr and message in p.stderr,
              "%s: exit 78, %r" % (lvgl.strip(), message), p.stderr)
    d = project(images(image("blob", extra="binary = true;")), bundle="blob.bin")
    add_png(d)
    p = rasterd("build", d)
    check(p.returncode == 78 and "lvgl.images[0].name: its file 'blob.bin' is also written for "
          "output.bundle" in p.stderr,
          "an LVGL .bin image named like the bundle exits 78", p.stderr)


def test_manifest_errors():
    cases = [
        (fonts(font("1ui")), "lvgl.fonts[0].name: '1ui' is not a C identifier"),
        (fonts(font("a\\\"b")), "is not a C identifier"),
        (fonts(font(extra='fallback = "x;y";')), "lvgl.fonts[0].fallback: 'x;y'"),
        (fonts(font(extra='fallback = "ui16";')), "own fallback"),
        (fonts(font(bpp=1, extra='bitmaps = "rle";')), "2 and 4 bpp"),
        (fonts(font(extra='bitmaps = "lz4";')), "unknown bitmaps 'lz4'"),
        (fonts(font(extra='colour = 1;')), "lvgl.fonts[0].colour: unknown key"),
        (fonts(font(extra='hinting = "max";')), "unknown hinting 'max'"),
        (fonts(font(extra='quantize = "floor";')), "unknown quantize 'floor' (round, truncate)"),
        (fonts(font(), font("UI16")),
         "lvgl.fonts[1].name: its file 'UI16.c' is also written for lvgl.fonts[0].name"),
        ('  header = "assets.h";', "lvgl.header: 'assets.h' is also written for output.c_header"),
        ('  header = "a\\"b.h";', "lvgl.header: 'a\"b.h' cannot be written in #include"),
        ('  header = "../x.h";', "not a plain file name"),
        (fonts(font("assets")), None),  # assets.c: no output of that name
    ]
    for lvgl, message in cases:
        d = project(lvgl)
        p = rasterd("build", d)
        if message is None:
            check(p.returncode == 0, "%s builds" % lvgl.strip(), p.stderr)
            continue
        check(p.returncode == 78 and "rasterd.conf:" in p.stderr and message in p.stderr,
              "%s: exit 78, %r" % (lvgl.strip(), message), p.stderr)
    d = project(fonts(font("blob")), bundle="blob.c")
    p = rasterd("build", d)
    check(p.returncode == 78 and "lvgl.fonts[0].name: its file 'blob.c' is also written for "
          "output.bundle" in p.stderr,
          "an LVGL font named like the bundle output exits 78", p.stderr)
    d = project(fonts(font().replace('"0x20-0x7E"', '"0x7E-0x20"')))
    p = rasterd("build", d)
    check(p.returncode == 78 and "lvgl.fonts: 'ui16': chars" in p.stderr,
          "bad chars exit 78 naming the font", p.stderr)


test_outputs_in_the_generation()
test_manifest_errors()
test_images()
test_image_errors()
sys.exit(harness.finish())
