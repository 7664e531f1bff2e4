#!/usr/bin/env python3
"""Draws the example assets that rasterd's examples/ folder ships.

Deterministic: running it again writes byte-identical files. Uses only the
standard library (zlib for PNG, no imaging library):

  images/logo.png   96x48 RGBA: a colour gradient with a ring, transparent outside
  images/icon.png   24x24 grey+alpha: a check mark
  data/gamma.bin    256-byte gamma 2.2 lookup table (a raw blob)

Usage: python3 examples/make_example_assets.py [OUTDIR]   (default: this folder)
"""
import math
import os
import struct
import sys
import zlib


def png(path, width, height, color_type, rows):
    """Writes a PNG; rows are bytes of one scanline each, without filter bytes."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def logo_rows(w, h):
    rows = []
    cx, cy = (w - 1) / 2, (h - 1) / 2
    for y in range(h):
        row = bytearray()
        for x in range(w):
            r = int(255 * x / (w - 1))
            g = int(255 * y / (h - 1))
            b = 255 - r
            d = math.hypot((x - cx) / (w / 2), (y - cy) / (h / 2))
            a = 255 if d <= 1.0 else 0
            if 0.55 <= d <= 0.75:
                r = g = b = 255
            row += bytes((r, g, b, a))
        rows.append(bytes(row))
    return rows


def icon_rows(n):
    rows = []
    for y in range(n):
        row = bytearray()
        for x in range(n):
            # distance to the two strokes of a check mark
            d1 = abs((y - 14) - (x - 5)) / math.sqrt(2) if 5 <= x <= 10 else 99
            d2 = abs((y - 14) + (x - 10)) / math.sqrt(2) if 10 <= x <= 20 else 99
            v = max(0.0, 1.0 - max(0.0, min(d1, d2) - 1.0))
            row += bytes((255, int(255 * v)))
        rows.append(bytes(row))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    png(os.path.join(out, "images", "logo.png"), 96, 48, 6, logo_rows(96, 48))
    png(os.path.join(out, "images", "icon.png"), 24, 24, 4, icon_rows(24))
    lut = bytes(round(255 * (i / 255) ** 2.2) for i in range(256))
    with open(os.path.join(out, "data", "gamma.bin"), "wb") as f:
        f.write(lut)


if __name__ == "__main__":
    main()
