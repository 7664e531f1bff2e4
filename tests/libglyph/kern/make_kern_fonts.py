#!/usr/bin/env python3
"""Builds the kerning test fonts from DejaVuSans with fontTools.

usage: make_kern_fonts.py DejaVuSans.ttf OUTDIR

- kern_legacy.ttf: DejaVuSans without GPOS, so only its legacy kern table
  (format 0) kerns.
- kern_pairs.ttf: DejaVuSans whose GPOS kern feature is rebuilt as glyph
  pairs (PairPos format 1) from DejaVuSans's own class kerning (the 'latn'
  lookups), for the glyphs of U+0020-U+024F, U+0370-U+03FF, U+0400-U+04FF,
  inside extension lookups (type 9), split over several subtables (an early
  one claims some pairs with other values, so only the first subtable that
  has a pair may count), plus a second lookup whose values add up with the
  first. Registered for the DFLT and latn scripts. No legacy kern table.
- kern_upper.ttf: DejaVuSans subset to A-Z (GPOS kerning kept): the first
  font of a fallback chain, so that pairs across fonts can be checked.
- kern_broken_gpos.ttf: DejaVuSans whose GPOS is a hostile table (a
  coverage offset past the end, gen_kern_corpus.py): its kerning must come
  from the kern table, with a warning.

The fonts only need to be valid; HarfBuzz is the oracle of their kerning.
"""
import os
import sys

from fontTools import subset
from fontTools.otlLib import builder as otl
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import otTables as ot

RANGES = [(0x20, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF)]


def latn_kern_lookups(gpos):
    for rec in gpos.ScriptList.ScriptRecord:
        if rec.ScriptTag == "latn":
            feats = rec.Script.DefaultLangSys.FeatureIndex
            for fi in feats:
                fr = gpos.FeatureList.FeatureRecord[fi]
                if fr.FeatureTag == "kern":
                    return [gpos.LookupList.Lookup[i] for i in fr.Feature.LookupListIndex]
    return []


def flatten(lookup, glyphs):
    """{(left, right): xadvance} of a class pair lookup, first subtable wins."""
    pairs = {}
    for st in lookup.SubTable:
        if lookup.LookupType == 9:
            st = st.ExtSubTable
        assert st.Format == 2
        cov = set(st.Coverage.glyphs)
        c1 = st.ClassDef1.classDefs if st.ClassDef1 else {}
        c2 = st.ClassDef2.classDefs if st.ClassDef2 else {}
        for left in glyphs:
            if left not in cov:
                continue
            row = st.Class1Record[c1.get(left, 0)]
            for right in glyphs:
                if (left, right) in pairs:
                    continue
                v = row.Class2Record[c2.get(right, 0)].Value1
                pairs[(left, right)] = getattr(v, "XAdvance", 0) if v else 0
    return {k: v for k, v in pairs.items() if v}


def extension(subtables):
    lookup = otl.buildLookup(subtables)
    exts = []
    for st in subtables:
        ext = ot.ExtensionPos()
        ext.Format = 1
        ext.ExtensionLookupType = 2
        ext.ExtSubTable = st
        exts.append(ext)
    lookup.LookupType = 9
    lookup.SubTable = exts
    return lookup


def langsys(features):
    ls = ot.LangSys()
    ls.LookupOrder = None
    ls.ReqFeatureIndex = 0xFFFF
    ls.FeatureIndex = features
    ls.FeatureCount = len(features)
    return ls


def build_gpos(lookups):
    gpos = ot.GPOS()
    gpos.Version = 0x00010000
    gpos.LookupList = ot.LookupList()
    gpos.LookupList.Lookup = lookups
    gpos.LookupList.LookupCount = len(lookups)
    fr = ot.FeatureRecord()
    fr.FeatureTag = "kern"
    fr.Feature = ot.Feature()
    fr.Feature.FeatureParams = None
    fr.Feature.LookupListIndex = list(range(len(lookups)))
    fr.Feature.LookupCount = len(lookups)
    gpos.FeatureList = ot.FeatureList()
    gpos.FeatureList.FeatureRecord = [fr]
    gpos.FeatureList.FeatureCount = 1
    gpos.ScriptList = ot.ScriptList()
    gpos.ScriptList.ScriptRecord = []
    for tag in ("DFLT", "latn"):
        sr = ot.ScriptRecord()
        sr.ScriptTag = tag
        sr.Script = ot.Script()
        sr.Script.DefaultLangSys = langsys([0])
        sr.Script.LangSysRecord = []
        sr.Script.LangSysCount = 0
        gpos.ScriptList.ScriptRecord.append(sr)
    gpos.ScriptList.ScriptCount = 2
    table = newTable("GPOS")
    table.table = gpos
    return table


def make_pairs(src, out):
    font = TTFont(src)
    cmap = font.getBestCmap()
    glyphs = sorted({cmap[c] for lo, hi in RANGES for c in range(lo, hi + 1) if c in cmap},
                    key=font.getGlyphID)
    gm = font.getReverseGlyphMap()
    total = {}
    for lookup in latn_kern_lookups(font["GPOS"].table):
        for k, v in flatten(lookup, glyphs).items():
            total[k] = total.get(k, 0) + v
    val = lambda v: (otl.buildValue({"XAdvance": v}), None)
    lefts = sorted({l for l, _ in total}, key=font.getGlyphID)
    half = set(lefts[: len(lefts) // 2])
    # Subtable 0 claims every tenth pair with a value shapers must prefer.
    claim = {k: (v // 2 or -1) for i, (k, v) in enumerate(sorted(total.items())) if i % 10 == 0}
    sub0 = otl.buildPairPosGlyphsSubtable({k: val(v) for k, v in claim.items()}, gm)
    sub1 = otl.buildPairPosGlyphsSubtable(
        {k: val(v) for k, v in total.items() if k[0] in half}, gm)
    sub2 = otl.buildPairPosGlyphsSubtable(
        {k: val(v) for k, v in total.items() if k[0] not in half}, gm)
    extra = {k: 7 for i, k in enumerate(sorted(total)) if i % 7 == 0}
    sub3 = otl.buildPairPosGlyphsSubtable({k: val(v) for k, v in extra.items()}, gm)
    font["GPOS"] = build_gpos([extension([sub0, sub1, sub2]), extension([sub3])])
    del font["kern"]
    font.save(out)


def make_legacy(src, out):
    font = TTFont(src)
    del font["GPOS"]
    font.save(out)


def make_upper(src, out):
    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=range(0x41, 0x5B))
    sub.subset(font)
    font.save(out)


def make_broken(src, out):
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_kern_corpus import hostile
    from fontTools.ttLib.tables.DefaultTable import DefaultTable
    font = TTFont(src)
    table = DefaultTable("GPOS")
    table.data = hostile()["broken_coverage_offset.gpos"]
    font["GPOS"] = table
    font.save(out)


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    make_broken(src, os.path.join(outdir, "kern_broken_gpos.ttf"))
    make_legacy(src, os.path.join(outdir, "kern_legacy.ttf"))
    make_pairs(src, os.path.join(outdir, "kern_pairs.ttf"))
    make_upper(src, os.path.join(outdir, "kern_upper.ttf"))


if __name__ == "__main__":
    main()
