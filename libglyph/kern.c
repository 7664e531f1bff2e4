// Kerning of a rendered glyph set: per font of the chain, its GPOS 'kern'
// lookups or its legacy kern table, for the pairs of its selected glyphs.
//
// A shaper picks the lookups by the script of the text run. A pair takes the
// script of its first glyph's code point, or of the second when the first is
// common (punctuation, digits, space) or inherited (combining marks); two
// glyphs of different scripts never kern (they would be two runs). Per
// script: GPOS when its language system has a kern feature, else the kern
// table, as HarfBuzz decides. Unicode scripts and their OpenType tags come
// from HarfBuzz's Unicode functions; the tables are read by our own code.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hb.h>

#include "font_internal.h"
#include "glyph/error.h"
#include "kern.h"
#include "kern_internal.h"
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

int kern_over_budget(struct kern_work *w)
{
    snprintf(w->why, sizeof(w->why), "reading it would take more than %llu steps",
             (unsigned long long)w->max_steps);
    return GLYPH_ERR_RANGE;
}

int kern_fail(struct kern_work *w, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->why, sizeof(w->why), fmt, ap);
    va_end(ap);
    return err;
}

int kern_raw_add(struct kern_work *w, struct kern_raw_list *l, struct kern_raw r)
{
    if (l->n == l->cap) {
        if (l->cap >= KERN_MAX_RAW) {
            return kern_fail(w, GLYPH_ERR_RANGE, "more than %zu pairs", KERN_MAX_RAW);
        }
        size_t cap = l->cap < 1024 ? 1024 : l->cap * 2;
        struct kern_raw *v = glyph_realloc(w->ctx, l->v, cap * sizeof(*v));
        if (v == NULL) {
            return GLYPH_ERR_NOMEM;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = r;
    return 0;
}

// A code point of the font's share of the set.
struct entry {
    uint16_t gid;
    uint32_t cp;
    int group; // index into fontjob.groups, -1 for common/inherited/unknown
};

// A script of the selection and the lookups its language system names.
struct group {
    hb_script_t script;
    int gpos; // 1: its GPOS language system has a kern feature
    uint8_t lookups[8192];
};

struct fontjob {
    struct kern_work w;
    struct glyph_font *font;
    size_t findex;
    struct entry *e;
    size_t ne;
    uint16_t *gids;
    uint8_t *gclass;
    uint16_t *mark_attach;
    uint32_t *index; // per glyph id of the font
    uint32_t *first; // per selected glyph: its first entry; [n] = ne
    struct kern_sel sel;
    struct group *groups;
    size_t ngroups;
    struct group none; // pairs of common characters: DFLT
    struct kern_raw_list raw;
    uint8_t *tables[3]; // GPOS, GDEF, kern
    size_t lens[3];
};

// Accumulated code point pairs over all fonts, adjust in font units until
// scaled.
struct cp_pair {
    uint32_t left, right;
    int64_t value;
};

struct acc {
    struct cp_pair *v;
    size_t n, cap;
};

static int is_common(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return x->gid != y->gid ? (x->gid < y->gid ? -1 : 1) : (x->cp < y->cp ? -1 : x->cp > y->cp);
}

static int cmp_cp_pair(const void *a, const void *b)
{
    const struct cp_pair *x = a, *y = b;
    if (x->left != y->left) {
        return x->left < y->left ? -1 : 1;
    }
    return x->right < y->right ? -1 : x->right > y->right;
}

// Loads one SFNT table whole (NULL, 0 when the font has none).
static int load_table(struct fontjob *j, FT_ULong tag, uint8_t **out, size_t *len)
{
    FT_ULong n = 0;
    *out = NULL;
    *len = 0;
    if (FT_Load_Sfnt_Table(j->font->face, tag, 0, NULL, &n) != 0 || n == 0) {
        return 0;
    }
    *out = glyph_alloc(j->w.ctx, n);
    if (*out == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    if (FT_Load_Sfnt_Table(j->font->face, tag, 0, *out, &n) != 0) {
        glyph_free(j->w.ctx, *out);
        *out = NULL;
        return 0;
    }
    *len = n;
    return 0;
}

static int find_group(const struct fontjob *j, hb_script_t s)
{
    for (size_t g = 0; g < j->ngroups; g++) {
        if (j->groups[g].script == s) {
            return (int)g;
        }
    }
    return -1;
}

// The font's entries (sorted by glyph id), its selected glyphs and scripts.
static int collect_entries(struct fontjob *j, const struct glyph_info *glyphs, const FT_UInt *gids,
                           size_t count)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    size_t cap = 0;
    j->e = glyph_alloc_array(j->w.ctx, count, sizeof(*j->e));
    if (j->e == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        if (glyphs[i].font_index != j->findex || gids[i] == 0 ||
            gids[i] >= (FT_UInt)j->font->face->num_glyphs || gids[i] > UINT16_MAX) {
            continue;
        }
        hb_script_t s = hb_unicode_script(uf, glyphs[i].codepoint);
        int g = is_common(s) ? -1 : find_group(j, s);
        if (!is_common(s) && g < 0) {
            if (j->ngroups == cap) { // a few dozen scripts at most
                cap = cap < 4 ? 4 : cap * 2;
                struct group *ng = glyph_realloc(j->w.ctx, j->groups, cap * sizeof(*ng));
                if (ng == NULL) {
                    return GLYPH_ERR_NOMEM;
                }
                j->groups = ng;
            }
            g = (int)j->ngroups++;
            memset(&j->groups[g], 0, sizeof(j->groups[g]));
            j->groups[g].script = s;
        }
        j->e[j->ne++] = (struct entry){(uint16_t)gids[i], glyphs[i].codepoint, g};
    }
    qsort(j->e, j->ne, sizeof(*j->e), cmp_entry);
    return 0;
}

// Selected glyphs, their first entries and GDEF classes (or, without GDEF
// glyph classes, marks from the Unicode category, as HarfBuzz synthesizes).
static int build_sel(struct fontjob *j, const struct kern_gdef *gdef)
{
    size_t n = j->ne;
    j->gids = glyph_alloc_array(j->w.ctx, n, sizeof(*j->gids));
    j->gclass = glyph_calloc(j->w.ctx, n, 1);
    j->mark_attach = glyph_calloc(j->w.ctx, n, sizeof(*j->mark_attach));
    j->first = glyph_alloc_array(j->w.ctx, n + 1, sizeof(*j->first));
    size_t nindex = (size_t)j->font->face->num_glyphs;
    nindex = nindex > 65536 ? 65536 : nindex;
    j->index = glyph_calloc(j->w.ctx, nindex, sizeof(*j->index));
    if (j->gids == NULL || j->gclass == NULL || j->mark_attach == NULL || j->first == NULL ||
        j->index == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t g = j->e[i].gid; // below num_glyphs: FreeType's cmap checks it
        if (i == 0 || g != j->e[i - 1].gid) {
            j->gids[k] = g;
            j->first[k] = (uint32_t)i;
            j->index[g] = (uint32_t)++k;
            if (gdef->has_classes) {
                j->gclass[k - 1] = (uint8_t)otl_class_of(&gdef->t, &gdef->glyph_class, g);
            }
            j->mark_attach[k - 1] = otl_class_of(&gdef->t, &gdef->mark_attach, g);
        }
        if (!gdef->has_classes && hb_unicode_general_category(uf, j->e[i].cp) ==
                                      HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK) {
            j->gclass[k - 1] = KERN_CLASS_MARK;
        }
    }
    j->first[k] = (uint32_t)n;
    j->sel = (struct kern_sel){k, j->gids, j->gclass, j->mark_attach, j->index, nindex};
    return 0;
}

// Which lookups each script's language system names; the raw GPOS pairs of
// their union. Returns 0 or the error that makes GPOS unusable.
static int gpos_pairs(struct fontjob *j, const struct kern_gdef *gdef)
{
    struct kern_gpos g;
    int err = kern_gpos_open(&j->w, &g, j->tables[0], j->lens[0]);
    uint8_t *all = err == 0 ? glyph_calloc(j->w.ctx, 8192, 1) : NULL;
    if (err == 0 && all == NULL) {
        err = GLYPH_ERR_NOMEM;
    }
    for (size_t s = 0; err == 0 && s <= j->ngroups; s++) {
        struct group *gr = s < j->ngroups ? &j->groups[s] : &j->none;
        hb_tag_t tags[HB_OT_MAX_TAGS_PER_SCRIPT];
        unsigned nt = HB_OT_MAX_TAGS_PER_SCRIPT;
        if (s < j->ngroups) {
            hb_ot_tags_from_script_and_language(gr->script, HB_LANGUAGE_INVALID, &nt, tags, NULL,
                                                NULL);
        } else {
            nt = 0;
        }
        memset(gr->lookups, 0, sizeof(gr->lookups));
        err = kern_gpos_kern_lookups(&j->w, &g, tags, nt, gr->lookups, &gr->gpos);
        for (size_t b = 0; err == 0 && b < ((size_t)g.nlookups + 7) / 8; b++) {
            all[b] |= gr->lookups[b];
        }
    }
    // Lookup indices past the list name nothing (shapers skip them).
    for (size_t li = 0; err == 0 && li < g.nlookups; li++) {
        if (all[li >> 3] & 1u << (li & 7)) {
            err = kern_gpos_lookup_pairs(&j->w, &g, gdef, &j->sel, (uint16_t)li, &j->raw);
        }
    }
    glyph_free(j->w.ctx, all);
    return err;
}

static void warn(struct fontjob *j, const char *table, int err, const char *then)
{
    glyph_log(j->w.ctx, GLYPH_LOG_WARN, "font %zu (%s): kerning: %s cannot be read (%s: %s)%s",
              j->findex, glyph_font_family(j->font), table, glyph_strerror(err), j->w.why, then);
}

static void no_gpos(struct fontjob *j)
{
    j->raw.n = 0;
    for (size_t s = 0; s < j->ngroups; s++) {
        j->groups[s].gpos = 0;
    }
    j->none.gpos = 0;
}

// Raw pairs from GPOS and, for scripts without GPOS kerning, the kern table.
static int read_tables(struct fontjob *j)
{
    struct kern_gdef gdef;
    int err = kern_gdef_open(&j->w, &gdef, j->tables[1], j->lens[1]);
    if (err < 0) {
        warn(j, "GDEF", err, "; glyph classes ignored");
        (void)kern_gdef_open(&j->w, &gdef, NULL, 0);
    }
    if ((err = build_sel(j, &gdef)) < 0) {
        return err;
    }
    int legacy = j->tables[0] == NULL;
    if (j->tables[0] != NULL && (err = gpos_pairs(j, &gdef)) < 0) {
        if (err == GLYPH_ERR_NOMEM) {
            return err;
        }
        warn(j, "GPOS", err, j->tables[2] != NULL ? "; using the kern table" : "; no kerning");
        no_gpos(j);
        j->w.steps = 0;
    }
    for (size_t s = 0; s <= j->ngroups; s++) {
        legacy |= !(s < j->ngroups ? j->groups[s].gpos : j->none.gpos);
    }
    if (legacy && j->tables[2] != NULL) {
        size_t keep = j->raw.n;
        err = kern_table_pairs(&j->w, j->tables[2], j->lens[2], &j->sel, &j->raw);
        if (err == GLYPH_ERR_NOMEM) {
            return err;
        }
        if (err < 0) {
            warn(j, "the kern table", err, "; its pairs are left out");
            j->raw.n = keep;
        }
    }
    return 0;
}

static int acc_add(struct acc *a, struct glyph_ctx *ctx, uint32_t l, uint32_t r, int64_t v)
{
    if (a->n == a->cap) {
        if (a->cap >= GLYPH_KERN_MAX_PAIRS * 4) {
            return GLYPH_ERR_RANGE;
        }
        size_t cap = a->cap < 1024 ? 1024 : a->cap * 2;
        struct cp_pair *p = glyph_realloc(ctx, a->v, cap * sizeof(*p));
        if (p == NULL) {
            return GLYPH_ERR_NOMEM;
        }
        a->v = p;
        a->cap = cap;
    }
    a->v[a->n++] = (struct cp_pair){l, r, v};
    return 0;
}

// 1 if raw pair r applies to code points a (left) and b (right).
static int applies(const struct fontjob *j, const struct kern_raw *r, const struct entry *a,
                   const struct entry *b)
{
    if (a->group >= 0 && b->group >= 0 && a->group != b->group) {
        return 0; // two scripts: two runs
    }
    int g = a->group >= 0 ? a->group : b->group;
    const struct group *gr = g >= 0 ? &j->groups[g] : &j->none;
    if (r->lookup == KERN_LOOKUP_LEGACY) {
        return !gr->gpos;
    }
    return gr->gpos && (gr->lookups[r->lookup >> 3] & 1u << (r->lookup & 7));
}

// Raw glyph pairs to code point pairs, font units scaled later.
static int expand(struct fontjob *j, struct acc *a)
{
    size_t start = a->n;
    for (size_t k = 0; k < j->raw.n; k++) {
        const struct kern_raw *r = &j->raw.v[k];
        for (size_t x = j->first[r->left]; x < j->first[r->left + 1]; x++) {
            for (size_t y = j->first[r->right]; y < j->first[r->right + 1]; y++) {
                if (!applies(j, r, &j->e[x], &j->e[y])) {
                    continue;
                }
                int err = acc_add(a, j->w.ctx, j->e[x].cp, j->e[y].cp, r->value);
                if (err < 0) {
                    a->n = start;
                    return err;
                }
            }
        }
    }
    return 0;
}

static void fontjob_finish(struct fontjob *j)
{
    struct glyph_ctx *ctx = j->w.ctx;
    glyph_free(ctx, j->e);
    glyph_free(ctx, j->groups);
    glyph_free(ctx, j->gids);
    glyph_free(ctx, j->gclass);
    glyph_free(ctx, j->mark_attach);
    glyph_free(ctx, j->index);
    glyph_free(ctx, j->first);
    glyph_free(ctx, j->raw.v);
    for (size_t t = 0; t < 3; t++) {
        glyph_free(ctx, j->tables[t]);
    }
}

// One font's pairs into `a`, values in font units.
static int font_pairs(struct fontjob *j, const struct glyph_info *glyphs, const FT_UInt *gids,
                      size_t count, struct acc *a)
{
    static const FT_ULong tags[3] = {TTAG_GPOS, TTAG_GDEF, TTAG_kern};
    int err = collect_entries(j, glyphs, gids, count);
    for (size_t t = 0; err == 0 && t < 3; t++) {
        err = load_table(j, tags[t], &j->tables[t], &j->lens[t]);
    }
    if (err < 0 || j->ne == 0 || (j->tables[0] == NULL && j->tables[2] == NULL)) {
        return err;
    }
    err = read_tables(j);
    if (err == 0) {
        err = expand(j, a);
        if (err == GLYPH_ERR_RANGE) {
            glyph_log(j->w.ctx, GLYPH_LOG_WARN,
                      "font %zu (%s): kerning: more than %zu pairs; no kerning from this font",
                      j->findex, glyph_font_family(j->font), GLYPH_KERN_MAX_PAIRS);
            err = 0;
        }
    }
    return err;
}

// v * scale / 65536, rounded half away from zero as FreeType's FT_MulFix,
// without overflow (|v| < 2^40, 0 < scale < 2^40), clamped to int32.
static int32_t scale_value(int64_t v, FT_Fixed scale)
{
    int neg = v < 0;
    uint64_t a = neg ? (uint64_t)-v : (uint64_t)v, b = (uint64_t)scale;
    uint64_t hi = a * (b >> 16), lo = (a * (b & 0xFFFF) + 0x8000) >> 16;
    uint64_t r = hi + lo;
    if (r > INT32_MAX) {
        r = INT32_MAX;
    }
    return neg ? -(int32_t)r : (int32_t)r;
}

// Sorts, sums pairs met twice (one font only ever supplies a code point, so
// only several lookups of one font meet), scales and drops zeros.
static int finish(struct glyph_ctx *ctx, struct acc *a, struct glyph_font *const *fonts,
                  const struct glyph_info *glyphs, size_t count, struct glyph_kern_pair **out,
                  size_t *nout)
{
    if (a->n > 0) { // a->v may be NULL
        qsort(a->v, a->n, sizeof(*a->v), cmp_cp_pair);
    }
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (n > 0 && a->v[n - 1].left == a->v[i].left && a->v[n - 1].right == a->v[i].right) {
            int64_t s = a->v[n - 1].value + a->v[i].value;
            a->v[n - 1].value = s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : s;
        } else {
            a->v[n++] = a->v[i];
        }
    }
    struct glyph_kern_pair *p = glyph_alloc_array(ctx, n, sizeof(*p));
    if (p == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    size_t k = 0, g = 0;
    for (size_t i = 0; i < n; i++) {
        while (g < count && glyphs[g].codepoint < a->v[i].left) {
            g++;
        }
        FT_Fixed scale = fonts[glyphs[g].font_index]->face->size->metrics.x_scale;
        int32_t adj = scale_value(a->v[i].value, scale);
        if (adj != 0 && k < GLYPH_KERN_MAX_PAIRS) {
            p[k++] = (struct glyph_kern_pair){a->v[i].left, a->v[i].right, adj};
        }
    }
    *out = p;
    *nout = k;
    return 0;
}

int glyph_kern_collect(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                       const struct glyph_info *glyphs, const FT_UInt *gids, size_t count,
                       struct glyph_kern_pair **out, size_t *nout)
{
    struct acc a = {NULL, 0, 0};
    int err = 0;
    *out = NULL;
    *nout = 0;
    for (size_t f = 0; err == 0 && f < nfonts; f++) {
        FT_Face face = fonts[f]->face;
        if (!FT_IS_SFNT(face) || !FT_IS_SCALABLE(face)) {
            continue;
        }
        struct fontjob j;
        memset(&j, 0, sizeof(j));
        j.w = (struct kern_work){ctx, 0, KERN_MAX_STEPS, ""};
        j.font = fonts[f];
        j.findex = f;
        err = font_pairs(&j, glyphs, gids, count, &a);
        fontjob_finish(&j);
    }
    if (err == 0) {
        err = finish(ctx, &a, fonts, glyphs, count, out, nout);
    }
    glyph_free(ctx, a.v);
    return err;
}
