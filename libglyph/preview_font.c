// Font preview sheet: glyphs are drawn from their packed bytes, decoded with
// glyph_unpack_plane, so the sheet shows the encoding's result, not
// FreeType's coverage.
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/pack.h"
#include "glyph/png.h"
#include "glyph/preview.h"

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

// Decodes one UTF-8 sequence; invalid bytes give U+FFFD and advance by one.
static uint32_t utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t cp = p[0];
    int n = cp < 0x80             ? 0
            : (cp & 0xE0) == 0xC0 ? 1
            : (cp & 0xF0) == 0xE0 ? 2
            : (cp & 0xF8) == 0xF0 ? 3
                                  : -1;
    if (n < 0) {
        *s = p + 1;
        return 0xFFFD;
    }
    cp &= n == 0 ? 0x7Fu : (0x3Fu >> n);
    for (int k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *s = p + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    *s = p + n + 1;
    return cp;
}

// Up to 64 glyphs of the sample line, in order.
static size_t sample_glyphs(const struct glyph_fontpack *pack, const char *sample,
                            const struct glyph_packed_glyph **out, size_t max)
{
    static const char pangram[] = "The quick brown fox jumps over the lazy dog. 0123456789";
    const char *text = sample != NULL ? sample : pangram;
    size_t n = 0, total = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p != '\0' && n < max) {
        const struct glyph_packed_glyph *g = find(pack, utf8_next(&p));
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

static int render(struct glyph_ctx *ctx, struct canvas *c, const struct glyph_fontpack *pack,
                  const struct box *b, size_t cols, size_t shown,
                  const struct glyph_packed_glyph **line, size_t line_n, uint8_t *scratch)
{
    int64_t cell_w = b->xmax - b->xmin + 2 * PAD, cell_h = b->ytop - b->ybot + 2 * PAD;
    fill(c, 0, 0, c->w, c->h, BG);
    int err = 0;
    for (size_t i = 0; i < shown && err == 0; i++) {
        int64_t x0 = (int64_t)(i % cols) * (cell_w + 1) + 1;
        int64_t y0 = (int64_t)(i / cols) * (cell_h + 1) + 1;
        fill(c, x0 - 1, y0 - 1, cell_w + 2, 1, GRID);
        fill(c, x0 - 1, y0 + cell_h, cell_w + 2, 1, GRID);
        fill(c, x0 - 1, y0 - 1, 1, cell_h + 2, GRID);
        fill(c, x0 + cell_w, y0 - 1, 1, cell_h + 2, GRID);
        err = draw_cell(c, pack, i, b, x0, y0, scratch);
    }
    int64_t rows = (int64_t)((shown + cols - 1) / cols);
    int64_t sy = rows * (cell_h + 1) + 1 + PAD;
    fill(c, 0, sy, c->w, cell_h, SAMPLE_BG);
    int64_t pen = PAD - b->xmin;
    for (size_t k = 0; k < line_n && err == 0; k++) {
        err = draw_glyph(c, pack, line[k], pen, sy + PAD + b->ytop, scratch);
        pen += line[k]->advance;
    }
    (void)ctx;
    return err;
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
    size_t max_pixels = 0;
    struct box b = font_box(pack, &max_pixels);
    int64_t cell_w = b.xmax - b.xmin + 2 * PAD, cell_h = b.ytop - b.ybot + 2 * PAD;
    int64_t lh = pack->metrics.line_height > 0 ? pack->metrics.line_height : cell_h;
    unsigned scale = o.scale != 0 ? o.scale : (lh >= 32 ? 1u : (unsigned)((32 + lh - 1) / lh));
    scale = scale > 4 && o.scale == 0 ? 4 : scale;
    int64_t side = (int64_t)(GLYPH_PREVIEW_MAX_SIDE / scale);
    if (cell_w + 2 > side || 2 * (cell_h + 1) + 2 * PAD + 1 > side) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "preview: glyph cells of %lldx%lld px are too large",
                  (long long)cell_w, (long long)cell_h);
        return GLYPH_ERR_INVALID_ARG;
    }
    size_t cols = o.columns != 0 ? o.columns : 16;
    size_t fit_cols = (size_t)((side - 1) / (cell_w + 1));
    cols = cols > fit_cols ? fit_cols : cols;
    cols = cols > pack->count ? pack->count : cols;
    size_t fit_rows = (size_t)((side - cell_h - 2 * PAD - 1) / (cell_h + 1));
    size_t shown = pack->count;
    if (shown > fit_rows * cols) {
        shown = fit_rows * cols;
        glyph_log(ctx, GLYPH_LOG_INFO, "preview: showing the first %zu of %zu glyphs", shown,
                  pack->count);
    }
    const struct glyph_packed_glyph *line[64];
    size_t line_n = sample_glyphs(pack, o.sample, line, 64);
    int64_t line_w = PAD - b.xmin + PAD;
    for (size_t k = 0; k < line_n; k++) {
        line_w += line[k]->advance;
    }
    struct canvas c = {NULL, (int64_t)cols * (cell_w + 1) + 1, 0, scale};
    c.w = line_w > c.w ? (line_w > side ? side : line_w) : c.w;
    c.h = (int64_t)((shown + cols - 1) / cols) * (cell_h + 1) + 1 + PAD + cell_h + PAD;
    uint8_t *scratch = glyph_alloc(ctx, max_pixels > 0 ? max_pixels : 1);
    size_t stride = (size_t)(c.w * scale) * 4;
    c.rgba = glyph_alloc_array(ctx, (size_t)(c.h * scale), stride);
    int err = GLYPH_ERR_NOMEM;
    if (scratch != NULL && c.rgba != NULL) {
        err = render(ctx, &c, pack, &b, cols, shown, line, line_n, scratch);
        if (err == 0) {
            err = glyph_png_encode_rgba(ctx, c.rgba, (uint32_t)(c.w * scale),
                                        (uint32_t)(c.h * scale), stride, png, png_len);
        }
    }
    glyph_free(ctx, scratch);
    glyph_free(ctx, c.rgba);
    return err;
}
