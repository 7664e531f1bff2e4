// Image conversion: alpha handling and grey ("preparing" a row), channel
// reduction through dither.c, and storing pixels as the format table says.
// Direct formats are converted row by row, so memory beyond input and output
// is a few rows; indexed formats prepare the whole image first because the
// quantizer needs every pixel.
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/image.h"
#include "image_internal.h"

void glyph_convert_opts_init(struct glyph_convert_opts *opts, const struct glyph_pixfmt *format)
{
    memset(opts, 0, sizeof(*opts));
    opts->format = format;
    opts->dither = GLYPH_DITHER_NONE;
    opts->alpha = GLYPH_ALPHA_KEEP;
    opts->layout = GLYPH_LAYOUT_ROWS;
    opts->bit_order = GLYPH_BIT_MSB_FIRST;
    opts->stride_align = 1;
    opts->palette_format = glyph_pixfmt_find("ARGB8888");
}

void glyph_pixels_destroy(struct glyph_pixels *px)
{
    if (px == NULL) {
        return;
    }
    glyph_free(px->ctx, px->data);
    glyph_free(px->ctx, px->palette);
    glyph_free(px->ctx, px);
}

enum prep_alpha { PREP_KEEP, PREP_PREMULTIPLY, PREP_FLATTEN };
enum prep_kind { PREP_COLOUR, PREP_GREY, PREP_ALPHA_ONLY };

struct prep {
    enum prep_alpha alpha;
    enum prep_kind kind;
    unsigned bg[3];
};

static void prep_setup(struct prep *p, const struct glyph_convert_opts *o)
{
    const struct glyph_pixfmt *f = o->format;
    const struct glyph_pixfmt *colour = f;
    if (f->flags & GLYPH_PIXFMT_INDEXED) {
        colour = o->palette_format;
    }
    p->kind = PREP_COLOUR;
    if (f->flags & GLYPH_PIXFMT_GREY) {
        p->kind = PREP_GREY;
    } else if (f->flags & GLYPH_PIXFMT_ALPHA_ONLY) {
        p->kind = PREP_ALPHA_ONLY;
    }
    p->alpha = (enum prep_alpha)o->alpha;
    if (!(colour->flags & GLYPH_PIXFMT_HAS_ALPHA) || o->alpha == GLYPH_ALPHA_FLATTEN) {
        p->alpha = PREP_FLATTEN;
    }
    for (unsigned c = 0; c < 3; c++) {
        p->bg[c] = o->background[c];
    }
}

static void flatten_px(const struct prep *p, const uint8_t *in, uint8_t *out)
{
    unsigned a = in[3], na = 255 - a;
    out[0] = (uint8_t)((in[0] * a + p->bg[0] * na + 127) / 255);
    out[1] = (uint8_t)((in[1] * a + p->bg[1] * na + 127) / 255);
    out[2] = (uint8_t)((in[2] * a + p->bg[2] * na + 127) / 255);
    out[3] = 255;
}

static void premultiply_px(const uint8_t *in, uint8_t *out)
{
    unsigned a = in[3];
    out[0] = (uint8_t)((in[0] * a + 127) / 255);
    out[1] = (uint8_t)((in[1] * a + 127) / 255);
    out[2] = (uint8_t)((in[2] * a + 127) / 255);
    out[3] = (uint8_t)a;
}

// Alpha and grey for one row: `out` gets 4 bytes per pixel, colour in slots
// 0..2 (grey: L in slot 0) and alpha in slot 3. One loop per case, so the
// per-pixel work has no mode branches; opaque pixels are copied.
static void prep_row(const struct prep *p, const uint8_t *restrict in, uint32_t width,
                     uint8_t *restrict out)
{
    if (p->kind == PREP_ALPHA_ONLY) {
        for (uint32_t x = 0; x < width; x++) {
            out[4 * x + 3] = in[4 * x + 3];
        }
        return;
    }
    if (p->alpha == PREP_KEEP) {
        memcpy(out, in, (size_t)width * 4);
    } else if (p->alpha == PREP_FLATTEN) {
        for (uint32_t x = 0; x < width; x++) {
            if (in[4 * x + 3] == 255) {
                memcpy(out + 4 * x, in + 4 * x, 4);
            } else {
                flatten_px(p, in + 4 * x, out + 4 * x);
            }
        }
    } else {
        for (uint32_t x = 0; x < width; x++) {
            premultiply_px(in + 4 * x, out + 4 * x);
        }
    }
    if (p->kind == PREP_GREY) {
        for (uint32_t x = 0; x < width; x++) {
            uint8_t *o = out + 4 * x;
            o[0] = (uint8_t)glyph_luma709(o[0], o[1], o[2]);
            o[1] = o[2] = 0;
        }
    }
}

static int check_opts(const struct glyph_convert_opts *o, struct glyph_pack_format *pack)
{
    const struct glyph_pixfmt *f = o->format;
    if (f == NULL || (unsigned)o->dither > GLYPH_DITHER_FS ||
        (unsigned)o->alpha > GLYPH_ALPHA_FLATTEN) {
        return GLYPH_ERR_INVALID_ARG;
    }
    pack->bpp = f->bpp;
    pack->layout = o->layout;
    pack->bit_order = o->bit_order;
    pack->row_align = o->stride_align;
    if (glyph_pixfmt_is_plane(f)) {
        return glyph_pack_format_valid(pack) ? 0 : GLYPH_ERR_INVALID_ARG;
    }
    // Colour words: rows only; layout and bit order do not apply.
    if (o->layout != GLYPH_LAYOUT_ROWS || o->stride_align == 0 || o->stride_align > 256 ||
        (o->stride_align & (o->stride_align - 1)) != 0) {
        return GLYPH_ERR_INVALID_ARG;
    }
    return 0;
}

static size_t align_up(size_t v, size_t a)
{
    size_t r = v % a;
    return r == 0 ? v : v + (a - r);
}

static int pixels_alloc(struct glyph_ctx *ctx, const struct glyph_image *img,
                        const struct glyph_convert_opts *o, const struct glyph_pack_format *pack,
                        struct glyph_pixels **out)
{
    struct glyph_pixels *px = glyph_calloc(ctx, 1, sizeof(*px));
    if (px == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    px->ctx = ctx;
    px->format = o->format;
    px->width = img->width;
    px->height = img->height;
    px->pack = *pack;
    if (glyph_pixfmt_is_plane(o->format)) {
        px->stride = glyph_pack_stride(pack, img->width);
        px->size = glyph_pack_size(pack, img->width, img->height);
    } else {
        px->pack.layout = GLYPH_LAYOUT_ROWS;
        px->pack.bit_order = GLYPH_BIT_MSB_FIRST;
        px->stride = align_up((size_t)img->width * (o->format->bpp / 8u), o->stride_align);
        px->size = px->stride * img->height; // both bounded by the image limits
    }
    px->data = px->size == 0 ? NULL : glyph_calloc(ctx, 1, px->size);
    if (px->data == NULL) {
        glyph_free(ctx, px);
        return GLYPH_ERR_NOMEM;
    }
    *out = px;
    return 0;
}

// Packs one row of channel values into colour words: one loop per word
// size and byte order, so the per-pixel work is shifts, ors and stores.
static void store_row(const struct glyph_pixfmt *f, const uint8_t *restrict q, uint32_t width,
                      uint8_t *restrict dst)
{
    const unsigned s0 = f->shift[0], s1 = f->shift[1], s2 = f->shift[2], s3 = f->shift[3];
    const unsigned n = f->bpp / 8u;
    const int be = f->byte_order == GLYPH_BYTE_ORDER_BE;
#define WORD(i)                                                                                    \
    ((uint32_t)q[4 * (i)] << s0 | (uint32_t)q[4 * (i) + 1] << s1 |                                 \
     (uint32_t)q[4 * (i) + 2] << s2 | (uint32_t)q[4 * (i) + 3] << s3)
    if (n == 2 && !be) {
        for (uint32_t x = 0; x < width; x++) {
            uint32_t w = WORD(x);
            dst[2 * x] = (uint8_t)w;
            dst[2 * x + 1] = (uint8_t)(w >> 8);
        }
    } else if (n == 2) {
        for (uint32_t x = 0; x < width; x++) {
            uint32_t w = WORD(x);
            dst[2 * x] = (uint8_t)(w >> 8);
            dst[2 * x + 1] = (uint8_t)w;
        }
    } else if (n == 1) {
        for (uint32_t x = 0; x < width; x++) {
            dst[x] = (uint8_t)WORD(x);
        }
    } else {
        for (uint32_t x = 0; x < width; x++) {
            uint32_t w = WORD(x);
            for (unsigned i = 0; i < n; i++) {
                dst[n * x + (be ? n - 1 - i : i)] = (uint8_t)(w >> (8u * i));
            }
        }
    }
#undef WORD
}

// The fast path: 16-bit colour words without alpha, Floyd-Steinberg.
static int fused_rgb16(const struct glyph_pixfmt *f, const struct prep *prep,
                       const struct dither *d)
{
    return f->bpp == 16 && d->mode == GLYPH_DITHER_FS && prep->kind == PREP_COLOUR &&
           prep->alpha == PREP_FLATTEN && d->nch == 3 && d->ch[0] == 0 && d->ch[1] == 1 &&
           d->ch[2] == 2 && d->copy_mask == 0 && f->bits[GLYPH_CH_A] == 0;
}

static int convert_direct(struct glyph_ctx *ctx, const struct glyph_image *img,
                          const struct glyph_convert_opts *o, struct glyph_pixels *px)
{
    const struct glyph_pixfmt *f = o->format;
    const int plane = glyph_pixfmt_is_plane(f);
    const unsigned slot = (f->flags & GLYPH_PIXFMT_ALPHA_ONLY) ? GLYPH_CH_A : GLYPH_CH_R;
    struct prep prep;
    prep_setup(&prep, o);
    struct dither d;
    int err = dither_init(ctx, &d, o->dither, img->width, f->bits, NULL, 0);
    if (err < 0) {
        return err;
    }
    uint8_t *rows = glyph_calloc(ctx, img->width, 8);
    uint8_t *values = plane ? glyph_alloc_array(ctx, img->width, img->height) : NULL;
    if (rows == NULL || (plane && values == NULL)) {
        err = GLYPH_ERR_NOMEM;
        goto out_free;
    }
    uint8_t *prepared = rows, *reduced = rows + (size_t)img->width * 4;
    if (fused_rgb16(f, &prep, &d)) {
        dither_word_tables(&d, f->shift);
        for (uint32_t y = 0; y < img->height; y++) {
            dither_fs_rgb16_row(&d, img->rgba + (size_t)y * img->stride, y, prep.bg,
                                f->byte_order == GLYPH_BYTE_ORDER_BE,
                                px->data + (size_t)y * px->stride);
        }
        goto out_free;
    }
    for (uint32_t y = 0; y < img->height; y++) {
        prep_row(&prep, img->rgba + (size_t)y * img->stride, img->width, prepared);
        dither_row(&d, prepared, y, reduced);
        if (plane) {
            uint8_t *v = values + (size_t)y * img->width;
            for (uint32_t x = 0; x < img->width; x++) {
                v[x] = reduced[4 * (size_t)x + slot];
            }
        } else {
            store_row(f, reduced, img->width, px->data + (size_t)y * px->stride);
        }
    }
    if (plane) {
        err = glyph_pack_plane(&px->pack, values, img->width, img->width, img->height, px->data,
                               px->size);
    }
out_free:
    glyph_free(ctx, values);
    glyph_free(ctx, rows);
    dither_finish(ctx, &d);
    return err;
}

// Stores the palette in the palette format and returns, in `shown`, the
// colours the display will show for each entry.
static int encode_palette(struct glyph_ctx *ctx, const struct glyph_palette *pal,
                          const struct glyph_pixfmt *pf, struct glyph_pixels *px,
                          uint8_t (*shown)[4])
{
    size_t n = pf->bpp / 8u;
    px->palette_format = pf;
    px->palette_count = pal->count;
    px->palette_size = n * pal->count;
    px->palette = glyph_calloc(ctx, pal->count, n);
    if (px->palette == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    for (unsigned i = 0; i < pal->count; i++) {
        uint32_t word = 0;
        for (unsigned c = 0; c < 4; c++) {
            unsigned q = glyph_channel_reduce(pal->rgba[i][c], pf->bits[c]);
            word |= (uint32_t)q << pf->shift[c];
            shown[i][c] = (uint8_t)glyph_channel_expand(q, pf->bits[c]);
        }
        if (pf->bits[GLYPH_CH_A] == 0) {
            shown[i][GLYPH_CH_A] = 255;
        }
        glyph_pixfmt_store(pf, px->palette + i * n, word);
    }
    return 0;
}

static int convert_indexed(struct glyph_ctx *ctx, const struct glyph_image *img,
                           const struct glyph_convert_opts *o, struct glyph_pixels *px)
{
    const struct glyph_pixfmt *pf = o->palette_format;
    unsigned limit = 1u << o->format->bpp;
    if (pf == NULL || !glyph_pixfmt_is_palette_format(pf) || o->palette_size > limit ||
        o->palette_size == 1) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct prep prep;
    prep_setup(&prep, o);
    uint8_t *prepared = glyph_alloc_array(ctx, (size_t)img->width * img->height, 4);
    uint8_t *values = glyph_alloc_array(ctx, img->width, img->height);
    struct glyph_palette *pal = glyph_alloc(ctx, sizeof(*pal));
    uint8_t(*shown)[4] = glyph_alloc(ctx, GLYPH_PALETTE_MAX * 4);
    struct dither d;
    int have_dither = 0;
    int err = 0;
    if (prepared == NULL || values == NULL || pal == NULL || shown == NULL) {
        err = GLYPH_ERR_NOMEM;
        goto out_free;
    }
    size_t row = (size_t)img->width * 4;
    for (uint32_t y = 0; y < img->height; y++) {
        prep_row(&prep, img->rgba + (size_t)y * img->stride, img->width, prepared + y * row);
    }
    if (o->palette != NULL) {
        *pal = *o->palette;
    } else {
        err = glyph_palette_quantize(ctx, prepared, img->width, img->height, row,
                                     o->palette_size == 0 ? limit : o->palette_size, pal);
        if (err < 0) {
            goto out_free;
        }
    }
    if (pal->count == 0 || pal->count > limit) {
        err = GLYPH_ERR_PALETTE;
        goto out_free;
    }
    err = encode_palette(ctx, pal, pf, px, shown);
    if (err < 0) {
        goto out_free;
    }
    err = dither_init(ctx, &d, o->dither, img->width, NULL, (const uint8_t(*)[4])shown, pal->count);
    if (err < 0) {
        goto out_free;
    }
    have_dither = 1;
    for (uint32_t y = 0; y < img->height; y++) {
        dither_row_indexed(&d, prepared + y * row, y, values + (size_t)y * img->width);
    }
    err = glyph_pack_plane(&px->pack, values, img->width, img->width, img->height, px->data,
                           px->size);
out_free:
    if (have_dither) {
        dither_finish(ctx, &d);
    }
    glyph_free(ctx, shown);
    glyph_free(ctx, pal);
    glyph_free(ctx, values);
    glyph_free(ctx, prepared);
    return err;
}

int glyph_image_convert(struct glyph_ctx *ctx, const struct glyph_image *img,
                        const struct glyph_convert_opts *opts, struct glyph_pixels **out)
{
    if (ctx == NULL || img == NULL || opts == NULL || out == NULL || img->rgba == NULL ||
        img->width == 0 || img->height == 0 || img->stride < (size_t)img->width * 4) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct glyph_pack_format pack;
    int err = check_opts(opts, &pack);
    if (err < 0) {
        return err;
    }
    struct glyph_pixels *px = NULL;
    err = pixels_alloc(ctx, img, opts, &pack, &px);
    if (err < 0) {
        return err;
    }
    if (opts->format->flags & GLYPH_PIXFMT_INDEXED) {
        err = convert_indexed(ctx, img, opts, px);
    } else {
        err = convert_direct(ctx, img, opts, px);
    }
    if (err < 0) {
        glyph_pixels_destroy(px);
        return err;
    }
    *out = px;
    return 0;
}
