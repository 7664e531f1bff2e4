#!/usr/bin/env python3
"""glyphpack image MicroPython modules (-f py) imported in real MicroPython
(WebAssembly under Node). For each pixel format and layout below, the module
and the JSON of the same conversion are generated; in MicroPython the
module's constants and DATA (and PALETTE) must equal the JSON, and where the
module names a framebuf format, a framebuf.FrameBuffer built the way the
module's comment says must return, for every pixel, the value the JSON bytes
decode to under the documented layout (docs/image-formats.md).

usage: check_py_image.py GLYPHPACK NODE   (NODE empty: skip, exit 77)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "micropython"))
import mpcheck  # noqa: E402
import harness  # noqa: E402
from harness import check, png_rgba  # noqa: E402

GLYPHPACK = os.path.abspath(sys.argv[1])
NODE = sys.argv[2] if len(sys.argv) > 2 else ""
W, H = 13, 10  # odd width and a partial last page on purpose

# (module name, glyphpack options, expected FRAMEBUF_FORMAT or None)
CASES = [
    ("img_rgb565", ["-p", "RGB565"], "RGB565"),
    ("img_rgb565_a4", ["-p", "RGB565", "--stride-align", "4"], "RGB565"),
    ("img_mono_vlsb", ["-p", "L1", "--layout", "pages", "--bit-order", "lsb", "--dither", "ordered"],
     "MONO_VLSB"),
    ("img_mono_hlsb", ["-p", "L1", "--dither", "fs"], "MONO_HLSB"),
    ("img_mono_hmsb", ["-p", "L1", "--bit-order", "lsb", "--dither", "fs"], "MONO_HMSB"),
    ("img_gs4", ["-p", "L4"], "GS4_HMSB"),
    ("img_gs2", ["-p", "L2", "--bit-order", "lsb"], "GS2_HMSB"),
    ("img_gs8", ["-p", "L8"], "GS8"),
    ("img_i4", ["-p", "I4", "--palette-size", "12"], "GS4_HMSB"),
    ("img_i8_rgb565pal", ["-p", "I8", "--palette-format", "RGB565"], "GS8"),
    ("img_i4_rgb565pal", ["-p", "I4", "--palette-format", "RGB565", "--dither", "fs"], "GS4_HMSB"),
    ("img_i1", ["-p", "I1", "--layout", "pages", "--bit-order", "lsb"], "MONO_VLSB"),
    ("img_rgb888", ["-p", "RGB888"], None),
    ("img_l1_packed", ["-p", "L1", "--stride-align", "0"], None),
    ("img_mono_pages_msb", ["-p", "L1", "--layout", "pages"], None),
]

def pixel(x, y):
    return ((x * 255) // (W - 1), (y * 255) // (H - 1), ((x * 3 + y * 5) * 17) % 256,
            255 if (x + y) % 4 else 96)


def decode(data, w, h, stride, bpp, layout, bit_order):
    """Pixel values of the JSON bytes under the layout docs/image-formats.md
    describes: the raw stored value (a palette index, a grey level, the
    little-endian RGB565 word)."""
    px = []
    for y in range(h):
        for x in range(w):
            if bpp >= 8:
                n = bpp // 8
                off = y * stride + x * n
                px.append(int.from_bytes(data[off:off + n], "little"))
                continue
            per = 8 // bpp
            if layout == "rows":
                idx, k = y * stride + x // per, x % per
            else:
                idx, k = (y // per) * stride + x, y % per
            shift = 8 - bpp * (k + 1) if bit_order == "msb" else bpp * k
            px.append((data[idx] >> shift) & ((1 << bpp) - 1))
    return px


SCRIPT = mpcheck.PRELUDE + """
import framebuf
NAMES = @NAMES@
res = {}
for name in NAMES:
    M = __import__(name)
    r = {}
    for k in ('FORMAT_VERSION', 'WIDTH', 'HEIGHT', 'STRIDE', 'BPP', 'FORMAT', 'LAYOUT',
              'BIT_ORDER', 'FRAMEBUF_FORMAT', 'FRAMEBUF_STRIDE', 'PALETTE_FORMAT',
              'PALETTE_COUNT'):
        r[k] = getattr(M, k)
    r['DATA_TYPE'] = type(M.DATA).__name__
    r['DATA'] = hexs(M.DATA)
    r['PALETTE'] = None if M.PALETTE is None else hexs(M.PALETTE)
    if M.FRAMEBUF_FORMAT is not None:
        fb = framebuf.FrameBuffer(bytearray(M.DATA), M.WIDTH, M.HEIGHT,
                                  getattr(framebuf, M.FRAMEBUF_FORMAT), M.FRAMEBUF_STRIDE)
        r['PIXELS'] = [fb.pixel(x, y) for y in range(M.HEIGHT) for x in range(M.WIDTH)]
        if M.PALETTE_FORMAT == 'RGB565':
            # As docs/user-guide.md shows: blit through the palette onto RGB565.
            dst = framebuf.FrameBuffer(bytearray(M.WIDTH * M.HEIGHT * 2), M.WIDTH, M.HEIGHT,
                                       framebuf.RGB565)
            pal = framebuf.FrameBuffer(bytearray(M.PALETTE), M.PALETTE_COUNT, 1, framebuf.RGB565)
            dst.blit(fb, 0, 0, -1, pal)
            r['BLIT'] = [dst.pixel(x, y) for y in range(M.HEIGHT) for x in range(M.WIDTH)]
    res[name] = r
print(json.dumps(res))
"""


def option(args, name, default):
    return args[args.index(name) + 1] if name in args else default


def main():
    mpcheck.skip_unless(NODE)
    d = tempfile.mkdtemp(prefix="rasterd-pyimg-")
    try:
        with open(os.path.join(d, "img.png"), "wb") as f:
            f.write(png_rgba(W, H, pixel))
        modules, js = [], {}
        for name, args, _ in CASES:
            for kind in ("py", "json"):
                out = os.path.join(d, "%s.%s" % (name, kind))
                r = subprocess.run([GLYPHPACK, os.path.join(d, "img.png"), "-q", "-f", kind,
                                    "-o", out] + args, capture_output=True, text=True)
                if r.returncode != 0:
                    print("glyphpack %s -f %s failed: %s" % (args, kind, r.stderr))
                    return 1
            modules.append(os.path.join(d, name + ".py"))
            with open(os.path.join(d, name + ".json")) as f:
                js[name] = json.load(f)
        res = mpcheck.run(NODE, SCRIPT.replace("@NAMES@", repr([c[0] for c in CASES])), modules)
        for name, args, fb_want in CASES:
            m, j = res[name], js[name]
            data = bytes.fromhex(j["data"])
            layout = option(args, "--layout", "rows")
            order = option(args, "--bit-order", "msb")
            check(m["FORMAT_VERSION"] == 1, "%s: FORMAT_VERSION %r" % (name, m["FORMAT_VERSION"]))
            check((m["WIDTH"], m["HEIGHT"], m["STRIDE"], m["FORMAT"]) ==
                  (j["width"], j["height"], j["stride"], j["format"]),
                  "%s: WIDTH/HEIGHT/STRIDE/FORMAT %r differ from the JSON" % (name, m))
            check(m["FORMAT"] == option(args, "-p", None), "%s: FORMAT %s" % (name, m["FORMAT"]))
            check((m["LAYOUT"], m["BIT_ORDER"]) == (layout, order),
                  "%s: LAYOUT/BIT_ORDER %s/%s" % (name, m["LAYOUT"], m["BIT_ORDER"]))
            check(m["DATA_TYPE"] == "bytes", "%s: DATA is %s, not bytes" % (name, m["DATA_TYPE"]))
            check(m["DATA"] == j["data"], "%s: DATA differs from the JSON data" % name)
            check(m["PALETTE"] == j["palette"], "%s: PALETTE differs from the JSON" % name)
            if j["palette"] is not None:
                entry = 2 if m["PALETTE_FORMAT"] == "RGB565" else 4
                check(m["PALETTE_FORMAT"] == option(args, "--palette-format", "ARGB8888") and
                      m["PALETTE_COUNT"] * entry == len(j["palette"]) // 2,
                      "%s: PALETTE_FORMAT/COUNT %s/%s" % (name, m["PALETTE_FORMAT"],
                                                          m["PALETTE_COUNT"]))
            else:
                check(m["PALETTE_FORMAT"] is None and m["PALETTE_COUNT"] == 0,
                      "%s: palette constants without a palette" % name)
            check(m["FRAMEBUF_FORMAT"] == fb_want,
                  "%s: FRAMEBUF_FORMAT %r, want %r" % (name, m["FRAMEBUF_FORMAT"], fb_want))
            if fb_want is None:
                check(m["FRAMEBUF_STRIDE"] is None and "PIXELS" not in m,
                      "%s: FRAMEBUF_STRIDE without a framebuf format" % name)
                continue
            want = decode(data, j["width"], j["height"], j["stride"], m["BPP"], layout, order)
            got = m.get("PIXELS", [])
            bad = [i for i, (a, b) in enumerate(zip(got, want)) if a != b]
            check(len(got) == len(want) and not bad,
                  "%s: framebuf %s pixels differ from the JSON at %s (got %s, want %s)" %
                  (name, fb_want, [(i % W, i // W) for i in bad[:4]],
                   [got[i] for i in bad[:4]], [want[i] for i in bad[:4]]))
            if m["PALETTE_FORMAT"] == "RGB565":
                pal = bytes.fromhex(j["palette"])
                words = [int.from_bytes(pal[2 * i:2 * i + 2], "little") for i in want]
                check(m.get("BLIT") == words,
                      "%s: blit through the RGB565 palette gives other colours" % name)
            # Not a blank image: the pixel check would pass trivially.
            check(len(set(want)) > 1, "%s: all pixels equal" % name)
        print("%d image modules checked in MicroPython" % len(CASES))
    finally:
        shutil.rmtree(d)
    return harness.finish()


if __name__ == "__main__":
    sys.exit(main())
