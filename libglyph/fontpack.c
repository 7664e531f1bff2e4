// Packing a glyph set. Each glyph is packed straight into the tail of the
// data buffer, then looked up by content in a hash table: a duplicate rolls
// the tail back and shares the earlier bitmap's offset.
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/fontpack.h"
#include "inkcell.h"

// Cell sides beyond this are treated as impossible (GLYPH_ERR_RANGE).
#define CELL_MAX_DIM 16384
// Packed bitmaps of one font; beyond this (hostile metrics), GLYPH_ERR_RANGE.
#define PACK_MAX_BYTES ((size_t)1 << 30)

struct fontpack_impl {
    struct glyph_fontpack pub; // first: the public pointer is this struct's
    struct glyph_ctx *ctx;
    char *family;
    char *style;
    struct glyph_packed_glyph *glyphs;
    uint8_t *data;
    struct glyph_kern_pair *kern;
};

struct dedupe_slot {
    uint64_t hash;
    size_t offset;
    size_t size; // 0: empty slot
};

struct packer {
    struct glyph_ctx *ctx;
    const struct glyph_fontpack_opts *opts;
    const struct glyph_set_metrics *m;
    struct fontpack_impl *pack;
    size_t data_cap;
    struct dedupe_slot *slots;
    size_t nslots; // power of two
    uint8_t *cell; // cell mode scratch plane
    size_t cell_cap;
    int32_t cell_top;     // cell mode: rows of every cell above the baseline
    uint32_t cell_height; // cell mode: rows of every cell
    struct inkcell ink;   // GLYPH_CELL_INK
};

// 8 bytes per step (a multiply-xorshift mix); the tail is zero-padded and
// the length mixed in. Collisions only cost a memcmp.
static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, p + i, n - i);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    }
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 33);
}

// Returns the offset of an identical stored bitmap, or stores the one at
// the data tail and returns its offset.
static size_t dedupe(struct packer *pk, size_t size)
{
    struct fontpack_impl *fp = pk->pack;
    const uint8_t *bytes = fp->data + fp->pub.data_len;
    uint64_t h = hash_bytes(bytes, size);
    size_t mask = pk->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct dedupe_slot *s = &pk->slots[i];
        if (s->size == 0) {
            s->hash = h;
            s->size = size;
            s->offset = fp->pub.data_len;
            fp->pub.data_len += size;
            fp->pub.unique_bitmaps++;
            return s->offset;
        }
        if (s->hash == h && s->size == size && memcmp(fp->data + s->offset, bytes, size) == 0) {
            return s->offset;
        }
    }
}

static int reserve(struct glyph_ctx *ctx, uint8_t **buf, size_t *cap, size_t need)
{
    if (need <= *cap) {
        return 0;
    }
    size_t ncap = *cap < 4096 ? 4096 : *cap;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            return GLYPH_ERR_NOMEM;
        }
        ncap *= 2;
    }
    uint8_t *p = glyph_realloc(ctx, *buf, ncap);
    if (p == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    *buf = p;
    *cap = ncap;
    return 0;
}

// Copies the glyph's levels into a zeroed w x h cell whose top-left corner
// is x0 px right of the pen and pk->cell_top rows above the baseline. The
// cell was sized to hold the whole bitmap, so nothing is clipped.
static int draw_cell(struct packer *pk, const struct glyph_info *g, int32_t x0, uint32_t w,
                     uint32_t h)
{
    size_t n = (size_t)w * h;
    int err = reserve(pk->ctx, &pk->cell, &pk->cell_cap, n);
    if (err < 0) {
        return err;
    }
    memset(pk->cell, 0, n);
    size_t cx = (size_t)((int64_t)g->left - x0);
    size_t cy = (size_t)((int64_t)pk->cell_top - g->top);
    for (uint32_t y = 0; y < g->height; y++) {
        memcpy(pk->cell + (cy + y) * w + cx, g->levels + (size_t)y * g->width, g->width);
    }
    return 0;
}

// The cell of one glyph: from min(0, left) to max(advance, left + width)
// horizontally, so the ink is never cut; the advance stays the pen step.
static int cell_box(struct packer *pk, const struct glyph_info *g, int32_t *x0, uint32_t *w)
{
    int64_t lo = 0, hi = g->advance;
    if (g->width > 0 && g->height > 0) {
        lo = g->left < 0 ? g->left : 0;
        hi = (int64_t)g->left + g->width > hi ? (int64_t)g->left + g->width : hi;
    }
    if (g->advance < 0 || hi - lo > CELL_MAX_DIM) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR,
                  "fontpack: U+%04X: advance %d, bitmap x %d..%lld cannot form a cell of at most "
                  "%d px",
                  g->codepoint, g->advance, g->left, (long long)g->left + g->width, CELL_MAX_DIM);
        return GLYPH_ERR_RANGE;
    }
    *x0 = (int32_t)lo;
    *w = (uint32_t)(hi - lo);
    return 0;
}

// A GLYPH_CELL_INK cell: fills in `pg`'s metrics and draws the glyph into
// pk->cell (*src then points there; NULL when nothing is stored).
static int ink_cell(struct packer *pk, const struct glyph_info *g, struct glyph_packed_glyph *pg,
                    const uint8_t **src)
{
    int64_t own = inkcell_own_width(g);
    int64_t w = pk->opts->fixed_pitch && pk->ink.max_width > 0 ? pk->ink.max_width : own;
    if (own > CELL_MAX_DIM || w > CELL_MAX_DIM) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR, "fontpack: U+%04X: a %lld px wide cell is too wide",
                  g->codepoint, (long long)(own > w ? own : w));
        return GLYPH_ERR_RANGE;
    }
    pg->advance = (int32_t)own;
    pg->left = 0;
    pg->top = pk->cell_top;
    pg->width = (uint32_t)w;
    pg->height = pk->cell_height;
    *src = NULL;
    if (pg->width == 0 || pg->height == 0) {
        return 0;
    }
    size_t n = (size_t)pg->width * pg->height;
    int err = reserve(pk->ctx, &pk->cell, &pk->cell_cap, n);
    if (err < 0) {
        return err;
    }
    memset(pk->cell, 0, n);
    inkcell_draw(&pk->ink, g, pg->width, pk->opts->ftp_faults, pk->cell);
    *src = pk->cell;
    return 0;
}

// A GLYPH_CELL_LINE cell: fills in `pg`'s metrics and draws the glyph into
// pk->cell (*src then points there, unless the cell is 0 wide).
static int line_cell(struct packer *pk, const struct glyph_info *g, struct glyph_packed_glyph *pg,
                     const uint8_t **src)
{
    int32_t x0;
    int err = cell_box(pk, g, &x0, &pg->width);
    if (err < 0) {
        return err;
    }
    pg->left = x0;
    pg->top = pk->cell_top;
    pg->height = pk->cell_height;
    if (pg->width > 0) {
        err = draw_cell(pk, g, x0, pg->width, pg->height);
        if (err < 0) {
            return err;
        }
        *src = pk->cell;
    }
    return 0;
}

// Fills in `pg` and stores the glyph's bitmap.
static int pack_glyph(struct packer *pk, const struct glyph_info *g, struct glyph_packed_glyph *pg)
{
    const struct glyph_pack_format *fmt = &pk->opts->fmt;
    *pg = (struct glyph_packed_glyph){.codepoint = g->codepoint,
                                      .advance = g->advance,
                                      .left = g->left,
                                      .top = g->top,
                                      .width = g->width,
                                      .height = g->height,
                                      .font_index = g->font_index,
                                      .notdef = g->notdef};
    const uint8_t *src = g->levels;
    if (pk->opts->cell == GLYPH_CELL_INK) {
        int err = ink_cell(pk, g, pg, &src);
        if (err < 0 || src == NULL) {
            return err;
        }
    } else if (pk->opts->cell) {
        int err = line_cell(pk, g, pg, &src);
        if (err < 0) {
            return err;
        }
    }
    if (pg->width == 0 || pg->height == 0) {
        pg->width = pg->height = 0;
        return 0;
    }
    size_t size = glyph_pack_size(fmt, pg->width, pg->height);
    if (size == 0) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR, "fontpack: U+%04X: %ux%u bitmap too large",
                  g->codepoint, pg->width, pg->height);
        return GLYPH_ERR_RANGE;
    }
    struct fontpack_impl *fp = pk->pack;
    if (size > PACK_MAX_BYTES - fp->pub.data_len) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR, "fontpack: U+%04X: bitmaps exceed %zu bytes",
                  g->codepoint, PACK_MAX_BYTES);
        return GLYPH_ERR_RANGE;
    }
    int err = reserve(pk->ctx, &fp->data, &pk->data_cap, fp->pub.data_len + size);
    if (err < 0) {
        return err;
    }
    err = glyph_pack_plane(fmt, src, pg->width, pg->width, pg->height, fp->data + fp->pub.data_len,
                           size);
    if (err < 0) {
        return err;
    }
    pg->size = size;
    pg->offset = dedupe(pk, size);
    return 0;
}

// The rows every cell spans: the line (ascender to descender), grown to hold
// any bitmap reaching above or below it.
static int cell_rows(struct packer *pk, const struct glyph_set *set)
{
    const struct glyph_set_metrics *m = pk->m;
    int64_t top = m->baseline, bottom = (int64_t)m->baseline - m->line_height;
    for (size_t i = 0; i < glyph_set_count(set); i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        if (g->width > 0 && g->height > 0) {
            top = g->top > top ? g->top : top;
            bottom = (int64_t)g->top - g->height < bottom ? (int64_t)g->top - g->height : bottom;
        }
    }
    if (top - bottom <= 0 || top - bottom > CELL_MAX_DIM) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR,
                  "fontpack: rows %lld..%lld around the baseline cannot form a cell of 1..%d px",
                  (long long)bottom, (long long)top, CELL_MAX_DIM);
        return GLYPH_ERR_RANGE;
    }
    pk->cell_top = (int32_t)top;
    pk->cell_height = (uint32_t)(top - bottom);
    return 0;
}

// GLYPH_CELL_INK: the rows every cell spans and font_to_py's max_width.
static int ink_rows(struct packer *pk, const struct glyph_set *set)
{
    inkcell_measure(set, &pk->ink);
    if (pk->ink.height > CELL_MAX_DIM || pk->ink.max_width > CELL_MAX_DIM) {
        glyph_log(pk->ctx, GLYPH_LOG_ERROR,
                  "fontpack: cells of %lld rows, up to %lld px wide, exceed %d px",
                  (long long)pk->ink.height, (long long)pk->ink.max_width, CELL_MAX_DIM);
        return GLYPH_ERR_RANGE;
    }
    pk->cell_top = (int32_t)pk->ink.baseline;
    pk->cell_height = (uint32_t)pk->ink.height;
    return 0;
}

static int check_opts(struct glyph_ctx *ctx, const struct glyph_set *set,
                      const struct glyph_fontpack_opts *opts)
{
    const struct glyph_set_metrics *m = glyph_set_metrics(set);
    if (!glyph_pack_format_valid(&opts->fmt) || opts->cell < GLYPH_CELL_NONE ||
        opts->cell > GLYPH_CELL_INK) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "fontpack: invalid pack format or cell flag");
        return GLYPH_ERR_INVALID_ARG;
    }
    if (opts->fmt.bpp != m->bpp) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "fontpack: format has %u bpp, the glyph set %u",
                  opts->fmt.bpp, m->bpp);
        return GLYPH_ERR_INVALID_ARG;
    }
    if (opts->cell == GLYPH_CELL_LINE && (m->line_height < 0 || m->line_height > CELL_MAX_DIM)) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "fontpack: line height %d cannot be a cell height",
                  m->line_height);
        return GLYPH_ERR_RANGE;
    }
    return 0;
}

static int pack_all(struct packer *pk, const struct glyph_set *set)
{
    struct fontpack_impl *fp = pk->pack;
    size_t n = glyph_set_count(set);
    pk->nslots = 16;
    while (pk->nslots < 2 * n) {
        pk->nslots *= 2;
    }
    pk->slots = glyph_calloc(pk->ctx, pk->nslots, sizeof(*pk->slots));
    fp->glyphs = glyph_calloc(pk->ctx, n, sizeof(*fp->glyphs));
    if (pk->slots == NULL || fp->glyphs == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    if (pk->opts->cell == GLYPH_CELL_INK) {
        int err = ink_rows(pk, set);
        if (err < 0) {
            return err;
        }
        fp->pub.cell_height = pk->cell_height;
        fp->pub.cell_baseline = pk->cell_top;
        fp->pub.ink_max_width = (uint32_t)pk->ink.max_width;
    } else if (pk->opts->cell) {
        int err = cell_rows(pk, set);
        if (err < 0) {
            return err;
        }
        fp->pub.cell_height = pk->cell_height;
        fp->pub.cell_baseline = pk->cell_top;
    }
    for (size_t i = 0; i < n; i++) {
        int err = pack_glyph(pk, glyph_set_glyph(set, i), &fp->glyphs[i]);
        if (err < 0) {
            return err;
        }
    }
    fp->pub.count = n;
    fp->pub.glyphs = fp->glyphs;
    fp->pub.data = fp->data;
    size_t nk = glyph_set_kern_count(set);
    if (nk > 0) {
        fp->kern = glyph_alloc_array(pk->ctx, nk, sizeof(*fp->kern));
        if (fp->kern == NULL) {
            return GLYPH_ERR_NOMEM;
        }
        memcpy(fp->kern, glyph_set_kern_pair(set, 0), nk * sizeof(*fp->kern));
        fp->pub.kern = fp->kern;
        fp->pub.kern_count = nk;
    }
    return 0;
}

static int copy_metrics(struct fontpack_impl *fp, const struct glyph_set_metrics *m)
{
    fp->pub.metrics = *m;
    fp->family = glyph_strdup(fp->ctx, m->family != NULL ? m->family : "");
    fp->style = glyph_strdup(fp->ctx, m->style != NULL ? m->style : "");
    if (fp->family == NULL || fp->style == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    fp->pub.metrics.family = fp->family;
    fp->pub.metrics.style = fp->style;
    return 0;
}

int glyph_fontpack_create(struct glyph_ctx *ctx, const struct glyph_set *set,
                          const struct glyph_fontpack_opts *opts, struct glyph_fontpack **out)
{
    if (out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (ctx == NULL || set == NULL || opts == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    int err = check_opts(ctx, set, opts);
    if (err < 0) {
        return err;
    }
    struct fontpack_impl *fp = glyph_calloc(ctx, 1, sizeof(*fp));
    if (fp == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    fp->ctx = ctx;
    fp->pub.opts = *opts;
    struct packer pk = {.ctx = ctx, .opts = opts, .m = glyph_set_metrics(set), .pack = fp};
    err = copy_metrics(fp, pk.m);
    if (err == 0) {
        err = pack_all(&pk, set);
    }
    glyph_free(ctx, pk.slots);
    glyph_free(ctx, pk.cell);
    if (err < 0) {
        glyph_fontpack_destroy(&fp->pub);
        return err;
    }
    *out = &fp->pub;
    return 0;
}

void glyph_fontpack_destroy(struct glyph_fontpack *pack)
{
    if (pack == NULL) {
        return;
    }
    struct fontpack_impl *fp = (struct fontpack_impl *)pack;
    struct glyph_ctx *ctx = fp->ctx;
    glyph_free(ctx, fp->family);
    glyph_free(ctx, fp->style);
    glyph_free(ctx, fp->glyphs);
    glyph_free(ctx, fp->data);
    glyph_free(ctx, fp->kern);
    glyph_free(ctx, fp);
}
