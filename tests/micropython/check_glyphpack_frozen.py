#!/usr/bin/env python3
"""glyphpack's `-f py` modules frozen into native MicroPython (the unix
port, or the qemu Cortex-M3 port): a font (DejaVuSans 14 px, font_to_py
API) and an RGB565 image (examples/images/icon.png). Importing them costs
heap for the module, not for its bitmap data (which stays in flash), and
MicroPython's framebuf draws from the frozen bytes in place (blit with a
(buffer, width, height, format) tuple, MicroPython 1.20+): a string into a
MONO_HLSB frame buffer and the image into an RGB565 one. The pixels must be
what the host decodes from the same module files, run by CPython, by the
documented layouts (font_to_py horizontal map: rows of ceil(w/8) bytes,
bit 7 leftmost; RGB565 little-endian words).

usage: check_glyphpack_frozen.py unix|qemu
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mpport  # noqa: E402
from harness import check, finish  # noqa: E402

TEXT = "Hello, MicroPython! 0123"
TW, TH = 240, 17  # text frame buffer
IW, IH, IX, IY, FILL = 32, 30, 5, 3, 0x1234  # image frame buffer and where the image goes

SCRIPT = mpport.MEASURE_IMPORT + """
import json, framebuf
FILES = ('gp_font.py', 'gp_image.py')  # interned first (mpport.MEASURE_IMPORT)

font, font_heap = measure('gp_font')
image, image_heap = measure('gp_image')
buf = bytearray(((%(TW)d + 7) // 8) * %(TH)d)
fb = framebuf.FrameBuffer(buf, %(TW)d, %(TH)d, framebuf.MONO_HLSB)

def draw(text):
    x = 0
    for ch in text:
        glyph, h, w = font.get_ch(ch)
        fb.blit((glyph, w, h, framebuf.MONO_HLSB), x, 0)
        x += w
    return x

def measured_draw(text, times):
    gc.collect()
    before = gc.mem_alloc()
    for i in range(times):
        x = draw(text)
    transient = gc.mem_alloc() - before
    gc.collect()
    return x, transient, gc.mem_alloc() - before

# What the conservative collector keeps after one drawing (stale stack
# slots can hold the last glyph's objects) must not grow with more drawings:
# a leak of one object per drawing would keep 50 of them.
width, transient, retained = measured_draw(%(TEXT)r, 1)
width, transient50, retained50 = measured_draw(%(TEXT)r, 50)
ibuf = bytearray(%(IW)d * %(IH)d * 2)
ifb = framebuf.FrameBuffer(ibuf, %(IW)d, %(IH)d, framebuf.RGB565)
ifb.fill(%(FILL)d)
ifb.blit((image.DATA, image.WIDTH, image.HEIGHT, framebuf.RGB565), %(IX)d, %(IY)d)
print(json.dumps({'font_heap': font_heap, 'image_heap': image_heap, 'width': width,
                  'transient': transient, 'retained': retained, 'retained50': retained50,
                  'font_data': len(font._font), 'image_data': len(image.DATA),
                  'text': ''.join('%%02x' %% b for b in buf),
                  'image': ''.join('%%02x' %% b for b in ibuf)}))
""" % dict(TW=TW, TH=TH, IW=IW, IH=IH, IX=IX, IY=IY, FILL=FILL, TEXT=TEXT)


def load_module(path):
    """The generated module run by CPython (it is plain Python)."""
    ns = {}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), ns)
    return ns


def expected_text(font):
    img = [[0] * TW for _ in range(TH)]
    x = 0
    for ch in TEXT:
        glyph, h, w = font["get_ch"](ch)
        glyph = bytes(glyph)
        stride = (w + 7) // 8
        for r in range(min(h, TH)):
            for c in range(w):
                if x + c < TW:
                    img[r][x + c] = (glyph[r * stride + c // 8] >> (7 - c % 8)) & 1
        x += w
    return img, x


def decode_mono_hlsb(data, w, h):
    stride = (w + 7) // 8
    return [[(data[r * stride + c // 8] >> (7 - c % 8)) & 1 for c in range(w)] for r in range(h)]


def main():
    port = sys.argv[1]
    frozen = mpport.frozen_dir()
    res = mpport.last_json(mpport.run_on(port, SCRIPT))
    font = load_module(os.path.join(frozen, "gp_font.py"))
    image = load_module(os.path.join(frozen, "gp_image.py"))

    # A copy of the data would cost at least its size.
    check(res["font_heap"] < res["font_data"], "importing the font does not copy its glyphs",
          "(%d B heap, %d B data)" % (res["font_heap"], res["font_data"]))
    check(res["image_heap"] < res["image_data"], "importing the image does not copy its pixels",
          "(%d B heap, %d B data)" % (res["image_heap"], res["image_data"]))
    # Slack of two 16-byte GC blocks: which stale stack slot still points at
    # a glyph's view depends on the heap's layout (the frozen bundle, signed
    # with a fresh key per build directory, moves it), not on the count.
    check(res["retained"] <= 256 and res["retained50"] <= res["retained"] + 32,
          "drawing text keeps no heap (no more after 50 drawings than after one, "
          "but for two stale GC blocks)",
          "(%d B after one, %d B after fifty)" % (res["retained"], res["retained50"]))

    want, width = expected_text(font)
    check(res["width"] == width, "text advance %d px" % width, "(device %d)" % res["width"])
    got = decode_mono_hlsb(bytes.fromhex(res["text"]), TW, TH)
    bad = [(x, y) for y in range(TH) for x in range(TW) if got[y][x] != want[y][x]]
    check(not bad, "framebuf draws the frozen font's glyphs as the module encodes them",
          "(%d pixels differ, first %r)" % (len(bad), bad[:5]))
    check(any(any(r) for r in want), "the text has ink")

    data = bytes(image["DATA"])
    w, h = image["WIDTH"], image["HEIGHT"]
    got = struct.unpack("<%dH" % (IW * IH), bytes.fromhex(res["image"]))
    bad = []
    for y in range(IH):
        for x in range(IW):
            inside = IX <= x < IX + w and IY <= y < IY + h
            px = struct.unpack_from("<H", data, ((y - IY) * w + (x - IX)) * 2)[0] if inside \
                else FILL
            if got[y * IW + x] != px:
                bad.append((x, y))
    check(not bad, "framebuf blits the frozen RGB565 image pixel for pixel",
          "(%d pixels differ, first %r)" % (len(bad), bad[:5]))
    print("%s: font module %d B heap (%d B glyph data in flash), image %d B (%d B pixels); "
          "drawing %d characters allocated %d B transiently, retained %d B" %
          (port, res["font_heap"], res["font_data"], res["image_heap"], res["image_data"],
           len(TEXT), res["transient"], res["retained"]))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
