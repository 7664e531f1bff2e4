// Decoding converted pixels back to RGBA, driven by the format table, so the
// preview shows exactly what reduction, dithering and the palette did.
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/image.h"

static void word_to_rgba(const struct glyph_pixfmt *f, uint32_t word, uint8_t *out)
{
    for (unsigned c = 0; c < 4; c++) {
        unsigned b = f->bits[c];
        unsigned q = b == 0 ? 0 : (word >> f->shift[c]) & ((1u << b) - 1u);
        out[c] = (uint8_t)glyph_channel_expand(q, b);
    }
    if (f->bits[GLYPH_CH_A] == 0) {
        out[3] = 255;
    }
    if (f->flags & GLYPH_PIXFMT_GREY) { // AL88: one luminance word slot
        out[1] = out[2] = out[0];
    }
}

// Palette entries as RGBA; entries past the palette stay transparent black.
static int palette_rgba(const struct glyph_pixels *px, uint8_t pal[256][4])
{
    memset(pal, 0, 256 * 4);
    const struct glyph_pixfmt *pf = px->palette_format;
    if (pf == NULL || !glyph_pixfmt_is_palette_format(pf) || px->palette_count > 256 ||
        px->palette_size < (size_t)px->palette_count * (pf->bpp / 8u)) {
        return GLYPH_ERR_INVALID_ARG;
    }
    for (unsigned i = 0; i < px->palette_count; i++) {
        word_to_rgba(pf, glyph_pixfmt_load(pf, px->palette + (size_t)i * (pf->bpp / 8u)), pal[i]);
    }
    return 0;
}

static int decode_plane(struct glyph_ctx *ctx, const struct glyph_pixels *px,
                        struct glyph_image *img)
{
    const struct glyph_pixfmt *f = px->format;
    uint8_t pal[256][4];
    if (f->flags & GLYPH_PIXFMT_INDEXED) {
        int err = palette_rgba(px, pal);
        if (err < 0) {
            return err;
        }
    }
    uint8_t *values = glyph_alloc_array(ctx, px->width, px->height);
    if (values == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    int err =
        glyph_unpack_plane(&px->pack, px->data, px->size, px->width, px->height, values, px->width);
    if (err < 0) {
        glyph_free(ctx, values);
        return err;
    }
    for (size_t i = 0; i < (size_t)px->width * px->height; i++) {
        uint8_t *o = img->rgba + 4 * i;
        unsigned v = values[i];
        if (f->flags & GLYPH_PIXFMT_INDEXED) {
            memcpy(o, pal[v], 4);
        } else if (f->flags & GLYPH_PIXFMT_ALPHA_ONLY) {
            o[0] = o[1] = o[2] = 0;
            o[3] = (uint8_t)glyph_channel_expand(v, f->bits[GLYPH_CH_A]);
        } else {
            o[0] = o[1] = o[2] = (uint8_t)glyph_channel_expand(v, f->bits[GLYPH_CH_R]);
            o[3] = 255;
        }
    }
    glyph_free(ctx, values);
    return 0;
}

int glyph_pixels_decode(struct glyph_ctx *ctx, const struct glyph_pixels *px,
                        struct glyph_image **out)
{
    if (ctx == NULL || px == NULL || px->format == NULL || px->data == NULL || out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    const struct glyph_pixfmt *f = px->format;
    int plane = glyph_pixfmt_is_plane(f);
    size_t n = f->bpp / 8u;
    if (!plane && (px->stride < px->width * n || px->size / px->stride < px->height)) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct glyph_image *img = NULL;
    int err = glyph_image_create(ctx, px->width, px->height, &img);
    if (err < 0) {
        return err;
    }
    if (plane) {
        err = decode_plane(ctx, px, img);
    } else {
        for (uint32_t y = 0; y < px->height; y++) {
            const uint8_t *row = px->data + (size_t)y * px->stride;
            for (uint32_t x = 0; x < px->width; x++) {
                word_to_rgba(f, glyph_pixfmt_load(f, row + x * n),
                             img->rgba + y * img->stride + 4 * x);
            }
        }
    }
    if (err < 0) {
        glyph_image_destroy(img);
        return err;
    }
    *out = img;
    return 0;
}
