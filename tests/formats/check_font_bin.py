#!/usr/bin/env python3
"""Reads a glyphpack binary font per docs/font-bin-format.md (16-byte or,
with flag bit 1, compact 8-byte glyph records) and compares every field and
bitmap with the JSON output of the same font.

usage: check_font_bin.py FONT.bin FONT.json
"""
import json
import struct
import sys

HEADER = struct.Struct("<4sHHBBBBHHhhHhHHIIIIIII")
RANGE = struct.Struct("<IHH")
GLYPH = struct.Struct("<IHHHhhH")
COMPACT = struct.Struct("<HBBBBbb")  # offset low 16 bits, offset high 8 bits, ...
LAYOUTS = {0: "rows", 1: "pages"}
ORDERS = {0: "msb", 1: "lsb"}


def read_glyph(data, off, compact):
    """(offset, advance, width, height, left, top) of one glyph record."""
    if not compact:
        return GLYPH.unpack_from(data, off)[:6]
    lo, hi, adv, w, h, left, top = COMPACT.unpack_from(data, off)
    return (lo | hi << 16, adv, w, h, left, top)


def main():
    data = open(sys.argv[1], "rb").read()
    doc = json.load(open(sys.argv[2], encoding="utf-8"))
    errors = []
    assert HEADER.size == 56, HEADER.size
    if len(data) < HEADER.size:
        print(f"{sys.argv[1]}: shorter than the header", file=sys.stderr)
        return 1
    (magic, version, hsize, bpp, layout, order, flags, row_align, size_px, asc, desc, lh, base,
     max_adv, default, nranges, nglyphs, r_off, g_off, b_off, b_size, total) = HEADER.unpack_from(data)
    font = doc["font"]
    compact = bool(flags & 2)
    gsize = COMPACT.size if compact else GLYPH.size
    if flags & ~3:
        errors.append(f"unknown flags {flags:#x}")
    checks = [("magic", magic, b"RFNT"), ("version", version, 1), ("header_size", hsize, 56),
              ("total", total, len(data)), ("bpp", bpp, font["bpp"]),
              ("layout", LAYOUTS.get(layout), font["layout"]),
              ("bit_order", ORDERS.get(order), font["bit_order"]), ("size_px", size_px, font["size_px"]),
              ("ascender", asc, font["ascender"]), ("descender", desc, font["descender"]),
              ("line_height", lh, font["line_height"]), ("glyph_count", nglyphs, len(doc["glyphs"])),
              ("ranges_offset", r_off, 56), ("glyphs_offset", g_off, r_off + nranges * RANGE.size),
              ("bitmaps_offset", b_off, g_off + nglyphs * gsize),
              ("bitmap_size", b_size, total - b_off)]
    for name, got, want in checks:
        if got != want:
            errors.append(f"header {name} = {got!r}, want {want!r}")
    if not errors:
        glyphs = [read_glyph(data, g_off + i * gsize, compact) for i in range(nglyphs)]
        by_cp = {}
        prev_end = None
        for i in range(nranges):
            first, count, base = RANGE.unpack_from(data, r_off + i * RANGE.size)
            if count == 0 or (prev_end is not None and first < prev_end):
                errors.append(f"range {i} empty or not ascending")
            prev_end = first + count
            for k in range(count):
                by_cp[first + k] = base + k
        if not 0 <= default < nglyphs:
            errors.append(f"default glyph {default} out of range")
        for g in doc["glyphs"]:
            cp = g["codepoint"]
            if cp not in by_cp:
                errors.append(f"U+{cp:04X}: not found through the range table")
                continue
            off, adv, w, h, left, top = glyphs[by_cp[cp]]
            got = {"advance": adv, "width": w, "height": h, "left": left, "top": top}
            for k, v in got.items():
                if v != g[k]:
                    errors.append(f"U+{cp:04X}: {k} {v} != {g[k]}")
            n = len(g["bitmap"]) // 2
            if data[b_off + off:b_off + off + n].hex() != g["bitmap"] or off + n > b_size:
                errors.append(f"U+{cp:04X}: bitmap bytes differ")
        if len(by_cp) != len(doc["glyphs"]):
            errors.append(f"ranges map {len(by_cp)} code points, JSON has {len(doc['glyphs'])}")
    for e in errors[:20]:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"{sys.argv[1]}: {nglyphs} glyphs ({'compact' if compact else '16-byte'} records)"
          " match the JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main())
