#!/usr/bin/env python3
"""Reads a glyphpack binary font per docs/font-bin-format.md (16-byte or,
with flag bit 1, compact 8-byte glyph records; version 2 with the kern block
of flag bit 2) and compares every field, bitmap and kerning value with the
JSON output of the same font.

usage: check_font_bin.py FONT.bin FONT.json
"""
import json
import struct
import sys

HEADER = struct.Struct("<4sHHBBBBHHhhHhHHIIIIIII")
RANGE = struct.Struct("<IHH")
GLYPH = struct.Struct("<IHHHhhH")
COMPACT = struct.Struct("<HBBBBbb")  # offset low 16 bits, offset high 8 bits, ...
KERN = struct.Struct("<BBBBIHH")
LAYOUTS = {0: "rows", 1: "pages"}
ORDERS = {0: "msb", 1: "lsb"}


def read_glyph(data, off, compact):
    """(offset, advance, width, height, left, top) of one glyph record."""
    if not compact:
        return GLYPH.unpack_from(data, off)[:6]
    lo, hi, adv, w, h, left, top = COMPACT.unpack_from(data, off)
    return (lo | hi << 16, adv, w, h, left, top)


def read_kern(data, off, size, cps):
    """{(left code point, right code point): pixels} of the kern block."""
    kind, vbytes, cbytes, _, npairs, nleft, nright = KERN.unpack_from(data, off)
    vfmt = {1: "b", 2: "h"}[vbytes]
    pos = off + KERN.size
    kern = {}
    if kind == 1:
        for _ in range(npairs):
            left, right = struct.unpack_from("<HH", data, pos)
            kern[(cps[left], cps[right])] = struct.unpack_from("<" + vfmt, data, pos + 4)[0]
            pos += 4 + vbytes
    else:
        cfmt = {1: "B", 2: "H"}[cbytes]
        n = len(cps)
        lc = struct.unpack_from(f"<{n}{cfmt}", data, pos)
        rc = struct.unpack_from(f"<{n}{cfmt}", data, pos + n * cbytes)
        pos += 2 * n * cbytes
        vals = struct.unpack_from(f"<{nleft * nright}{vfmt}", data, pos)
        pos += nleft * nright * vbytes
        for a in range(n):
            for b in range(n):
                v = vals[lc[a] * nright + rc[b]]
                if v:
                    kern[(cps[a], cps[b])] = v
    if pos != off + size:
        raise ValueError(f"kern block is {size} bytes, its contents {pos - off}")
    return kern


def json_kern(doc):
    """The same from the JSON's "kerning"."""
    k = doc.get("kerning")
    if k is None:
        return {}
    if "pairs" in k:
        return {(a, b): v for a, b, v in k["pairs"]}
    lc, rc = dict(k["left_classes"]), dict(k["right_classes"])
    cps = [g["codepoint"] for g in doc["glyphs"]]
    return {(a, b): k["values"][lc.get(a, 0)][rc.get(b, 0)] for a in cps for b in cps
            if k["values"][lc.get(a, 0)][rc.get(b, 0)]}


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
    kerned = bool(flags & 4)
    gsize = COMPACT.size if compact else GLYPH.size
    if flags & ~7:
        errors.append(f"unknown flags {flags:#x}")
    k_off, k_size = struct.unpack_from("<II", data, 56) if kerned else (total, 0)
    checks = [("magic", magic, b"RFNT"), ("version", version, 2 if kerned else 1),
              ("header_size", hsize, 64 if kerned else 56),
              ("total", total, len(data)), ("bpp", bpp, font["bpp"]),
              ("layout", LAYOUTS.get(layout), font["layout"]),
              ("bit_order", ORDERS.get(order), font["bit_order"]), ("size_px", size_px, font["size_px"]),
              ("ascender", asc, font["ascender"]), ("descender", desc, font["descender"]),
              ("line_height", lh, font["line_height"]), ("glyph_count", nglyphs, len(doc["glyphs"])),
              ("ranges_offset", r_off, hsize), ("glyphs_offset", g_off, r_off + nranges * RANGE.size),
              ("bitmaps_offset", b_off, g_off + nglyphs * gsize),
              ("bitmap_size", b_size, k_off - b_off), ("kern_size", k_size, total - k_off),
              ("kerning", kerned, "kerning" in doc)]
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
        cps = sorted(by_cp, key=lambda c: by_cp[c])
        kern = read_kern(data, k_off, k_size, cps) if kerned else {}
        if kern != json_kern(doc):
            errors.append(f"kerning: {len(kern)} pairs differ from the JSON's")
    for e in errors[:20]:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"{sys.argv[1]}: {nglyphs} glyphs ({'compact' if compact else '16-byte'} records)"
          f"{f' and {len(kern)} kerning pairs' if kerned else ''} match the JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main())
