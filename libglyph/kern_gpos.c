// GPOS kerning: the 'kern' feature's pair adjustment lookups (PairPos format
// 1, glyph pairs, and format 2, class pairs, also behind extension lookups),
// read the way shapers apply them to a two-glyph string: in each lookup the
// first subtable that matches the pair wins (a format 2 subtable matches
// every second glyph once the first is covered, class 0 included, as
// HarfBuzz 6 does), and the lookups' values add up.
#include <string.h>

#include "glyph/error.h"
#include "kern_internal.h"

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

// Lookup flags (OpenType LookupFlag).
enum {
    FLAG_IGNORE_BASE = 0x2,
    FLAG_IGNORE_LIGATURES = 0x4,
    FLAG_IGNORE_MARKS = 0x8,
    FLAG_MARK_SET = 0x10,
};

// One pair adjustment subtable, validated.
struct sub {
    uint16_t format; // 1 or 2; 0: a format no shaper applies (skipped)
    size_t base;
    struct otl_coverage cov;
    size_t len1;  // bytes of the first value record
    size_t xadv1; // offset of XAdvance in the first record, SIZE_MAX if absent
    size_t xpla2; // offset of XPlacement in the second record, SIZE_MAX if absent
    size_t rec;   // bytes per pair value record (format 1 with the glyph id)
    // Format 1.
    uint16_t nsets;
    size_t sets;
    // Format 2.
    struct otl_class cd1, cd2;
    uint16_t c1n, c2n;
    size_t values;
    uint16_t *order;  // selected glyphs by their class 2 (built when first needed)
    uint32_t *bucket; // c2n + 1 starts into order
    int claims_all;   // every selected glyph has a class 2 below c2n
};

struct lookup {
    uint16_t index;
    uint16_t flag;
    uint16_t mark_set;
    struct sub *subs;
    size_t nsubs;
};

// A subtable covering the current first glyph.
struct hit {
    const struct sub *s;
    uint16_t ci;    // coverage index
    uint16_t count; // format 1: records in the glyph's pair set
    size_t first;   // format 1: its first record
};

int kern_gpos_open(struct kern_work *w, struct kern_gpos *g, const uint8_t *p, size_t len)
{
    memset(g, 0, sizeof(*g));
    g->t.p = p;
    g->t.len = len;
    uint16_t major;
    if (otl_u16(&g->t, 0, &major) < 0 || major != 1) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: no version 1 header");
    }
    if (otl_follow16(&g->t, 0, 4, &g->scripts) < 0 || otl_follow16(&g->t, 0, 6, &g->features) < 0 ||
        otl_follow16(&g->t, 0, 8, &g->lookups) < 0 ||
        otl_u16(&g->t, g->scripts, &g->nscripts) < 0 ||
        otl_u16(&g->t, g->features, &g->nfeatures) < 0 ||
        otl_u16(&g->t, g->lookups, &g->nlookups) < 0 ||
        !otl_fits(&g->t, g->scripts + 2, g->nscripts, 6) ||
        !otl_fits(&g->t, g->features + 2, g->nfeatures, 6) ||
        !otl_fits(&g->t, g->lookups + 2, g->nlookups, 2)) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: script, feature or lookup list outside");
    }
    return 0;
}

// The Script table for `tag` (binary search, the list being sorted by tag),
// or 0 in *at when absent.
static int find_script(const struct kern_gpos *g, uint32_t tag, size_t *at)
{
    size_t lo = 0, hi = g->nscripts;
    *at = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t rec = g->scripts + 2 + mid * 6;
        uint32_t t = 0;
        (void)otl_u32(&g->t, rec, &t); // inside: checked by kern_gpos_open
        if (t == tag) {
            return otl_follow16(&g->t, g->scripts, rec + 4, at);
        }
        if (t < tag) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

// Sets the lookups of the kern features among the language system's features.
static int add_kern_features(struct kern_work *w, const struct kern_gpos *g, size_t langsys,
                             uint8_t lookups[8192], int *found)
{
    uint16_t nfi;
    if (otl_u16(&g->t, langsys + 4, &nfi) < 0 || !otl_fits(&g->t, langsys + 6, nfi, 2)) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: language system outside the table");
    }
    for (size_t i = 0; i < nfi; i++) {
        uint16_t fi = otl_u16_at(&g->t, langsys + 6 + i * 2);
        uint32_t tag = 0;
        size_t feature;
        if (fi >= g->nfeatures) {
            continue; // shapers skip a feature index past the list
        }
        size_t rec = g->features + 2 + (size_t)fi * 6;
        (void)otl_u32(&g->t, rec, &tag);
        if (tag != TAG('k', 'e', 'r', 'n')) {
            continue;
        }
        uint16_t nl;
        if (otl_follow16(&g->t, g->features, rec + 4, &feature) < 0 ||
            otl_u16(&g->t, feature + 2, &nl) < 0 || !otl_fits(&g->t, feature + 4, nl, 2)) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: feature %u outside the table", fi);
        }
        int err = kern_step(w, nl);
        if (err < 0) {
            return err;
        }
        *found = 1;
        for (size_t k = 0; k < nl; k++) {
            uint16_t li = otl_u16_at(&g->t, feature + 4 + k * 2);
            lookups[li >> 3] = (uint8_t)(lookups[li >> 3] | 1u << (li & 7));
        }
    }
    return 0;
}

int kern_gpos_kern_lookups(struct kern_work *w, const struct kern_gpos *g, const uint32_t *tags,
                           size_t ntags, uint8_t lookups[8192], int *found)
{
    static const uint32_t fallback[] = {TAG('D', 'F', 'L', 'T'), TAG('d', 'f', 'l', 't'),
                                        TAG('l', 'a', 't', 'n')};
    size_t script = 0;
    *found = 0;
    for (size_t i = 0; i < ntags + 3 && script == 0; i++) {
        if (find_script(g, i < ntags ? tags[i] : fallback[i - ntags], &script) < 0) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: script table outside");
        }
    }
    if (script == 0) {
        return 0;
    }
    uint16_t off;
    if (otl_u16(&g->t, script, &off) < 0) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: script table outside");
    }
    if (off == 0) {
        return 0; // no default language system: no features
    }
    size_t langsys;
    if (otl_follow16(&g->t, script, script, &langsys) < 0) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: language system outside the table");
    }
    return add_kern_features(w, g, langsys, lookups, found);
}

static int16_t s16(const struct otl_table *t, size_t at)
{
    return (int16_t)otl_u16_at(t, at);
}

// Offset of a value field in a record of `format`, or SIZE_MAX.
static size_t field_offset(uint16_t format, uint16_t bit)
{
    if ((format & bit) == 0) {
        return SIZE_MAX;
    }
    return 2u * (size_t)__builtin_popcount((unsigned)format & (bit - 1u));
}

// The pair's value from the two value records starting at `at`.
static int32_t pair_value(const struct otl_table *t, const struct sub *s, size_t at)
{
    int32_t v = 0;
    if (s->xadv1 != SIZE_MAX) {
        v += s16(t, at + s->xadv1);
    }
    if (s->xpla2 != SIZE_MAX) {
        v += s16(t, at + s->len1 + s->xpla2);
    }
    return v;
}

static int open_format1(const struct otl_table *t, struct sub *s)
{
    if (otl_u16(t, s->base + 8, &s->nsets) < 0 || !otl_fits(t, s->base + 10, s->nsets, 2)) {
        return -1;
    }
    s->sets = s->base + 10;
    s->rec += 2; // the second glyph id
    return 0;
}

static int open_format2(const struct otl_table *t, struct sub *s)
{
    size_t cd1, cd2;
    if (otl_follow16(t, s->base, s->base + 8, &cd1) < 0 ||
        otl_follow16(t, s->base, s->base + 10, &cd2) < 0 || otl_class_open(t, cd1, &s->cd1) < 0 ||
        otl_class_open(t, cd2, &s->cd2) < 0 || otl_u16(t, s->base + 12, &s->c1n) < 0 ||
        otl_u16(t, s->base + 14, &s->c2n) < 0) {
        return -1;
    }
    s->values = s->base + 16;
    // 65535 x 65535 records of up to 32 bytes: the product fits 64 bits.
    return s->rec == 0 || otl_fits(t, s->values, (uint64_t)s->c1n * s->c2n, s->rec) ? 0 : -1;
}

// Reads a pair adjustment subtable's header at `base`.
static int open_sub(const struct otl_table *t, size_t base, struct sub *s)
{
    memset(s, 0, sizeof(*s));
    s->base = base;
    uint16_t vf1, vf2;
    size_t cov;
    if (otl_u16(t, base, &s->format) < 0) {
        return -1;
    }
    if (s->format != 1 && s->format != 2) {
        s->format = 0;
        return 0;
    }
    if (otl_follow16(t, base, base + 2, &cov) < 0 || otl_coverage_open(t, cov, &s->cov) < 0 ||
        otl_u16(t, base + 4, &vf1) < 0 || otl_u16(t, base + 6, &vf2) < 0) {
        return -1;
    }
    s->len1 = 2u * (size_t)__builtin_popcount(vf1);
    s->rec = s->len1 + 2u * (size_t)__builtin_popcount(vf2);
    s->xadv1 = field_offset(vf1, 0x4);
    s->xpla2 = field_offset(vf2, 0x1);
    return s->format == 1 ? open_format1(t, s) : open_format2(t, s);
}

// Finds the subtable behind extension subtable `base` (lookup type 9).
static int follow_extension(struct kern_work *w, const struct otl_table *t, size_t base,
                            uint16_t li, size_t *to)
{
    uint16_t format, type;
    uint32_t off;
    if (otl_u16(t, base, &format) < 0 || otl_u16(t, base + 2, &type) < 0 ||
        otl_u32(t, base + 4, &off) < 0 || format != 1 || off > t->len - base) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS lookup %u: extension outside the table",
                         li);
    }
    if (type != 2) {
        // An extension of an extension would be a cycle; other types mixed
        // into a pair lookup make it malformed, as shapers see it.
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN,
                         "GPOS lookup %u: extension to lookup type %u in a pair lookup", li, type);
    }
    *to = base + off;
    return 0;
}

static void free_lookup(struct glyph_ctx *ctx, struct lookup *lk)
{
    for (size_t i = 0; lk->subs != NULL && i < lk->nsubs; i++) {
        glyph_free(ctx, lk->subs[i].order);
        glyph_free(ctx, lk->subs[i].bucket);
    }
    glyph_free(ctx, lk->subs);
}

// Reads lookup `li`; lk->nsubs stays 0 for lookups that are not pair
// adjustments.
static int open_lookup(struct kern_work *w, const struct kern_gpos *g, uint16_t li,
                       struct lookup *lk)
{
    const struct otl_table *t = &g->t;
    size_t at;
    uint16_t type, n;
    memset(lk, 0, sizeof(*lk));
    lk->index = li;
    if (otl_follow16(t, g->lookups, g->lookups + 2 + (size_t)li * 2, &at) < 0 ||
        otl_u16(t, at, &type) < 0 || otl_u16(t, at + 2, &lk->flag) < 0 ||
        otl_u16(t, at + 4, &n) < 0 || !otl_fits(t, at + 6, n, 2) ||
        ((lk->flag & FLAG_MARK_SET) && otl_u16(t, at + 6 + (size_t)n * 2, &lk->mark_set) < 0)) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS lookup %u: outside the table", li);
    }
    if ((type != 2 && type != 9) || n == 0) {
        return 0;
    }
    int err = kern_step(w, n);
    if (err < 0) {
        return err;
    }
    lk->subs = glyph_calloc(w->ctx, n, sizeof(*lk->subs));
    if (lk->subs == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    lk->nsubs = n;
    for (size_t i = 0; i < n; i++) {
        size_t base;
        if (otl_follow16(t, at, at + 6 + i * 2, &base) < 0) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS lookup %u: subtable outside", li);
        }
        if (type == 9 && (err = follow_extension(w, t, base, li, &base)) < 0) {
            return err;
        }
        if (open_sub(t, base, &lk->subs[i]) < 0) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN,
                             "GPOS lookup %u, subtable %zu: runs past the end of the table", li, i);
        }
    }
    return 0;
}

// 1 if the lookup's flags make it skip selected glyph `i`.
static int skipped(const struct lookup *lk, const struct kern_gdef *gdef,
                   const struct kern_sel *sel, size_t i)
{
    switch (sel->gclass[i]) {
    case KERN_CLASS_BASE:
        return (lk->flag & FLAG_IGNORE_BASE) != 0;
    case KERN_CLASS_LIGATURE:
        return (lk->flag & FLAG_IGNORE_LIGATURES) != 0;
    case KERN_CLASS_MARK:
        if (lk->flag & FLAG_IGNORE_MARKS) {
            return 1;
        }
        if (lk->flag & FLAG_MARK_SET) {
            return !kern_gdef_mark_set_covers(gdef, lk->mark_set, sel->gid[i]);
        }
        return (lk->flag >> 8) != 0 && (lk->flag >> 8) != sel->mark_attach[i];
    default:
        return 0;
    }
}

// The PairSet of coverage index ci: its record count and first record.
static int pair_set(struct kern_work *w, const struct otl_table *t, const struct sub *s,
                    uint16_t ci, uint16_t *count, size_t *first)
{
    size_t at;
    *count = 0;
    if (ci >= s->nsets) {
        return 0; // shapers read a missing set as empty
    }
    if (otl_follow16(t, s->base, s->sets + (size_t)ci * 2, &at) < 0 || otl_u16(t, at, count) < 0 ||
        !otl_fits(t, at + 2, *count, s->rec)) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GPOS: pair set outside the table");
    }
    *first = at + 2;
    return 0;
}

// The record for second glyph `gid` in a pair set (binary search), or SIZE_MAX.
static size_t set_find(const struct otl_table *t, const struct sub *s, uint16_t count, size_t first,
                       uint16_t gid)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint16_t g = otl_u16_at(t, first + mid * s->rec);
        if (g == gid) {
            return first + mid * s->rec;
        }
        if (g < gid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return SIZE_MAX;
}

// 1 if subtable h (covering the first glyph `left`) applies to the pair with
// second glyph `right`, 0 if not, or an error.
static int matches(struct kern_work *w, const struct otl_table *t, const struct hit *h,
                   uint16_t left, uint16_t right)
{
    const struct sub *s = h->s;
    int err = kern_step(w, 1);
    if (err < 0) {
        return err;
    }
    if (s->format == 2) {
        return otl_class_of(t, &s->cd1, left) < s->c1n && otl_class_of(t, &s->cd2, right) < s->c2n;
    }
    return h->count > 0 && set_find(t, s, h->count, h->first, right) != SIZE_MAX;
}

// 1 if an earlier subtable covering the first glyph claimed the pair.
static int claimed(struct kern_work *w, const struct otl_table *t, const struct hit *hits,
                   size_t before, uint16_t left, uint16_t right)
{
    for (size_t k = 0; k < before; k++) {
        int m = matches(w, t, &hits[k], left, right);
        if (m != 0) {
            return m;
        }
    }
    return 0;
}

struct pass {
    struct kern_work *w;
    const struct kern_gpos *g;
    const struct kern_gdef *gdef;
    const struct kern_sel *sel;
    struct lookup *lk;
    struct kern_raw_list *out;
    struct hit *hits;
    size_t nhits;
};

static int emit(struct pass *p, size_t h, size_t li, size_t ri, int32_t v)
{
    int c = h > 0 ? claimed(p->w, &p->g->t, p->hits, h, p->sel->gid[li], p->sel->gid[ri]) : 0;
    if (c != 0 || v == 0) {
        return c < 0 ? c : 0;
    }
    struct kern_raw r = {(uint16_t)li, (uint16_t)ri, p->lk->index, v};
    return kern_raw_add(p->w, p->out, r);
}

// Pairs of glyph pairs subtable hits[h] for selected first glyph li.
static int pairs_format1(struct pass *p, size_t h, size_t li)
{
    const struct otl_table *t = &p->g->t;
    const struct sub *s = p->hits[h].s;
    uint16_t count = p->hits[h].count;
    size_t first = p->hits[h].first;
    int err = kern_step(p->w, count);
    if (err < 0) {
        return err;
    }
    for (size_t e = 0; e < count; e++) {
        size_t at = first + e * s->rec;
        uint16_t right = otl_u16_at(t, at);
        uint32_t ri = kern_sel_find(p->sel, right);
        // A duplicate second glyph: only the record a shaper's search finds.
        if (ri == 0 || skipped(p->lk, p->gdef, p->sel, ri - 1) ||
            set_find(t, s, count, first, right) != at) {
            continue;
        }
        err = emit(p, h, li, ri - 1, pair_value(t, s, at + 2));
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

// Sorts the selected glyphs by their class in ClassDef2 (counting sort);
// glyphs whose class is c2n or more (hostile tables) are left out.
static int build_buckets(struct pass *p, struct sub *s)
{
    size_t n = p->sel->n;
    int err = kern_step(p->w, n + s->c2n);
    if (err < 0) {
        return err;
    }
    s->bucket = glyph_calloc(p->w->ctx, (size_t)s->c2n + 1, sizeof(*s->bucket));
    s->order = glyph_alloc_array(p->w->ctx, n, sizeof(*s->order));
    uint16_t *cls = glyph_alloc_array(p->w->ctx, n, sizeof(*cls));
    if (s->bucket == NULL || s->order == NULL || cls == NULL) {
        glyph_free(p->w->ctx, cls);
        return GLYPH_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        cls[i] = otl_class_of(&p->g->t, &s->cd2, p->sel->gid[i]);
        if (cls[i] < s->c2n) {
            s->bucket[cls[i] + 1]++;
        }
    }
    for (size_t c = 0; c < s->c2n; c++) {
        s->bucket[c + 1] += s->bucket[c];
    }
    uint32_t *next = glyph_alloc_array(p->w->ctx, s->c2n > 0 ? s->c2n : 1, sizeof(*next));
    if (next == NULL) {
        glyph_free(p->w->ctx, cls);
        return GLYPH_ERR_NOMEM;
    }
    memcpy(next, s->bucket, (size_t)s->c2n * sizeof(*next));
    for (size_t i = 0; i < n; i++) {
        if (cls[i] < s->c2n) {
            s->order[next[cls[i]]++] = (uint16_t)i;
        }
    }
    glyph_free(p->w->ctx, next);
    glyph_free(p->w->ctx, cls);
    s->claims_all = s->bucket[s->c2n] == n;
    return 0;
}

// Pairs of class pairs subtable hits[h] for selected first glyph li: the
// row of its class, cell by cell, each non-zero cell to its glyphs. *all = 1
// when the subtable matches every second glyph (later ones get none).
static int pairs_format2(struct pass *p, size_t h, size_t li, int *all)
{
    const struct otl_table *t = &p->g->t;
    struct sub *s = (struct sub *)p->hits[h].s;
    uint16_t c1 = otl_class_of(t, &s->cd1, p->sel->gid[li]);
    if (c1 >= s->c1n) {
        return 0;
    }
    int err = s->bucket == NULL ? build_buckets(p, s) : 0;
    if (err < 0 || (err = kern_step(p->w, s->c2n)) < 0) {
        return err;
    }
    *all = s->claims_all;
    if (s->rec == 0) {
        return 0;
    }
    size_t row = s->values + (size_t)c1 * s->c2n * s->rec;
    for (size_t c2 = 0; c2 < s->c2n; c2++) {
        int32_t v = pair_value(t, s, row + c2 * s->rec);
        if (v == 0) {
            continue;
        }
        for (size_t k = s->bucket[c2]; k < s->bucket[c2 + 1]; k++) {
            size_t ri = s->order[k];
            if (!skipped(p->lk, p->gdef, p->sel, ri) && (err = emit(p, h, li, ri, v)) < 0) {
                return err;
            }
        }
    }
    return 0;
}

// The subtables covering selected glyph li, in order, then their pairs.
static int pairs_of_left(struct pass *p, size_t li)
{
    const struct otl_table *t = &p->g->t;
    uint16_t left = p->sel->gid[li];
    int err = kern_step(p->w, p->lk->nsubs);
    if (err < 0) {
        return err;
    }
    p->nhits = 0;
    for (size_t i = 0; i < p->lk->nsubs; i++) {
        const struct sub *s = &p->lk->subs[i];
        long ci = s->format != 0 ? otl_coverage_index(t, &s->cov, left) : -1;
        if (ci < 0 || ci > UINT16_MAX) {
            continue;
        }
        struct hit *h = &p->hits[p->nhits++];
        *h = (struct hit){s, (uint16_t)ci, 0, 0};
        if (s->format == 1 && (err = pair_set(p->w, t, s, h->ci, &h->count, &h->first)) < 0) {
            return err;
        }
    }
    int all = 0;
    for (size_t h = 0; h < p->nhits && !all; h++) {
        err = p->hits[h].s->format == 1 ? pairs_format1(p, h, li) : pairs_format2(p, h, li, &all);
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

int kern_gpos_lookup_pairs(struct kern_work *w, const struct kern_gpos *g,
                           const struct kern_gdef *gdef, const struct kern_sel *sel, uint16_t index,
                           struct kern_raw_list *out)
{
    if (index >= g->nlookups) {
        return 0; // shapers skip a lookup index past the list
    }
    struct lookup lk;
    int err = open_lookup(w, g, index, &lk);
    struct pass p = {w, g, gdef, sel, &lk, out, NULL, 0};
    if (err == 0 && lk.nsubs > 0) {
        p.hits = glyph_alloc_array(w->ctx, lk.nsubs, sizeof(*p.hits));
        err = p.hits == NULL ? GLYPH_ERR_NOMEM : 0;
    }
    for (size_t li = 0; err == 0 && lk.nsubs > 0 && li < sel->n; li++) {
        if (!skipped(&lk, gdef, sel, li)) {
            err = pairs_of_left(&p, li);
        }
    }
    glyph_free(w->ctx, p.hits);
    free_lookup(w->ctx, &lk);
    return err;
}
