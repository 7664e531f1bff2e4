// Font preview sheet: glyphs are drawn from their packed bytes, decoded with
// glyph_unpack_plane, so the sheet shows the encoding's result, not
// FreeType's coverage.
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/pack.h"
#include "glyph/png.h"
#include "glyph/preview.h"
#include "utf8.h"

enum { PAD = 2 };

struct canvas {
    uint8_t *rgba;
    int64_t w, h; // logical pixels
    unsigned scale;
};

struct rgb {
    uint8_t r, g, b;
};

static const struct rgb BG = {255, 255, 255};
static const struct rgb GRID = {200, 200, 200};
static const struct rgb ADVANCE = {255, 248, 220};
static const struct rgb BASELINE = {150, 190, 255};
static const struct rgb SAMPLE_BG = {240, 244, 240};

// The glyph box of the whole font, relative to the pen and baseline.
struct box {
    int64_t xmin, xmax, ytop, ybot;
};

static void fill(struct canvas *c, int64_t x, int64_t y, int64_t w, int64_t h, struct rgb col)
{
    for (int64_t j = y < 0 ? 0 : y; j < y + h && j < c->h; j++) {
        for (int64_t i = x < 0 ? 0 : x; i < x + w && i < c->w; i++) {
            for (unsigned sy = 0; sy < c->scale; sy++) {
                size_t row = (size_t)(j * c->scale + sy) * (size_t)(c->w * c->scale);
                for (unsigned sx = 0; sx < c->scale; sx++) {
                    uint8_t *p = c->rgba + 4 * (row + (size_t)(i * c->scale + sx));
                    p[0] = col.r;
                    p[1] = col.g;
                    p[2] = col.b;
                    p[3] = 255;
                }
            }
        }
    }
}

// Darkens pixel (x, y) by coverage level/max (ink is black).
static void ink(struct canvas *c, int64_t x, int64_t y, unsigned level, unsigned max)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h || level == 0) {
        return;
    }
    size_t stride = (size_t)(c->w * c->scale);
    uint8_t *p = c->rgba + 4 * ((size_t)(y * c->scale) * stride + (size_t)(x * c->scale));
    struct rgb col = {(uint8_t)(p[0] * (max - level) / max), (uint8_t)(p[1] * (max - level) / max),
                      (uint8_t)(p[2] * (max - level) / max)};
    fill(c, x, y, 1, 1, col);
}

static int draw_glyph(struct canvas *c, const struct glyph_fontpack *pack,
                      const struct glyph_packed_glyph *g, int64_t pen_x, int64_t base_y,
                      uint8_t *scratch)
{
    if (g->width == 0 || g->height == 0) {
        return 0;
    }
    if (g->offset > pack->data_len || g->size > pack->data_len - g->offset) {
        return GLYPH_ERR_INVALID_ARG;
    }
    int err = glyph_unpack_plane(&pack->opts.fmt, pack->data + g->offset, g->size, g->width,
                                 g->height, scratch, g->width);
    if (err < 0) {
        return err;
    }
    unsigned max = (1u << pack->opts.fmt.bpp) - 1;
    for (uint32_t y = 0; y < g->height; y++) {
        for (uint32_t x = 0; x < g->width; x++) {
            ink(c, pen_x + g->left + x, base_y - g->top + y, scratch[(size_t)y * g->width + x],
                max);
        }
    }
    return 0;
}

static struct box font_box(const struct glyph_fontpack *pack, size_t *max_pixels)
{
    struct box b = {0, 1, pack->metrics.ascender, pack->metrics.descender};
    *max_pixels = 0;
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        int64_t right = (int64_t)g->left + g->width;
        b.xmin = g->left < b.xmin ? g->left : b.xmin;
        b.xmax = right > b.xmax ? right : b.xmax;
        b.xmax = g->advance > b.xmax ? g->advance : b.xmax;
        b.ytop = g->top > b.ytop ? g->top : b.ytop;
        int64_t bottom = (int64_t)g->top - g->height;
        b.ybot = bottom < b.ybot ? bottom : b.ybot;
        size_t px = (size_t)g->width * g->height;
        *max_pixels = px > *max_pixels ? px : *max_pixels;
    }
    return b;
}

static const struct glyph_packed_glyph *find(const struct glyph_fontpack *pack, uint32_t cp)
{
    size_t lo = 0, hi = pack->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pack->glyphs[mid].codepoint < cp) {
            lo = mid + 1;
        } else if (pack->glyphs[mid].codepoint > cp) {
            hi = mid;
        } else {
            return &pack->glyphs[mid];
        }
    }
    return NULL;
}

// Up to 64 glyphs of the sample line, in order.
static size_t sample_glyphs(const struct glyph_fontpack *pack, const char *sample,
                            const struct glyph_packed_glyph **out, size_t max)
{
    static const char pangram[] = "The quick brown fox jumps over the lazy dog. 0123456789";
    const char *text = sample != NULL ? sample : pangram;
    size_t n = 0, total = 0, len = strlen(text);
    const uint8_t *p = (const uint8_t *)text;
    for (size_t off = 0; off < len && n < max;) {
        uint32_t cp;
        size_t used = glyph_utf8_decode(p + off, len - off, &cp);
        // An invalid byte shows as U+FFFD (when the font has it).
        off += used != 0 ? used : 1;
        cp = used != 0 ? cp : 0xFFFD;
        const struct glyph_packed_glyph *g = find(pack, cp);
        total++;
        if (g != NULL) {
            out[n++] = g;
        }
    }
    if (sample == NULL && n * 2 < total) {
        n = 0;
        for (size_t i = 0; i < pack->count && n < max; i++) {
            out[n++] = &pack->glyphs[i];
        }
    }
    return n;
}

static int draw_cell(struct canvas *c, const struct glyph_fontpack *pack, size_t i,
                     const struct box *b, int64_t x0, int64_t y0, uint8_t *scratch)
{
    const struct glyph_packed_glyph *g = &pack->glyphs[i];
    int64_t pen_x = x0 + PAD - b->xmin, base_y = y0 + PAD + b->ytop;
    int64_t cell_w = b->xmax - b->xmin + 2 * PAD;
    fill(c, pen_x, base_y - pack->metrics.ascender, g->advance,
         pack->metrics.ascender - pack->metrics.descender, ADVANCE);
    fill(c, x0, base_y, cell_w, 1, BASELINE);
    return draw_glyph(c, pack, g, pen_x, base_y, scratch);
}

// Where everything goes on the sheet, in logical (unscaled) pixels.
struct plan {
    struct box b;
    int64_t cell_w, cell_h;
    unsigned scale;
    size_t cols, shown; // grid columns, glyphs in the grid
    int64_t sample_h;   // 0 when the sample line does not fit
    const struct glyph_packed_glyph *line[64];
    size_t line_n;
    int64_t w, h;
    size_t max_pixels; // largest glyph bitmap, for the unpack buffer
};

static void render(struct canvas *c, const struct glyph_fontpack *pack, const struct plan *p,
                   uint8_t *scratch, int *err)
{
    fill(c, 0, 0, c->w, c->h, BG);
    for (size_t i = 0; i < p->shown && *err == 0; i++) {
        int64_t x0 = (int64_t)(i % p->cols) * (p->cell_w + 1) + 1;
        int64_t y0 = (int64_t)(i / p->cols) * (p->cell_h + 1) + 1;
        fill(c, x0 - 1, y0 - 1, p->cell_w + 2, 1, GRID);
        fill(c, x0 - 1, y0 + p->cell_h, p->cell_w + 2, 1, GRID);
        fill(c, x0 - 1, y0 - 1, 1, p->cell_h + 2, GRID);
        fill(c, x0 + p->cell_w, y0 - 1, 1, p->cell_h + 2, GRID);
        *err = draw_cell(c, pack, i, &p->b, x0, y0, scratch);
    }
    if (p->sample_h == 0) {
        return;
    }
    int64_t rows = (int64_t)((p->shown + p->cols - 1) / p->cols);
    int64_t sy = rows * (p->cell_h + 1) + 1 + PAD;
    fill(c, 0, sy, c->w, p->cell_h, SAMPLE_BG);
    int64_t pen = PAD - p->b.xmin;
    for (size_t k = 0; k < p->line_n && *err == 0; k++) {
        *err = draw_glyph(c, pack, p->line[k], pen, sy + PAD + p->b.ytop, scratch);
        pen += p->line[k]->advance;
    }
}

static int make_plan(struct glyph_ctx *ctx, const struct glyph_fontpack *pack,
                     const struct glyph_preview_opts *o, struct plan *p)
{
    p->b = font_box(pack, &p->max_pixels);
    p->cell_w = p->b.xmax - p->b.xmin + 2 * PAD;
    p->cell_h = p->b.ytop - p->b.ybot + 2 * PAD;
    int64_t lh = pack->metrics.line_height > 0 ? pack->metrics.line_height : p->cell_h;
    p->scale = o->scale != 0 ? o->scale : (lh >= 32 ? 1u : (unsigned)((32 + lh - 1) / lh));
    p->scale = p->scale > 4 && o->scale == 0 ? 4 : p->scale;
    int64_t side = (int64_t)(GLYPH_PREVIEW_MAX_SIDE / p->scale);
    if (p->cell_w + 2 > side || p->cell_h + 2 > side) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "preview: glyph cells of %lldx%lld px exceed %u px",
                  (long long)p->cell_w, (long long)p->cell_h, GLYPH_PREVIEW_MAX_SIDE);
        return GLYPH_ERR_RANGE;
    }
    p->sample_h = p->cell_h + 2 * PAD;
    if ((p->cell_h + 1) + 1 + p->sample_h > side) {
        p->sample_h = 0; // one grid row only, no room for the sample line
    }
    p->line_n = p->sample_h > 0 ? sample_glyphs(pack, o->sample, p->line, 64) : 0;
    p->cols = o->columns != 0 ? o->columns : 16;
    size_t fit_cols = (size_t)((side - 1) / (p->cell_w + 1));
    p->cols = p->cols > fit_cols ? fit_cols : p->cols;
    p->cols = p->cols > pack->count ? pack->count : p->cols;
    size_t fit_rows = (size_t)((side - 1 - p->sample_h) / (p->cell_h + 1));
    if (o->columns == 0 && fit_rows > 0 && pack->count > fit_rows * p->cols) {
        // Too tall with the default 16 columns: widen the grid first.
        size_t want = (pack->count + fit_rows - 1) / fit_rows;
        p->cols = want > fit_cols ? fit_cols : want;
    }
    p->shown = pack->count;
    if (p->shown > fit_rows * p->cols) {
        p->shown = fit_rows * p->cols;
        glyph_log(ctx, GLYPH_LOG_WARN,
                  "preview: only the first %zu of %zu glyphs fit a %u px sheet (up to U+%04X)",
                  p->shown, pack->count, GLYPH_PREVIEW_MAX_SIDE,
                  p->shown > 0 ? pack->glyphs[p->shown - 1].codepoint : 0);
    }
    int64_t line_w = PAD - p->b.xmin + PAD;
    for (size_t k = 0; k < p->line_n; k++) {
        line_w += p->line[k]->advance;
    }
    p->w = (int64_t)p->cols * (p->cell_w + 1) + 1;
    p->w = line_w > p->w ? (line_w > side ? side : line_w) : p->w;
    p->h = (int64_t)((p->shown + p->cols - 1) / p->cols) * (p->cell_h + 1) + 1 + p->sample_h;
    return 0;
}

int glyph_preview_font(struct glyph_ctx *ctx, const struct glyph_fontpack *pack,
                       const struct glyph_preview_opts *opts, uint8_t **png, size_t *png_len)
{
    struct glyph_preview_opts o = {0};
    if (opts != NULL) {
        o = *opts;
    }
    if (ctx == NULL || pack == NULL || png == NULL || png_len == NULL || o.scale > 8 ||
        !glyph_pack_format_valid(&pack->opts.fmt)) {
        return GLYPH_ERR_INVALID_ARG;
    }
    if (pack->count == 0) {
        return GLYPH_ERR_EMPTY;
    }
    struct plan p;
    int err = make_plan(ctx, pack, &o, &p);
    if (err < 0) {
        return err;
    }
    struct canvas c = {NULL, p.w, p.h, p.scale};
    uint8_t *scratch = glyph_alloc(ctx, p.max_pixels > 0 ? p.max_pixels : 1);
    size_t stride = (size_t)(c.w * p.scale) * 4;
    c.rgba = glyph_alloc_array(ctx, (size_t)(c.h * p.scale), stride);
    err = GLYPH_ERR_NOMEM;
    if (scratch != NULL && c.rgba != NULL) {
        err = 0;
        render(&c, pack, &p, scratch, &err);
        if (err == 0) {
            err = glyph_png_encode_rgba(ctx, c.rgba, (uint32_t)(c.w * p.scale),
                                        (uint32_t)(c.h * p.scale), stride, png, png_len);
        }
    }
    glyph_free(ctx, scratch);
    glyph_free(ctx, c.rgba);
    return err;
}
