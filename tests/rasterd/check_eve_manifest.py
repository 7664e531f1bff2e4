#!/usr/bin/env python3
"""rasterd and the EVE chips (issue 13): what target.chip allows and refuses.
Each bad manifest stops the build with the documented exit status and a
message naming the file, the asset and the limit (or the manifest line), and
leaves the previous outputs untouched.

usage: check_eve_manifest.py RASTERD   (DEJAVU_DIR from the environment)
"""
import os
import shutil
import sys
import tempfile

import harness
from harness import check, png_rgba

RASTERD = os.path.abspath(sys.argv[1])
FONT = os.path.join(os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"),
                    "DejaVuSans.ttf")
GOOD = 'images = ( { name = "ok"; file = "small.png"; format = "RGB565"; } );'


def project(d, chip, body, size="0x40000L"):
    chip_line = 'chip = "%s"; ' % chip if chip else ""
    with open(os.path.join(d, "rasterd.conf"), "w") as f:
        f.write('target = { name = "t"; %sbase = 0x0L; size = %s; };\n'
                'bundle = { chunk_size = 256; key = "keys/k.key"; };\n%s\n' % (chip_line, size, body))


def build(d):
    p = harness.run([RASTERD, "build", d], drop_env=("RASTERD_SIGNING_KEY_FILE",))
    return p.returncode, p.stderr


def expect(name, chip, body, status, words, size="0x40000L"):
    """A good build first, then `body`: exit `status`, every one of `words`
    in the message, and the good outputs still there, byte for byte."""
    with tempfile.TemporaryDirectory() as d:
        for f, (w, h) in (("small.png", (8, 4)), ("wide.png", (520, 2)), ("tall.png", (10, 600)),
                          ("huge.png", (2100, 4))):
            with open(os.path.join(d, f), "wb") as out:
                out.write(png_rgba(w, h, lambda x, y: (x * 7 % 256, y * 5 % 256, 99, 255)))
        with open(os.path.join(d, "broken.png"), "wb") as out:
            out.write(png_rgba(8, 8, lambda x, y: (1, 2, 3, 255))[:60])
        harness.run_ok([RASTERD, "keygen", "-o", os.path.join(d, "keys", "k")])
        project(d, None, GOOD, size="0x40000L")
        rc, err = build(d)
        check(rc == 0, name + ": the good build", err)
        before = {f: open(os.path.join(d, "out", f), "rb").read()
                  for f in ("assets.bin", "assets.h", "assets.py")}
        project(d, chip, body, size)
        rc, err = build(d)
        check(rc == status, "%s: exit %d" % (name, status), "got %d: %s" % (rc, err))
        missing = [w for w in words if w not in err]
        check(not missing, name + ": the message names " + ", ".join(words), err)
        after = {f: open(os.path.join(d, "out", f), "rb").read() for f in before}
        check(after == before, name + ": the previous outputs are untouched")


def image(name, png, fmt, extra=""):
    return 'images = ( { name = "%s"; file = "%s"; format = "%s"; %s} );' % (name, png, fmt, extra)


expect("FT80x has no paletted formats", "FT800", image("pal", "small.png", "PALETTED8"), 78,
       ["rasterd.conf:", "images[0].format", "FT80x cannot draw PALETTED8"])
expect("FT80x has no L2", "FT801", image("grey", "small.png", "L2"), 78,
       ["FT80x cannot draw L2"])
expect("ASTC needs a BT81x", "FT813", image("a", "small.png", "ASTC_6x6"), 78,
       ["images[0].format", "FT81x cannot draw ASTC"], size="0x100000L")
expect("ASTC needs a chip named", None, image("a", "small.png", "ASTC_6x6"), 78,
       ["target.chip"], size="0x100000L")
expect("unknown chip", "FT900", GOOD, 78, ["target.chip", "unknown EVE chip 'FT900'"])
expect("target beyond the FT80x's RAM_G", "FT80x", GOOD, 78, ["RAM_G (256 KiB)"],
       size="0x100000L")
expect("FT80x stride", "FT800", image("wide", "wide.png", "RGB565"), 65,
       ["image 'wide'", "stride", "1040", "FT80x limit of 1023"])
expect("FT80x height", "FT800", image("tall", "tall.png", "L8"), 65,
       ["image 'tall'", "layout height", "600", "FT80x limit of 511"])
expect("over 2047 px for every EVE", None, image("huge", "huge.png", "L1"), 65,
       ["huge.png", "image asset 'huge'", "2100 x 4", "2047"], size="0x100000L")
expect("a paletted image's name leaves room for _lut", "BT815",
       image("a_rather_long_name_xx", "small.png", "PALETTED565"), 78,
       ["at most 19 characters", "a_rather_long_name_xx_lut"], size="0x100000L")
expect("a paletted image's palette name is taken", "BT815",
       image("logo", "small.png", "PALETTED4444") +
       '\nraw = ( { name = "LOGO_lut"; file = "small.png"; } );', 78,
       ["palette of image 'logo'", "'logo_lut'"], size="0x100000L")
expect("an ASTC input that does not decode", "BT815", image("a", "broken.png", "ASTC_4x4"), 65,
       ["broken.png", "image asset 'a'"], size="0x100000L")
expect("FT80x legacy font whose glyph 0 would lie below RAM_G", "FT800",
       'fonts = ( { name = "f"; file = "%s"; size = 16; bpp = 4; } );' % FONT, 65,
       ["font 'f'", "glyph 0", "give the font an address of at least"])

sys.exit(harness.finish())
