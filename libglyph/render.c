#include <string.h>

#include "glyph/error.h"
#include "render.h"

void glyph_quant_table(unsigned bpp, uint8_t lut[256])
{
    unsigned max = (1u << bpp) - 1u;
    for (unsigned v = 0; v < 256; v++) {
        lut[v] = (uint8_t)((v * max + 127u) / 255u);
    }
}

static const uint8_t *row_ptr(const FT_Bitmap *bm, unsigned r)
{
    if (bm->pitch >= 0) {
        return bm->buffer + (size_t)r * (size_t)bm->pitch;
    }
    size_t stride = (size_t)(-(long)bm->pitch);
    return bm->buffer + (size_t)(bm->rows - 1u - r) * stride;
}

// 1, 2 or 4 bits per pixel, MSB first: the value at column x.
static unsigned packed_at(const uint8_t *row, unsigned x, unsigned bits)
{
    unsigned per = 8u / bits;
    unsigned shift = 8u - bits * (x % per + 1u);
    return ((unsigned)row[x / per] >> shift) & ((1u << bits) - 1u);
}

static void gray_row(const uint8_t *src, unsigned w, const uint8_t lut[256], uint8_t *dst)
{
    if (lut[255] == 255) { // 8 bpp: the identity
        memcpy(dst, src, w);
        return;
    }
    for (unsigned x = 0; x < w; x++) {
        dst[x] = lut[src[x]];
    }
}

int glyph_bitmap_to_levels(const FT_Bitmap *bm, unsigned bpp, const uint8_t lut[256], uint8_t *dst)
{
    unsigned w = bm->width, h = bm->rows;
    uint8_t max = (uint8_t)((1u << bpp) - 1u);
    unsigned bits;
    switch (bm->pixel_mode) {
    case FT_PIXEL_MODE_MONO:
        bits = 1;
        break;
    case FT_PIXEL_MODE_GRAY2:
        bits = 2;
        break;
    case FT_PIXEL_MODE_GRAY4:
        bits = 4;
        break;
    case FT_PIXEL_MODE_GRAY:
        bits = 8;
        break;
    default:
        return GLYPH_ERR_UNSUPPORTED;
    }
    unsigned grays = bits == 1 ? 2u : bits == 8 ? (unsigned)bm->num_grays : 1u << bits;
    if (grays < 2 || grays > 256) {
        return GLYPH_ERR_UNSUPPORTED;
    }
    for (unsigned r = 0; r < h; r++) {
        const uint8_t *src = row_ptr(bm, r);
        uint8_t *out = dst + (size_t)r * w;
        if (bits == 8 && grays == 256) {
            gray_row(src, w, lut, out);
            continue;
        }
        for (unsigned x = 0; x < w; x++) {
            unsigned v = bits == 8 ? src[x] : packed_at(src, x, bits);
            if (bits == 1) {
                out[x] = v ? max : 0;
            } else {
                unsigned v255 = v >= grays - 1u ? 255u : v * 255u / (grays - 1u);
                out[x] = lut[v255];
            }
        }
    }
    return 0;
}
