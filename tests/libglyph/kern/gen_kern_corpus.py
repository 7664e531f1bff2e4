#!/usr/bin/env python3
"""Writes the hand-made hostile kerning tables of tests/libglyph/corpus/kern.

usage: gen_kern_corpus.py OUTDIR [DejaVuSans.ttf]

Each file is one fuzz_kern input: byte 0 selects the reader (see
fuzz_kern.c: bit 7 the legacy kern table, bit 6 a GDEF table in front of
the GPOS, its length in bytes 1-2), the rest is the table. The name says
what test_kern_hostile expects: broken_* (GLYPH_ERR_FONT_BROKEN), range_*
(GLYPH_ERR_RANGE: the step budget), ok_* (read without error). With
DejaVuSans.ttf, its GPOS, GDEF and kern tables are written too (seeds).
"""
import os
import struct
import sys

KERN = b"kern"


def u16(*v):
    return struct.pack(">" + "H" * len(v), *v)


def s16(*v):
    return struct.pack(">" + "h" * len(v), *v)


def lookup(ltype, subtables, flag=0, offsets=None):
    """A Lookup table with its subtables right after it."""
    head = 6 + 2 * len(subtables)
    offs, body = [], b""
    for st in subtables:
        offs.append(head + len(body))
        body += st
    if offsets is not None:
        offs = offsets
    return u16(ltype, flag, len(subtables), *offs) + body


def gpos(lookups, feature_lookups=None, script=b"DFLT", script_off=None):
    """GPOS with one script (default LangSys naming feature 0, 'kern')."""
    if feature_lookups is None:
        feature_lookups = list(range(len(lookups)))
    scripts = u16(1) + script + u16(8) + u16(4, 0) + u16(0, 0xFFFF, 1, 0)
    features = u16(1) + KERN + u16(8) + u16(0, len(feature_lookups), *feature_lookups)
    ll_head = 2 + 2 * len(lookups)
    offs, body = [], b""
    for lk in lookups:
        offs.append(ll_head + len(body))
        body += lk
    lookup_list = u16(len(lookups), *offs) + body
    s_off = 10 if script_off is None else script_off
    f_off = 10 + len(scripts)
    l_off = f_off + len(features)
    return u16(1, 0, s_off, f_off, l_off) + scripts + features + lookup_list


def coverage(glyphs):
    return u16(1, len(glyphs), *glyphs)


def classdef_range(first, last, cls):
    return u16(2, 1, first, last, cls)


def pairpos1(first_glyphs, second_glyphs, value, cov_off=None):
    """Format 1: every first glyph pairs with every second glyph."""
    n = len(first_glyphs)
    head = 10 + 2 * n
    cov = coverage(first_glyphs)
    pset = u16(len(second_glyphs)) + b"".join(u16(g) + s16(value) for g in second_glyphs)
    sets_off = [head + len(cov)] * n  # all first glyphs share one set
    c = head if cov_off is None else cov_off
    return u16(1, c, 4, 0, n, *sets_off) + cov + pset


def pairpos2(cov_glyphs, c1n, c2n, cd1, cd2, values):
    cov = coverage(cov_glyphs)
    head = 16
    cd1_off = head + len(values)
    cd2_off = cd1_off + len(cd1)
    cov_off = cd2_off + len(cd2)
    return u16(2, cov_off, 4, 0, cd1_off, cd2_off, c1n, c2n) + values + cd1 + cd2 + cov


def extension(ltype, offset):
    return u16(1, ltype) + struct.pack(">I", offset)


GLYPHS = list(range(1, 61))


def hostile():
    t = {}
    ok1 = lookup(2, [pairpos1(GLYPHS[:10], GLYPHS[10:20], -50)])
    t["ok_pairs.gpos"] = gpos([ok1])
    t["broken_script_list_offset.gpos"] = gpos([ok1], script_off=0xFFF0)
    t["broken_coverage_offset.gpos"] = gpos(
        [lookup(2, [pairpos1(GLYPHS[:10], GLYPHS[10:20], -50, cov_off=0xFFFE)])])
    t["broken_subtable_offset.gpos"] = gpos([lookup(2, [ok1], offsets=[0xFF00])])
    t["broken_huge_class_counts.gpos"] = gpos(
        [lookup(2, [pairpos2(GLYPHS, 0xFFFF, 0xFFFF, classdef_range(1, 60, 1),
                             classdef_range(1, 60, 1), s16(-10) * 4)])])
    # Extension pointing at itself (offset 0), claiming to be an extension.
    t["broken_extension_cycle.gpos"] = gpos([lookup(9, [extension(9, 0)])])
    t["broken_extension_past_end.gpos"] = gpos([lookup(9, [extension(2, 0x7FFFFFF0)])])
    # An extension whose target is itself, read as a pair subtable: its
    # coverage offset lands inside the extension, which is no coverage.
    t["broken_extension_self.gpos"] = gpos([lookup(9, [extension(2, 0)])])
    # Class counts inside the table, class values beyond them.
    t["ok_class_beyond_count.gpos"] = gpos(
        [lookup(2, [pairpos2(GLYPHS, 2, 2, classdef_range(1, 60, 7), classdef_range(1, 60, 9),
                             s16(-10, -20, -30, -40))])])
    # 4000 subtable offsets all naming one class subtable that covers every
    # glyph: the first claims every pair, the others are never read.
    every = pairpos2(GLYPHS, 2, 2, classdef_range(1, 60, 1), classdef_range(1, 60, 1),
                     s16(-1, -2, -3, -4))
    n = 4000
    t["ok_aliased_class_subtables.gpos"] = gpos(
        [lookup(2, [every] + [b""] * (n - 1), offsets=[6 + 2 * n] * n)])
    # The same with a glyph pair subtable (60 x 60 pairs): every pair of
    # every subtable is checked against all earlier ones, until the budget.
    pairs60 = pairpos1(GLYPHS, GLYPHS, -3)
    t["range_aliased_pair_subtables.gpos"] = gpos(
        [lookup(2, [pairs60] + [b""] * (n - 1), offsets=[6 + 2 * n] * n)])
    # The kern feature names lookups past the list and the same lookup twice.
    t["ok_lookup_index_past_list.gpos"] = gpos([ok1], feature_lookups=[0, 0, 9999, 65535])
    # Unsorted coverage and pair set: answers, no bad reads.
    t["ok_unsorted.gpos"] = gpos([lookup(2, [pairpos1(list(reversed(GLYPHS[:10])),
                                                      list(reversed(GLYPHS[10:20])), -5)])])
    t["ok_mark_filtering_flag.gpos"] = gpos([lookup(2, [pairpos1(GLYPHS[:5], GLYPHS[:5], -9)],
                                                    flag=0x10)])
    # Legacy kern tables.
    pairs = b"".join(u16(l, r) + s16(-20) for l in range(1, 11) for r in range(11, 21))
    n = 100
    t["ok_kern.kern"] = u16(0, 1) + u16(0, 14 + len(pairs), 1) + u16(n, 0, 0, 0) + pairs
    # The 16-bit subtable length wraps in big tables: the last one runs to
    # the table's end.
    t["ok_kern_last_length_wraps.kern"] = u16(0, 1) + u16(0, 3, 1) + u16(n, 0, 0, 0) + pairs
    t["broken_kern_pairs_past_end.kern"] = u16(0, 1) + u16(0, 14 + 60, 1) + u16(5000, 0, 0, 0) + pairs[:60]
    t["broken_kern_version.kern"] = u16(7, 1) + pairs
    apple = struct.pack(">IIIHH", 0x00010000, 1, 16 + len(pairs), 0, 0) + u16(n, 0, 0, 0) + pairs
    t["ok_kern_apple.kern"] = apple
    # GDEF whose glyph class offset points past the end, in front of a GPOS.
    t["broken_gdef_class_offset.gdef"] = u16(1, 0, 0xFFF0, 0, 0, 0)
    return t


def selector(name, data):
    if name.endswith(".kern"):
        return bytes([0x80]) + data
    if name.endswith(".gdef"):
        return bytes([0x40]) + u16(len(data)) + data + gpos(
            [lookup(2, [pairpos1(GLYPHS[:10], GLYPHS[10:20], -50)])])
    return bytes([0x00]) + data


def main():
    out = sys.argv[1]
    for name, data in sorted(hostile().items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(selector(name, data))
    if len(sys.argv) > 2:
        from fontTools.ttLib import TTFont
        font = TTFont(sys.argv[2])
        gdef, gpos_t, kern = (font.reader[t] for t in ("GDEF", "GPOS", "kern"))
        with open(os.path.join(out, "ok_dejavu.gpos"), "wb") as f:
            f.write(b"\x40" + u16(len(gdef)) + gdef + gpos_t)
        with open(os.path.join(out, "ok_dejavu.kern"), "wb") as f:
            f.write(b"\x80" + kern)


if __name__ == "__main__":
    main()
