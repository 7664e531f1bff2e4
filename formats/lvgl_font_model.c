// The model both LVGL font emitters write: glyph boxes trimmed to their
// ink, LVGL's line metrics, every bitmap in the encoding that makes the
// output smallest, and the cmap split.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "lvgl_font_model.h"

unsigned lvgl_signed_bits(int32_t v)
{
    unsigned n = 1;
    while (n < 32 && (v < -((int64_t)1 << (n - 1)) || v >= ((int64_t)1 << (n - 1)))) {
        n++;
    }
    return n;
}

unsigned lvgl_unsigned_bits(uint32_t v)
{
    unsigned n = 0;
    while (n < 32 && (v >> n) != 0) {
        n++;
    }
    return n;
}

// A glyph's levels, trimmed to its ink: w x h values, pitch w.
struct ink {
    uint8_t *levels;  // sized for the largest glyph so far, and 8 more
    uint8_t *scratch; // as large: the prefiltered values
    size_t cap;
    uint32_t w, h;
    int32_t left, top; // as glyph_info, of the trimmed box
};

// Makes room for n values (and 64 more: the RLE reads 64 values at a time).
static int ink_reserve(struct ink *k, size_t n)
{
    if (n <= k->cap) {
        return 0;
    }
    uint8_t *p = realloc(k->levels, n + 64), *q = p != NULL ? realloc(k->scratch, n + 64) : NULL;
    if (p != NULL) {
        k->levels = p;
    }
    if (q == NULL) {
        return FMT_ERR_NOMEM;
    }
    memset(p, 0, n + 64);
    memset(q, 0, n + 64);
    k->scratch = q;
    k->cap = n;
    return 0;
}

static int row_blank(const uint8_t *row, uint32_t w)
{
    for (uint32_t x = 0; x < w; x++) {
        if (row[x] != 0) {
            return 0;
        }
    }
    return 1;
}

static int col_blank(const uint8_t *levels, uint32_t pitch, uint32_t x, uint32_t y0, uint32_t y1)
{
    for (uint32_t y = y0; y < y1; y++) {
        if (levels[(size_t)y * pitch + x] != 0) {
            return 0;
        }
    }
    return 1;
}

// The ink box of glyph g (blank rows and columns at the border dropped)
// into g's record fields box_w, box_h, ink_x, ink_y.
static void find_ink(const struct glyph_info *gi, struct lvgl_glyph *g)
{
    const uint8_t *lv = gi->levels;
    uint32_t w = gi->width, y0 = 0, y1 = gi->height;
    while (y0 < y1 && row_blank(lv + (size_t)y0 * w, w)) {
        y0++;
    }
    while (y1 > y0 && row_blank(lv + (size_t)(y1 - 1) * w, w)) {
        y1--;
    }
    uint32_t x0 = 0, x1 = w;
    if (y0 == y1) { // no ink
        g->box_w = g->box_h = g->ink_x = g->ink_y = 0;
        return;
    }
    // A row with ink remains, so both scans stop inside the box.
    while (col_blank(lv, w, x0, y0, y1)) {
        x0++;
    }
    while (col_blank(lv, w, x1 - 1, y0, y1)) {
        x1--;
    }
    g->box_w = x1 - x0;
    g->box_h = y1 - y0;
    g->ink_x = x0;
    g->ink_y = y0;
}

// Copies glyph i's ink box into k (pitch = box width).
static int load_ink(const struct glyph_info *gi, const struct lvgl_glyph *g, struct ink *k)
{
    size_t n = (size_t)g->box_w * g->box_h;
    int err = ink_reserve(k, n);
    if (err < 0) {
        return err;
    }
    k->w = g->box_w;
    k->h = g->box_h;
    for (uint32_t y = 0; y < g->box_h; y++) {
        memcpy(k->levels + (size_t)y * g->box_w,
               gi->levels + (size_t)(g->ink_y + y) * gi->width + g->ink_x, g->box_w);
    }
    return 0;
}

static int fail(char *why, size_t why_len, int err, const char *what)
{
    font_why(why, why_len, "%s", what != NULL ? what : fmt_strerror(err));
    return err;
}

static int check_opts(const struct glyph_set *set, const struct fmt_lvgl_font_opts *o, char *why,
                      size_t why_len)
{
    unsigned bpp = glyph_set_metrics(set)->bpp;
    size_t count = glyph_set_count(set);
    if (count == 0) {
        return fail(why, why_len, FMT_ERR_INVALID_ARG, "the font has no glyphs");
    }
    if ((o->bitmaps == FMT_LVGL_BITMAPS_RLE || o->bitmaps == FMT_LVGL_BITMAPS_RLE_NO_PREFILTER) &&
        bpp != 2 && bpp != 4) {
        font_why(why, why_len, "LVGL decompresses 2 and 4 bpp bitmaps only, not %u bpp", bpp);
        return FMT_ERR_INVALID_ARG;
    }
    if (count > UINT16_MAX - 1) { // glyph ids are uint16_t, 0 reserved
        font_why(why, why_len, "%zu glyphs: LVGL fonts hold at most 65534", count);
        return FMT_ERR_RANGE;
    }
    return 0;
}

// Glyph i's record (advance, ink box) and the line it stretches.
static int record_glyph(struct lvgl_font_model *m, size_t i, const struct glyph_info *gi,
                        int *ink_seen, char *why, size_t why_len)
{
    if (gi->advance < 0) {
        font_why(why, why_len, "glyph U+%04" PRIX32 ": negative advance %" PRId32, gi->codepoint,
                 gi->advance);
        return FMT_ERR_RANGE;
    }
    struct lvgl_glyph *g = &m->glyphs[i];
    find_ink(gi, g);
    g->cp = gi->codepoint;
    g->adv = (uint32_t)gi->advance;
    if (g->box_h > 0) {
        int32_t top = gi->top - (int32_t)g->ink_y;
        g->ofs_x = gi->left + (int32_t)g->ink_x;
        g->ofs_y = top - (int32_t)g->box_h;
        m->ascent = *ink_seen && m->ascent > top ? m->ascent : top;
        m->descent = *ink_seen && m->descent < g->ofs_y ? m->descent : g->ofs_y;
        *ink_seen = 1;
    }
    return 0;
}

// Adds one glyph's size in each encoding to `total` (in bits, as `target`
// stores a bitmap: whole bytes in C, bits in the binary record).
static void add_costs(struct ink *k, unsigned bpp, const struct lvgl_rle *rle,
                      enum lvgl_target target, uint64_t total[4])
{
    size_t n = (size_t)k->w * k->h;
    uint64_t bits[4] = {0, (uint64_t)n * bpp, 0, 0};
    if (rle != NULL && n > 0) {
        bits[FMT_LVGL_BITMAPS_RLE_NO_PREFILTER] = lvgl_rle_cost(rle, k->levels, n);
        lvgl_rle_prefilter(k->scratch, k->levels, k->w, k->h);
        bits[FMT_LVGL_BITMAPS_RLE] = lvgl_rle_cost(rle, k->scratch, n);
    }
    for (int e = FMT_LVGL_BITMAPS_PLAIN; e <= FMT_LVGL_BITMAPS_RLE_NO_PREFILTER; e++) {
        total[e] += target == LVGL_TARGET_C ? (bits[e] + 7) / 8 * 8 : bits[e];
    }
}

// Pass 1: glyph records, line metrics, and the size of each encoding (only
// plain's when nothing else is possible or asked for).
static int measure(struct lvgl_font_model *m, const struct glyph_set *set, int sizes,
                   enum lvgl_target target, uint64_t total[4], char *why, size_t why_len)
{
    struct ink k = {0};
    int err = 0, ink_seen = 0;
    for (size_t i = 0; i < m->count && err == 0; i++) {
        const struct glyph_info *gi = glyph_set_glyph(set, i);
        err = record_glyph(m, i, gi, &ink_seen, why, why_len);
        if (err == 0 && sizes) {
            err = load_ink(gi, &m->glyphs[i], &k);
            if (err == 0) {
                add_costs(&k, m->bpp, m->rle, target, total);
            }
        }
    }
    if (err == FMT_ERR_NOMEM) {
        fail(why, why_len, err, NULL);
    }
    if (!ink_seen) {
        m->ascent = m->metrics.ascender;
        m->descent = m->metrics.descender;
    }
    m->ascent = m->ascent > 0 ? m->ascent : 0;
    m->descent = m->descent < 0 ? m->descent : 0;
    free(k.levels);
    free(k.scratch);
    return err;
}

// Appends one glyph's ink box in encoding `e`.
static void encode(struct ink *k, enum fmt_lvgl_bitmaps e, unsigned bpp, const struct lvgl_rle *rle,
                   struct lvgl_bits *out)
{
    size_t n = (size_t)k->w * k->h;
    if (e == FMT_LVGL_BITMAPS_PLAIN) {
        lvgl_plain_encode(k->levels, n, bpp, out);
    } else if (e == FMT_LVGL_BITMAPS_RLE) {
        lvgl_rle_prefilter(k->scratch, k->levels, k->w, k->h);
        lvgl_rle_encode(rle, k->scratch, n, out);
    } else {
        lvgl_rle_encode(rle, k->levels, n, out);
    }
}

int lvgl_model_encode(struct lvgl_font_model *m, const struct glyph_set *set, lvgl_prefix_fn prefix,
                      void *ctx, char *why, size_t why_len)
{
    struct ink k = {0};
    struct lvgl_bits out;
    lvgl_bits_init(&out);
    int err = 0;
    for (size_t i = 0; i < m->count && err == 0; i++) {
        struct lvgl_glyph *g = &m->glyphs[i];
        lvgl_bits_align(&out);
        g->offset = out.nbits / 8;
        if (prefix != NULL) {
            prefix(ctx, &out, i);
        }
        size_t start = out.nbits;
        err = load_ink(glyph_set_glyph(set, i), g, &k);
        if (err == 0) {
            encode(&k, m->bitmaps, m->bpp, m->rle, &out);
        }
        g->nbits = out.nbits - start;
    }
    lvgl_bits_align(&out);
    if (m->bitmaps != FMT_LVGL_BITMAPS_PLAIN) {
        lvgl_bits_put(&out, 0, 8);
    }
    err = err < 0 ? err : out.err;
    free(k.levels);
    free(k.scratch);
    if (err < 0) {
        lvgl_bits_finish(&out);
        return fail(why, why_len, err, NULL);
    }
    m->data = out.buf;
    m->data_len = out.nbits / 8;
    if (m->data_len > INT32_MAX / 2) { // LVGL's loader counts bitmap bytes in an int
        font_why(why, why_len, "%zu bytes of bitmaps: more than an LVGL font holds", m->data_len);
        return FMT_ERR_RANGE;
    }
    return 0;
}

// The encoding asked for, or the smallest LVGL accepts at this bpp (ties
// keep the cheaper decoder: plain, then RLE without the prefilter).
static enum fmt_lvgl_bitmaps choose(const struct fmt_lvgl_font_opts *o, unsigned bpp,
                                    const uint64_t total[4])
{
    if (o->bitmaps != FMT_LVGL_BITMAPS_SMALLEST) {
        return o->bitmaps;
    }
    enum fmt_lvgl_bitmaps best = FMT_LVGL_BITMAPS_PLAIN;
    if (bpp == 2 || bpp == 4) {
        if (total[FMT_LVGL_BITMAPS_RLE_NO_PREFILTER] < total[best]) {
            best = FMT_LVGL_BITMAPS_RLE_NO_PREFILTER;
        }
        if (total[FMT_LVGL_BITMAPS_RLE] < total[best]) {
            best = FMT_LVGL_BITMAPS_RLE;
        }
    }
    return best;
}

// Checks every glyph against lv_font_fmt_txt_glyph_dsc_t: the default
// layout, else the LV_FONT_FMT_TXT_LARGE one (needs_large).
static int check_fields(struct lvgl_font_model *m, char *why, size_t why_len)
{
    for (size_t i = 0; i < m->count; i++) {
        const struct lvgl_glyph *g = &m->glyphs[i];
        // adv_w is stored in 1/16 px: 12 bits by default, 16 bits once decoded.
        int err = font_check_u16(g->adv, g->cp, "advance", why, why_len);
        if (err == 0) {
            err = font_check_u16(g->box_w, g->cp, "box width", why, why_len);
        }
        if (err == 0) {
            err = font_check_u16(g->box_h, g->cp, "box height", why, why_len);
        }
        if (err == 0) {
            err = font_check_i16(g->ofs_x, g->cp, "x offset", why, why_len);
        }
        if (err == 0) {
            err = font_check_i16(g->ofs_y, g->cp, "y offset", why, why_len);
        }
        if (err < 0) {
            return err;
        }
        if (g->adv > 255 || g->box_w > 255 || g->box_h > 255 || g->ofs_x < -128 || g->ofs_x > 127 ||
            g->ofs_y < -128 || g->ofs_y > 127) {
            m->needs_large = 1;
        }
    }
    return font_check_i16(m->ascent - m->descent, FONT_NO_CP, "line height", why, why_len);
}

static int build_cmaps(struct lvgl_font_model *m, char *why, size_t why_len)
{
    uint32_t *cps = malloc(sizeof(*cps) * m->count);
    if (cps == NULL) {
        return fail(why, why_len, FMT_ERR_NOMEM, NULL);
    }
    for (size_t i = 0; i < m->count; i++) {
        cps[i] = m->glyphs[i].cp;
    }
    int err = lvgl_cmap_split(cps, m->count, &m->cmaps, &m->ncmaps);
    free(cps);
    if (err < 0) {
        return fail(why, why_len, err, NULL);
    }
    if (m->ncmaps > LVGL_CMAP_MAX) {
        font_why(why, why_len,
                 "the code points need %zu cmap subtables; LVGL fonts hold at most %u (select "
                 "fewer scattered code points)",
                 m->ncmaps, LVGL_CMAP_MAX);
        return FMT_ERR_RANGE;
    }
    return 0;
}

int lvgl_model_measure(struct lvgl_font_model *m, const struct glyph_set *set,
                       const struct fmt_lvgl_font_opts *opts, enum lvgl_target target, char *why,
                       size_t why_len)
{
    memset(m, 0, sizeof(*m));
    int err = check_opts(set, opts, why, why_len);
    if (err < 0) {
        return err;
    }
    m->metrics = *glyph_set_metrics(set);
    m->bpp = m->metrics.bpp;
    m->count = glyph_set_count(set);
    m->glyphs = calloc(m->count, sizeof(*m->glyphs));
    if (m->bpp == 2 || m->bpp == 4) {
        m->rle = malloc(sizeof(*m->rle));
        if (m->rle != NULL && lvgl_rle_init(m->rle, m->bpp) < 0) {
            free(m->rle);
            m->rle = NULL;
        }
    }
    if (m->glyphs == NULL || ((m->bpp == 2 || m->bpp == 4) && m->rle == NULL)) {
        lvgl_model_finish(m);
        return fail(why, why_len, FMT_ERR_NOMEM, NULL);
    }
    uint64_t total[4] = {0};
    int sizes = m->rle != NULL && opts->bitmaps == FMT_LVGL_BITMAPS_SMALLEST;
    err = measure(m, set, sizes, target, total, why, why_len);
    if (err == 0) {
        m->bitmaps = sizes ? choose(opts, m->bpp, total)
                           : (opts->bitmaps == FMT_LVGL_BITMAPS_SMALLEST ? FMT_LVGL_BITMAPS_PLAIN
                                                                         : opts->bitmaps);
        err = check_fields(m, why, why_len);
    }
    if (err == 0) {
        err = build_cmaps(m, why, why_len);
    }
    if (err == 0) {
        err = lvgl_kern_build(m, set, why, why_len);
    }
    if (err < 0) {
        lvgl_model_finish(m);
    }
    return err;
}

void lvgl_model_finish(struct lvgl_font_model *m)
{
    if (m->rle != NULL) {
        lvgl_rle_finish(m->rle);
        free(m->rle);
    }
    font_kern_finish(&m->kern);
    free(m->glyphs);
    free(m->data);
    free(m->cmaps);
    memset(m, 0, sizeof(*m));
}
