#!/usr/bin/env python3
"""Checks a glyphpack JSON font: the exact key set and types, sorted unique
code points, and that every bitmap has the byte count its encoding needs.

usage: check_font_json.py FONT.json [ROW_ALIGN]   (ROW_ALIGN: 0 packed, default 1)
"""
import json
import sys

FONT_KEYS = {"family", "style", "size_px", "ascender", "descender", "line_height", "bpp",
             "layout", "bit_order"}
GLYPH_KEYS = {"codepoint", "advance", "left", "top", "width", "height", "bitmap"}


def packed_size(w, h, bpp, layout, row_align):
    if w == 0 or h == 0:
        return 0
    if layout == "rows":
        if row_align == 0:
            return (w * h * bpp + 7) // 8
        stride = (w * bpp + 7) // 8
        stride = (stride + row_align - 1) // row_align * row_align
        return stride * h
    per = 8 // bpp
    stride = max(w, 1)
    stride = (stride + row_align - 1) // row_align * row_align
    return stride * ((h + per - 1) // per)


def unpack(data, w, h, bpp, layout, order, row_align):
    """Levels of a packed bitmap (row-major list) and whether every padding
    bit is zero, per the encodings in docs/user-guide.md."""
    per = 8 // bpp
    mask = (1 << bpp) - 1
    used = set()
    px = []

    def get(byte_index, k):
        used.add((byte_index, k))
        shift = 8 - bpp * (k + 1) if order == "msb" else bpp * k
        return (data[byte_index] >> shift) & mask

    if layout == "rows" and row_align == 0:
        for i in range(w * h):
            px.append(get(i // per, i % per))
    elif layout == "rows":
        stride = len(data) // h
        for y in range(h):
            for x in range(w):
                px.append(get(y * stride + x // per, x % per))
    else:
        stride = len(data) // ((h + per - 1) // per)
        for y in range(h):
            for x in range(w):
                px.append(get((y // per) * stride + x, y % per))
    padding_zero = all(get(b, k) == 0 for b in range(len(data)) for k in range(per)
                       if (b, k) not in used)
    return px, padding_zero


def check_kerning(doc):
    """The "kerning" object: exactly one of the two forms, code points of the
    font, values non-zero integers (pairs) or a matrix with a zero class 0."""
    k = doc.get("kerning")
    if k is None:
        return []
    cps = {g["codepoint"] for g in doc["glyphs"]}
    if k.get("unit") != 1:
        return [f"kerning unit {k.get('unit')}"]
    if set(k) == {"unit", "pairs"}:
        keys = [(a, b) for a, b, _ in k["pairs"]]
        if keys != sorted(set(keys)) or not all(v and isinstance(v, int) for _, _, v in k["pairs"]):
            return ["kerning pairs not sorted, repeated or zero"]
        if not all(a in cps and b in cps for a, b in keys):
            return ["kerning pair of a code point not in the font"]
        return []
    if set(k) != {"unit", "left_classes", "right_classes", "values"}:
        return [f"kerning keys {sorted(k)}"]
    rows = k["values"]
    if any(len(r) != len(rows[0]) for r in rows) or any(rows[0]) or any(r[0] for r in rows):
        return ["kerning class matrix not rectangular, or class 0 not zero"]
    for side, n in (("left_classes", len(rows)), ("right_classes", len(rows[0]))):
        if not all(cp in cps and 0 < c < n for cp, c in k[side]):
            return [f"kerning {side}: a class out of range or a code point not in the font"]
    return []


def main():
    path = sys.argv[1]
    row_align = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    errors = []
    if set(doc) - {"kerning"} != {"font", "glyphs"}:
        errors.append(f"top-level keys {sorted(doc)}")
    errors += check_kerning(doc)
    font = doc["font"]
    if set(font) != FONT_KEYS:
        errors.append(f"font keys {sorted(font)}")
    for k in ("family", "style", "layout", "bit_order"):
        if not isinstance(font[k], str):
            errors.append(f"font.{k} is not a string")
    for k in ("size_px", "ascender", "descender", "line_height", "bpp"):
        if not isinstance(font[k], int):
            errors.append(f"font.{k} is not an integer")
    if font["bpp"] not in (1, 2, 4, 8) or font["layout"] not in ("rows", "pages") \
            or font["bit_order"] not in ("msb", "lsb"):
        errors.append(f"bad encoding {font}")
    last = -1
    for g in doc["glyphs"]:
        cp = g.get("codepoint")
        if set(g) != GLYPH_KEYS:
            errors.append(f"U+{cp:04X}: keys {sorted(g)}")
            continue
        if not all(isinstance(g[k], int) for k in GLYPH_KEYS - {"bitmap"}):
            errors.append(f"U+{cp:04X}: non-integer field")
        if cp <= last:
            errors.append(f"U+{cp:04X}: code points not ascending")
        last = cp
        bm = g["bitmap"]
        if bm != bm.lower() or len(bm) % 2:
            errors.append(f"U+{cp:04X}: bitmap is not lowercase hex bytes")
        want = packed_size(g["width"], g["height"], font["bpp"], font["layout"], row_align)
        if len(bm) // 2 != want:
            errors.append(f"U+{cp:04X}: {len(bm) // 2} bytes, {g['width']}x{g['height']} needs {want}")
        elif want:
            px, pad_ok = unpack(bytes.fromhex(bm), g["width"], g["height"], font["bpp"],
                                font["layout"], font["bit_order"], row_align)
            if len(px) != g["width"] * g["height"] or not pad_ok:
                errors.append(f"U+{cp:04X}: bitmap does not unpack cleanly (padding bits set)")
    if not doc["glyphs"]:
        errors.append("no glyphs")
    for e in errors[:20]:
        print(f"{path}: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"{path}: {len(doc['glyphs'])} glyphs ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
