// fontpack: every packed bitmap unpacks to the set's levels (tight) or to a
// cell computed here from the glyph's bearings and the set's extent (cell:
// nothing clipped, the advance kept), for every bpp x
// layout x bit order x alignment; identical bitmaps are stored once, and the
// unique count equals a count of distinct byte strings made here.
#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/fontpack.h"

static const uint32_t set_b[][2] = {{0x20, 0x7E}, {0xA0, 0x17F}, {0x370, 0x3FF}, {0x400, 0x4FF}};

static struct glyph_set *render(struct glyph_ctx *ctx, struct glyph_font *font,
                                const struct glyph_charset *cs, unsigned size, unsigned bpp)
{
    struct glyph_render_opts o = {.size_px = size, .bpp = bpp};
    struct glyph_set *set = NULL;
    int err = glyph_set_render(ctx, &font, 1, cs, &o, &set);
    CHECK(err == 0, "render %u px %u bpp: %s", size, bpp, glyph_error_name(err));
    return set;
}

// The expected cell of a set: the line, grown to every bitmap's rows.
struct cell_rows {
    int32_t top;     // rows above the baseline
    uint32_t height; // rows
};

static struct cell_rows cell_rows_oracle(const struct glyph_set *set)
{
    const struct glyph_set_metrics *m = glyph_set_metrics(set);
    int32_t top = m->ascender, bottom = m->descender;
    for (size_t i = 0; i < glyph_set_count(set); i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        if (g->width != 0) {
            top = g->top > top ? g->top : top;
            bottom = g->top - (int32_t)g->height < bottom ? g->top - (int32_t)g->height : bottom;
        }
    }
    return (struct cell_rows){top, (uint32_t)(top - bottom)};
}

// The expected box of glyph g: tight, or its cell (pen to advance, grown to
// the bitmap's columns).
static void box_oracle(const struct glyph_info *g, const struct cell_rows *cr, int cell,
                       int32_t *left, int32_t *top, uint32_t *w, uint32_t *h)
{
    *left = g->left;
    *top = g->top;
    *w = g->width;
    *h = g->height;
    if (cell) {
        int32_t x0 = g->width != 0 && g->left < 0 ? g->left : 0;
        int32_t x1 = g->width != 0 && g->left + (int32_t)g->width > g->advance
                         ? g->left + (int32_t)g->width
                         : g->advance;
        *left = x0;
        *top = cr->top;
        *w = (uint32_t)(x1 - x0);
        *h = *w != 0 ? cr->height : 0;
    }
}

// Level of the glyph at box pixel (x, y) of a box placed at (left, top).
static uint8_t level_at(const struct glyph_info *g, int32_t left, int32_t top, uint32_t x,
                        uint32_t y)
{
    int64_t gx = (int64_t)left + x - g->left, gy = (int64_t)g->top - top + y;
    if (gx < 0 || gy < 0 || gx >= g->width || gy >= g->height) {
        return 0;
    }
    return g->levels[gy * g->width + gx];
}

static unsigned ink_sum(const uint8_t *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) {
        s += p[i];
    }
    return s;
}

static void check_glyph(const struct glyph_fontpack *p, const struct glyph_set *set, size_t i,
                        const struct cell_rows *cr, const char *what)
{
    const struct glyph_info *g = glyph_set_glyph(set, i);
    const struct glyph_packed_glyph *pg = &p->glyphs[i];
    CHECK(pg->codepoint == g->codepoint && pg->advance == g->advance &&
              pg->font_index == g->font_index,
          "%s U+%04X identity", what, g->codepoint);
    int32_t left, top;
    uint32_t w, h;
    box_oracle(g, cr, p->opts.cell, &left, &top, &w, &h);
    if (w == 0 || h == 0) {
        CHECK(pg->width == 0 && pg->height == 0 && pg->size == 0, "%s U+%04X blank", what,
              g->codepoint);
        return;
    }
    CHECK(pg->width == w && pg->height == h, "%s U+%04X size %ux%u want %ux%u", what, g->codepoint,
          pg->width, pg->height, w, h);
    CHECK(pg->left == left && pg->top == top, "%s U+%04X bearings %d,%d want %d,%d", what,
          g->codepoint, pg->left, pg->top, left, top);
    CHECK(pg->size == glyph_pack_size(&p->opts.fmt, w, h) && pg->offset + pg->size <= p->data_len,
          "%s U+%04X extent", what, g->codepoint);
    if (pg->width != w || pg->height != h || pg->offset + pg->size > p->data_len) {
        return;
    }
    uint8_t *plane = malloc((size_t)w * h);
    int err = glyph_unpack_plane(&p->opts.fmt, p->data + pg->offset, pg->size, w, h, plane, w);
    CHECK(err == 0, "%s unpack", what);
    unsigned bad = 0;
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            bad += plane[y * w + x] != level_at(g, left, top, x, y);
        }
    }
    CHECK(bad == 0, "%s U+%04X: %u pixels differ after unpack", what, g->codepoint, bad);
    // Nothing clipped: the box holds all of the glyph's ink.
    CHECK(ink_sum(plane, (size_t)w * h) == ink_sum(g->levels, (size_t)g->width * g->height),
          "%s U+%04X: ink lost", what, g->codepoint);
    free(plane);
}

static void test_round_trip_all_formats(struct glyph_ctx *ctx, struct glyph_font *font,
                                        const struct glyph_charset *cs)
{
    static const unsigned bpps[] = {1, 2, 4, 8};
    static const unsigned aligns[] = {0, 1, 2};
    for (size_t b = 0; b < 4; b++) {
        struct glyph_set *set = render(ctx, font, cs, 15, bpps[b]);
        if (set == NULL) {
            continue;
        }
        struct cell_rows cr = cell_rows_oracle(set);
        const struct glyph_set_metrics *m = glyph_set_metrics(set);
        // DejaVuSans set B reaches past the line (accented capitals): the
        // cell must grow, which is what this set exercises.
        CHECK(cr.top > m->ascender && (int32_t)cr.height > m->line_height, "cell %d/%u, line %d/%d",
              cr.top, cr.height, m->ascender, m->line_height);
        for (int layout = 0; layout < 2; layout++) {
            for (int order = 0; order < 2; order++) {
                for (size_t a = 0; a < 3; a++) {
                    for (int cell = 0; cell < 2; cell++) {
                        if (layout == GLYPH_LAYOUT_PAGES && aligns[a] == 0) {
                            continue;
                        }
                        struct glyph_fontpack_opts o = {.fmt = {bpps[b], (enum glyph_layout)layout,
                                                                (enum glyph_bit_order)order,
                                                                aligns[a]},
                                                        .cell = cell};
                        struct glyph_fontpack *p = NULL;
                        char what[64];
                        snprintf(what, sizeof(what), "bpp%u l%d o%d a%u c%d", bpps[b], layout,
                                 order, aligns[a], cell);
                        int err = glyph_fontpack_create(ctx, set, &o, &p);
                        CHECK(err == 0, "%s: %s", what, glyph_error_name(err));
                        if (err != 0) {
                            continue;
                        }
                        CHECK(p->count == glyph_set_count(set), "%s count", what);
                        CHECK(p->cell_height == (cell ? cr.height : 0) &&
                                  p->cell_baseline == (cell ? cr.top : 0),
                              "%s cell rows %u/%d", what, p->cell_height, p->cell_baseline);
                        for (size_t i = 0; i < p->count; i++) {
                            check_glyph(p, set, i, &cr, what);
                        }
                        glyph_fontpack_destroy(p);
                    }
                }
            }
        }
        glyph_set_destroy(set);
    }
}

struct blob {
    const uint8_t *p;
    size_t n;
    size_t offset;
};

static int cmp_blob(const void *a, const void *b)
{
    const struct blob *x = a, *y = b;
    if (x->n != y->n) {
        return x->n < y->n ? -1 : 1;
    }
    return memcmp(x->p, y->p, x->n);
}

// The oracle: distinct byte strings among the glyphs' bitmaps, by sorting.
static void test_dedupe_counts_distinct_bitmaps(struct glyph_ctx *ctx, struct glyph_font *font,
                                                const struct glyph_charset *cs)
{
    struct glyph_set *set = render(ctx, font, cs, 16, 4);
    struct glyph_fontpack_opts o = {.fmt = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                    .cell = 0};
    struct glyph_fontpack *p = NULL;
    CHECK(set != NULL && glyph_fontpack_create(ctx, set, &o, &p) == 0, "pack");
    if (p == NULL) {
        glyph_set_destroy(set);
        return;
    }
    struct blob *blobs = calloc(p->count, sizeof(*blobs));
    size_t nb = 0;
    uint8_t *scratch = malloc(1 << 16);
    for (size_t i = 0; i < p->count; i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        if (g->width == 0) {
            continue;
        }
        // Pack independently of the fontpack to check its stored bytes.
        size_t n = glyph_pack_size(&o.fmt, g->width, g->height);
        CHECK(glyph_pack_plane(&o.fmt, g->levels, g->width, g->width, g->height, scratch, n) == 0,
              "pack_plane");
        CHECK(memcmp(scratch, p->data + p->glyphs[i].offset, n) == 0, "U+%04X stored bytes",
              g->codepoint);
        blobs[nb++] = (struct blob){p->data + p->glyphs[i].offset, n, p->glyphs[i].offset};
    }
    qsort(blobs, nb, sizeof(*blobs), cmp_blob);
    size_t distinct = 0, bytes = 0;
    for (size_t i = 0; i < nb; i++) {
        if (i == 0 || cmp_blob(&blobs[i - 1], &blobs[i]) != 0) {
            distinct++;
            bytes += blobs[i].n;
        } else {
            CHECK(blobs[i - 1].offset == blobs[i].offset, "equal bitmaps stored twice");
        }
    }
    CHECK(p->unique_bitmaps == distinct, "unique %zu, distinct %zu", p->unique_bitmaps, distinct);
    CHECK(p->data_len == bytes, "data_len %zu, want %zu", p->data_len, bytes);
    CHECK(distinct < nb, "expected duplicates in DejaVuSans set B (%zu of %zu)", distinct, nb);
    // Latin A, Greek Alpha and Cyrillic A are drawn alike in DejaVu Sans.
    const struct glyph_info *a = glyph_set_find(set, 'A'), *alpha = glyph_set_find(set, 0x391),
                            *cyr = glyph_set_find(set, 0x410);
    if (a && alpha && cyr && a->width == alpha->width && a->height == alpha->height &&
        memcmp(a->levels, alpha->levels, a->width * a->height) == 0) {
        size_t ia = (size_t)(a - glyph_set_glyph(set, 0)),
               ib = (size_t)(alpha - glyph_set_glyph(set, 0));
        CHECK(p->glyphs[ia].offset == p->glyphs[ib].offset, "A and Alpha not shared");
    }
    // Space and no-break space: blank, no bytes.
    const struct glyph_packed_glyph *sp = &p->glyphs[0];
    CHECK(sp->codepoint == 0x20 && sp->size == 0 && sp->width == 0, "space is blank");
    printf("dedupe: %zu glyphs, %zu non-empty, %zu unique, %zu bytes\n", p->count, nb, distinct,
           bytes);
    free(scratch);
    free(blobs);
    glyph_fontpack_destroy(p);
    glyph_set_destroy(set);
}

static void test_fontpack_rejects_bad_options(struct glyph_ctx *ctx, struct glyph_font *font,
                                              const struct glyph_charset *cs)
{
    struct glyph_set *set = render(ctx, font, cs, 12, 4);
    struct glyph_fontpack *p = NULL;
    struct glyph_fontpack_opts o = {.fmt = {2, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                    .cell = 0};
    CHECK(glyph_fontpack_create(ctx, set, &o, &p) == GLYPH_ERR_INVALID_ARG && p == NULL,
          "bpp mismatch");
    o.fmt.bpp = 4;
    o.fmt.row_align = 3;
    CHECK(glyph_fontpack_create(ctx, set, &o, &p) == GLYPH_ERR_INVALID_ARG, "align 3");
    o.fmt.row_align = 1;
    o.cell = 3;
    CHECK(glyph_fontpack_create(ctx, set, &o, &p) == GLYPH_ERR_INVALID_ARG, "cell 3");
    o.cell = -1;
    CHECK(glyph_fontpack_create(ctx, set, &o, &p) == GLYPH_ERR_INVALID_ARG, "cell -1");
    CHECK(glyph_fontpack_create(ctx, set, NULL, &p) == GLYPH_ERR_INVALID_ARG, "NULL opts");
    glyph_fontpack_destroy(NULL);
    glyph_set_destroy(set);
}

// The pack outlives the set and the font.
static void test_fontpack_independent_of_set(struct glyph_ctx *ctx, const struct glyph_charset *cs)
{
    struct glyph_font *font = NULL;
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSerif.ttf"), 0, &font) == 0, "open");
    struct glyph_set *set = render(ctx, font, cs, 10, 8);
    struct glyph_fontpack_opts o = {.fmt = {8, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                    .cell = 1};
    struct glyph_fontpack *p = NULL;
    CHECK(glyph_fontpack_create(ctx, set, &o, &p) == 0, "pack");
    glyph_set_destroy(set);
    glyph_font_destroy(font);
    CHECK(p != NULL && strcmp(p->metrics.family, "DejaVu Serif") == 0, "family after destroy");
    glyph_fontpack_destroy(p);
}

int main(void)
{
    struct glyph_ctx *ctx;
    struct glyph_font *font;
    if (open_sans(&ctx, &font) != 0) {
        return 1;
    }
    struct log_capture lc = {0};
    glyph_ctx_set_log(ctx, capture_log, &lc, GLYPH_LOG_DEBUG);
    struct glyph_charset *cs = glyph_charset_create(ctx);
    for (size_t r = 0; r < 4; r++) {
        CHECK(glyph_charset_add_range(cs, set_b[r][0], set_b[r][1]) == 0, "range");
    }
    test_round_trip_all_formats(ctx, font, cs);
    test_dedupe_counts_distinct_bitmaps(ctx, font, cs);
    test_fontpack_rejects_bad_options(ctx, font, cs);
    test_fontpack_independent_of_set(ctx, cs);
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
