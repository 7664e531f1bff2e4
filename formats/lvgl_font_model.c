// The model both LVGL font emitters write: glyph boxes trimmed to their
// ink, LVGL's line metrics, every bitmap in the encoding that makes the
// output smallest, and the cmap split.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "lvgl_font_model.h"
#include "lvgl_rle.h"

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
    uint8_t *levels; // scratch, sized for the largest glyph
    size_t cap;
    uint32_t w, h;
    int32_t left, top; // as glyph_info, of the trimmed box
};

static int unpack_glyph(const struct glyph_fontpack *pack, const struct glyph_packed_glyph *g,
                        struct ink *ink)
{
    size_t n = (size_t)g->width * g->height;
    if (n > ink->cap) {
        uint8_t *p = realloc(ink->levels, n);
        if (p == NULL) {
            return FMT_ERR_NOMEM;
        }
        ink->levels = p;
        ink->cap = n;
    }
    ink->w = g->width;
    ink->h = g->height;
    ink->left = g->left;
    ink->top = g->top;
    if (n == 0) {
        return 0;
    }
    if (glyph_unpack_plane(&pack->opts.fmt, pack->data + g->offset, g->size, g->width, g->height,
                           ink->levels, g->width) < 0) {
        return FMT_ERR_INVALID_ARG;
    }
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

static int col_blank(const struct ink *k, uint32_t x, uint32_t y0, uint32_t y1)
{
    for (uint32_t y = y0; y < y1; y++) {
        if (k->levels[(size_t)y * k->w + x] != 0) {
            return 0;
        }
    }
    return 1;
}

// Trims blank rows and columns, in place (the pitch becomes the new width).
static void trim(struct ink *k)
{
    uint32_t y0 = 0, y1 = k->h;
    while (y0 < y1 && row_blank(k->levels + (size_t)y0 * k->w, k->w)) {
        y0++;
    }
    while (y1 > y0 && row_blank(k->levels + (size_t)(y1 - 1) * k->w, k->w)) {
        y1--;
    }
    if (y0 == y1) {
        k->w = k->h = 0;
        return;
    }
    // A row with ink remains, so both scans stop inside the box.
    uint32_t x0 = 0, x1 = k->w;
    while (col_blank(k, x0, y0, y1)) {
        x0++;
    }
    while (col_blank(k, x1 - 1, y0, y1)) {
        x1--;
    }
    uint32_t w = x1 - x0, pitch = k->w;
    for (uint32_t y = y0; y < y1; y++) {
        memmove(k->levels + (size_t)(y - y0) * w, k->levels + (size_t)y * pitch + x0, w);
    }
    k->w = w;
    k->h = y1 - y0;
    k->left += (int32_t)x0;
    k->top -= (int32_t)y0;
}

// Bits of one glyph in each encoding (index: enum fmt_lvgl_bitmaps; 0 unused).
struct costs {
    uint64_t bits[4];
};

static void glyph_costs(struct ink *k, const struct lvgl_rle *rle, uint8_t *scratch,
                        struct costs *c)
{
    size_t n = (size_t)k->w * k->h;
    memset(c, 0, sizeof(*c));
    c->bits[FMT_LVGL_BITMAPS_PLAIN] = (uint64_t)n * (rle != NULL ? rle->bpp : 0);
    if (rle == NULL || n == 0) {
        return;
    }
    c->bits[FMT_LVGL_BITMAPS_RLE_NO_PREFILTER] = lvgl_rle_cost(rle, k->levels, n);
    memcpy(scratch, k->levels, n);
    lvgl_rle_prefilter(scratch, k->w, k->h);
    c->bits[FMT_LVGL_BITMAPS_RLE] = lvgl_rle_cost(rle, scratch, n);
}

static int fail(char *why, size_t why_len, int err, const char *what)
{
    font_why(why, why_len, "%s", what != NULL ? what : fmt_strerror(err));
    return err;
}

static int check_opts(const struct glyph_fontpack *pack, const struct fmt_lvgl_font_opts *o,
                      char *why, size_t why_len)
{
    unsigned bpp = pack->opts.fmt.bpp;
    if (pack->count == 0) {
        return fail(why, why_len, FMT_ERR_INVALID_ARG, "the font has no glyphs");
    }
    if (pack->opts.cell) {
        return fail(why, why_len, FMT_ERR_INVALID_ARG,
                    "LVGL fonts use tight glyph boxes, not fixed cells");
    }
    if ((o->bitmaps == FMT_LVGL_BITMAPS_RLE || o->bitmaps == FMT_LVGL_BITMAPS_RLE_NO_PREFILTER) &&
        bpp != 2 && bpp != 4) {
        font_why(why, why_len, "LVGL decompresses 2 and 4 bpp bitmaps only, not %u bpp", bpp);
        return FMT_ERR_INVALID_ARG;
    }
    if (pack->count > UINT16_MAX - 1) { // glyph ids are uint16_t, 0 reserved
        font_why(why, why_len, "%zu glyphs: LVGL fonts hold at most 65534", pack->count);
        return FMT_ERR_RANGE;
    }
    return 0;
}

// Glyph records and line metrics (pass 1): trims every glyph and sums the
// cost of each encoding in `total` (bytes per glyph as `target` stores it).
static int measure(struct lvgl_font_model *m, const struct glyph_fontpack *pack,
                   const struct lvgl_rle *rle, enum lvgl_target target, uint64_t total[4],
                   char *why, size_t why_len)
{
    struct ink k = {0};
    uint8_t *scratch = NULL;
    size_t scratch_cap = 0;
    int err = 0, ink_seen = 0;
    for (size_t i = 0; i < pack->count && err == 0; i++) {
        const struct glyph_packed_glyph *pg = &pack->glyphs[i];
        err = unpack_glyph(pack, pg, &k);
        if (err == 0 && k.cap > scratch_cap) {
            uint8_t *p = realloc(scratch, k.cap);
            err = p == NULL ? FMT_ERR_NOMEM : 0;
            scratch = p != NULL ? p : scratch;
            scratch_cap = p != NULL ? k.cap : scratch_cap;
        }
        if (err < 0) {
            break;
        }
        trim(&k);
        if (pg->advance < 0) {
            font_why(why, why_len, "glyph U+%04" PRIX32 ": negative advance %" PRId32,
                     pg->codepoint, pg->advance);
            err = FMT_ERR_RANGE;
            break;
        }
        struct lvgl_glyph *g = &m->glyphs[i];
        g->cp = pg->codepoint;
        g->adv = (uint32_t)pg->advance;
        g->box_w = k.w;
        g->box_h = k.h;
        g->ofs_x = k.w > 0 ? k.left : 0;
        g->ofs_y = k.h > 0 ? k.top - (int32_t)k.h : 0;
        if (k.h > 0) {
            m->ascent = ink_seen && m->ascent > k.top ? m->ascent : k.top;
            m->descent = ink_seen && m->descent < g->ofs_y ? m->descent : g->ofs_y;
            ink_seen = 1;
        }
        struct costs c;
        glyph_costs(&k, rle, scratch, &c);
        for (int e = FMT_LVGL_BITMAPS_PLAIN; e <= FMT_LVGL_BITMAPS_RLE_NO_PREFILTER; e++) {
            // C: each bitmap is whole bytes; binary: bits follow the header.
            total[e] += target == LVGL_TARGET_C ? (c.bits[e] + 7) / 8 * 8 : c.bits[e];
        }
    }
    if (err == FMT_ERR_NOMEM || err == FMT_ERR_INVALID_ARG) {
        fail(why, why_len, err, err == FMT_ERR_INVALID_ARG ? "packed bitmap is corrupt" : NULL);
    }
    if (!ink_seen) {
        m->ascent = pack->metrics.ascender;
        m->descent = pack->metrics.descender;
    }
    m->ascent = m->ascent > 0 ? m->ascent : 0;
    m->descent = m->descent < 0 ? m->descent : 0;
    free(k.levels);
    free(scratch);
    return err;
}

// Appends one trimmed glyph in encoding `e`, starting on a byte.
static void encode(const struct ink *k, enum fmt_lvgl_bitmaps e, unsigned bpp,
                   const struct lvgl_rle *rle, struct lvgl_bits *out)
{
    size_t n = (size_t)k->w * k->h;
    if (e == FMT_LVGL_BITMAPS_PLAIN) {
        for (size_t i = 0; i < n; i++) {
            lvgl_bits_put(out, k->levels[i], bpp);
        }
        return;
    }
    if (e == FMT_LVGL_BITMAPS_RLE) {
        lvgl_rle_prefilter(k->levels, k->w, k->h);
    }
    lvgl_rle_encode(rle, k->levels, n, out);
}

// Pass 2: every glyph's bitmap in the chosen encoding.
static int encode_all(struct lvgl_font_model *m, const struct glyph_fontpack *pack,
                      const struct lvgl_rle *rle)
{
    struct ink k = {0};
    struct lvgl_bits out;
    lvgl_bits_init(&out);
    int err = 0;
    for (size_t i = 0; i < pack->count && err == 0; i++) {
        struct lvgl_glyph *g = &m->glyphs[i];
        err = unpack_glyph(pack, &pack->glyphs[i], &k);
        if (err < 0) {
            break;
        }
        trim(&k);
        lvgl_bits_align(&out);
        g->offset = out.nbits / 8;
        encode(&k, m->bitmaps, m->bpp, rle, &out);
        g->nbits = out.nbits - g->offset * 8;
    }
    // LVGL's decompressor may read one byte past a glyph's last bit.
    lvgl_bits_align(&out);
    if (m->bitmaps != FMT_LVGL_BITMAPS_PLAIN) {
        lvgl_bits_put(&out, 0, 8);
    }
    err = err < 0 ? err : out.err;
    free(k.levels);
    if (err < 0) {
        lvgl_bits_finish(&out);
        return err;
    }
    m->data = out.buf;
    m->data_len = out.nbits / 8;
    return 0;
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
    if (m->data_len > INT32_MAX / 2) {
        font_why(why, why_len, "%zu bytes of bitmaps: more than an LVGL font holds", m->data_len);
        return FMT_ERR_RANGE;
    }
    return font_check_i16(m->ascent - m->descent, FONT_NO_CP, "line height", why, why_len);
}

static enum fmt_lvgl_bitmaps choose(const struct fmt_lvgl_font_opts *o, unsigned bpp,
                                    const uint64_t total[4])
{
    if (o->bitmaps != FMT_LVGL_BITMAPS_SMALLEST) {
        return o->bitmaps;
    }
    enum fmt_lvgl_bitmaps best = FMT_LVGL_BITMAPS_PLAIN;
    if (bpp == 2 || bpp == 4) { // ties keep the cheaper decoder: plain, then no prefilter
        if (total[FMT_LVGL_BITMAPS_RLE_NO_PREFILTER] < total[best]) {
            best = FMT_LVGL_BITMAPS_RLE_NO_PREFILTER;
        }
        if (total[FMT_LVGL_BITMAPS_RLE] < total[best]) {
            best = FMT_LVGL_BITMAPS_RLE;
        }
    }
    return best;
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

int lvgl_model_build(struct lvgl_font_model *m, const struct glyph_fontpack *pack,
                     const struct fmt_lvgl_font_opts *opts, enum lvgl_target target, char *why,
                     size_t why_len)
{
    memset(m, 0, sizeof(*m));
    int err = check_opts(pack, opts, why, why_len);
    if (err < 0) {
        return err;
    }
    for (size_t i = 1; i < pack->count; i++) {
        if (pack->glyphs[i].codepoint <= pack->glyphs[i - 1].codepoint) {
            return fail(why, why_len, FMT_ERR_INVALID_ARG, "glyphs are not sorted by code point");
        }
    }
    m->bpp = pack->opts.fmt.bpp;
    m->count = pack->count;
    m->glyphs = calloc(pack->count, sizeof(*m->glyphs));
    struct lvgl_rle rle;
    int have_rle = m->bpp == 2 || m->bpp == 4;
    if (m->glyphs == NULL || (have_rle && lvgl_rle_init(&rle, m->bpp) < 0)) {
        free(m->glyphs);
        m->glyphs = NULL;
        return fail(why, why_len, FMT_ERR_NOMEM, NULL);
    }
    uint64_t total[4] = {0};
    err = measure(m, pack, have_rle ? &rle : NULL, target, total, why, why_len);
    if (err == 0) {
        m->bitmaps = choose(opts, m->bpp, total);
        err = encode_all(m, pack, have_rle ? &rle : NULL);
        if (err < 0) {
            fail(why, why_len, err, NULL);
        }
    }
    if (have_rle) {
        lvgl_rle_finish(&rle);
    }
    if (err == 0) {
        err = check_fields(m, why, why_len);
    }
    if (err == 0) {
        err = build_cmaps(m, why, why_len);
    }
    if (err < 0) {
        lvgl_model_finish(m);
    }
    return err;
}

void lvgl_model_finish(struct lvgl_font_model *m)
{
    free(m->glyphs);
    free(m->data);
    free(m->cmaps);
    memset(m, 0, sizeof(*m));
}
