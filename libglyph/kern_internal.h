// libglyph private: kerning readers. The GPOS reader (kern_gpos.c) and the
// legacy kern table reader (kern_table.c) turn a font's table bytes into raw
// pairs of selected glyphs in font units; kern.c chooses between them per
// script, scales the values and maps glyphs back to code points.
//
// The tables are hostile input: every count and offset is checked before use
// (otl.h), nothing recurses, and the work is bounded by a step budget and a
// cap on pairs, so that a crafted table costs at most a fraction of a second.
#ifndef GLYPH_KERN_INTERNAL_H
#define GLYPH_KERN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "context_internal.h"
#include "otl.h"

// Budget of one font's kerning: records read, coverage look-ups, matrix
// cells, claim checks (DejaVuSans, 439 glyphs: 8,600; about 0.6 s at the limit).
#define KERN_MAX_STEPS ((uint64_t)1 << 23)
// Raw pairs of one font (before script filtering); more is GLYPH_ERR_RANGE.
#define KERN_MAX_RAW ((size_t)1 << 22)
// `lookup` of pairs from the legacy kern table.
#define KERN_LOOKUP_LEGACY 0xFFFFu

// GDEF glyph classes (GDEF GlyphClassDef values).
enum kern_glyph_class {
    KERN_CLASS_NONE = 0,
    KERN_CLASS_BASE = 1,
    KERN_CLASS_LIGATURE = 2,
    KERN_CLASS_MARK = 3,
};

// The selected glyphs of one font: the glyph ids its code points map to.
struct kern_sel {
    size_t n;
    const uint16_t *gid;         // ascending, unique, never 0
    const uint8_t *gclass;       // enum kern_glyph_class per glyph
    const uint16_t *mark_attach; // GDEF mark attachment class per glyph
    const uint32_t *index;       // 1 + position in gid, 0 when not selected
    size_t index_len;            // entries in index (the font's glyph count)
};

// 1 + the position of glyph id `gid` in sel->gid, or 0 when not selected.
static inline uint32_t kern_sel_find(const struct kern_sel *sel, uint16_t gid)
{
    return gid < sel->index_len ? sel->index[gid] : 0;
}

// One pair of selected glyphs (positions in kern_sel.gid) from one lookup
// (or KERN_LOOKUP_LEGACY), value in font units.
struct kern_raw {
    uint16_t left, right;
    uint16_t lookup;
    int32_t value;
};

struct kern_raw_list {
    struct kern_raw *v;
    size_t n, cap;
};

// Shared state of one font's reading: the step budget and the reason of a
// failure ("GPOS lookup 3, subtable 1: class matrix past the end").
struct kern_work {
    struct glyph_ctx *ctx;
    uint64_t steps;
    uint64_t max_steps;
    char why[160];
};

// Counts `n` steps; GLYPH_ERR_RANGE (with why set) past the budget.
int kern_over_budget(struct kern_work *w);
static inline int kern_step(struct kern_work *w, uint64_t n)
{
    w->steps += n;
    return w->steps > w->max_steps ? kern_over_budget(w) : 0;
}
// Records a reason and returns `err`.
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int kern_fail(struct kern_work *w, int err, const char *fmt, ...);
// Appends a pair; GLYPH_ERR_RANGE past KERN_MAX_RAW, GLYPH_ERR_NOMEM.
int kern_raw_add(struct kern_work *w, struct kern_raw_list *l, struct kern_raw r);

// GDEF: glyph classes, mark attachment classes, mark glyph sets.
struct kern_gdef {
    struct otl_table t;
    int has_classes;
    struct otl_class glyph_class;
    struct otl_class mark_attach;
    size_t mark_sets; // position of MarkGlyphSetsDef, 0 when absent
    uint16_t nmark_sets;
};

// Opens GDEF (len 0: none). 0, or GLYPH_ERR_FONT_BROKEN with why set.
int kern_gdef_open(struct kern_work *w, struct kern_gdef *d, const uint8_t *p, size_t len);
// 1 if mark glyph set `set` covers gid (0 for a missing set).
int kern_gdef_mark_set_covers(const struct kern_gdef *d, uint16_t set, uint16_t gid);

// GPOS heads, validated by kern_gpos_open.
struct kern_gpos {
    struct otl_table t;
    size_t scripts, features, lookups;
    uint16_t nscripts, nfeatures, nlookups;
};

int kern_gpos_open(struct kern_work *w, struct kern_gpos *g, const uint8_t *p, size_t len);

// The lookups of the 'kern' features in the default language system of the
// first script found among `tags` (then DFLT, dflt, latn, as shapers fall
// back): bits set in `lookups` (65536 bits). *found = 1 when that language
// system has a kern feature (GPOS kerning applies), else 0 (the legacy kern
// table does). 0 or an error with why set.
int kern_gpos_kern_lookups(struct kern_work *w, const struct kern_gpos *g, const uint32_t *tags,
                           size_t ntags, uint8_t lookups[8192], int *found);

// Appends the pairs lookup `index` gives selected glyphs (pair adjustment and
// extension lookups; other types give none): per pair, the first subtable
// that matches it, value = XAdvance of the first glyph + XPlacement of the
// second. Glyphs the lookup flags skip (GDEF classes, mark sets) get no pair.
int kern_gpos_lookup_pairs(struct kern_work *w, const struct kern_gpos *g,
                           const struct kern_gdef *gdef, const struct kern_sel *sel, uint16_t index,
                           struct kern_raw_list *out);

// Legacy kern table (OpenType version 0 and Apple version 1, format 0
// subtables, horizontal and not cross-stream; values summed over subtables).
// Pairs whose second glyph is a mark are skipped (shapers look past marks
// for the second glyph). 0, or an error with why set.
int kern_table_pairs(struct kern_work *w, const uint8_t *p, size_t len, const struct kern_sel *sel,
                     struct kern_raw_list *out);

#endif
