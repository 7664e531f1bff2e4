#!/usr/bin/env python3
"""Writes a BDF bitmap font rendered from an outline font with FreeType's
monochrome renderer (freetype-py), as test data for glyphpack font-to-py:
printable ASCII, Latin-1 and Cyrillic U+0410..U+044F at one pixel size,
each glyph's bitmap, offsets and advance exactly as FreeType gives them
(so the underscore lies wholly below the baseline and some glyphs have
negative left bearings, as in the source font).

usage: make_bdf.py FONT.ttf PIXELS OUT.bdf     (run by a Python with freetype)
"""
import sys

import freetype

CODEPOINTS = list(range(0x20, 0x7F)) + list(range(0xA0, 0x100)) + list(range(0x410, 0x450))


def glyph(face, cp):
    face.load_char(chr(cp), freetype.FT_LOAD_RENDER | freetype.FT_LOAD_TARGET_MONO)
    slot = face.glyph
    bm = slot.bitmap
    rows = []
    for y in range(bm.rows):
        line = bytes(bm.buffer[y * bm.pitch:y * bm.pitch + (bm.width + 7) // 8])
        rows.append(line.hex().upper() or "00")
    return {
        "adv": slot.advance.x // 64, "w": bm.width, "h": bm.rows,
        "x": slot.bitmap_left, "y": slot.bitmap_top - bm.rows, "rows": rows,
    }


def main():
    src, px, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    face = freetype.Face(src)
    face.set_pixel_sizes(0, px)
    glyphs = [(cp, glyph(face, cp)) for cp in CODEPOINTS if face.get_char_index(cp)]
    asc = face.size.ascender // 64
    desc = -face.size.descender // 64
    x0 = min(g["x"] for _, g in glyphs)
    y0 = min(g["y"] for _, g in glyphs)
    x1 = max(g["x"] + g["w"] for _, g in glyphs)
    y1 = max(g["y"] + g["h"] for _, g in glyphs)
    name = face.family_name.decode("ascii", "replace")
    lines = [
        "STARTFONT 2.1",
        "FONT -rasterd-%s-Medium-R-Normal--%d-%d-75-75-P-%d-ISO10646-1"
        % (name.replace(" ", ""), px, px * 10, px * 5),
        "SIZE %d 75 75" % px,
        "FONTBOUNDINGBOX %d %d %d %d" % (x1 - x0, y1 - y0, x0, y0),
        "STARTPROPERTIES 6",
        'FAMILY_NAME "%s test bitmap"' % name,
        "PIXEL_SIZE %d" % px,
        "FONT_ASCENT %d" % asc,
        "FONT_DESCENT %d" % desc,
        'CHARSET_REGISTRY "ISO10646"',
        'CHARSET_ENCODING "1"',
        "ENDPROPERTIES",
        "CHARS %d" % len(glyphs),
    ]
    for cp, g in glyphs:
        lines += [
            "STARTCHAR U+%04X" % cp,
            "ENCODING %d" % cp,
            "SWIDTH %d 0" % (g["adv"] * 1000 // px),
            "DWIDTH %d 0" % g["adv"],
            "BBX %d %d %d %d" % (g["w"], g["h"], g["x"], g["y"]),
            "BITMAP",
        ] + g["rows"] + ["ENDCHAR"]
    lines.append("ENDFONT")
    with open(out, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
