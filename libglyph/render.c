#include <limits.h>
#include <string.h>

#include "glyph/error.h"
#include "render.h"

void glyph_quant_table(unsigned bpp, enum glyph_quantize q, uint8_t lut[256])
{
    unsigned max = (1u << bpp) - 1u;
    for (unsigned v = 0; v < 256; v++) {
        lut[v] = q == GLYPH_QUANT_TRUNCATE ? (uint8_t)(v >> (8u - bpp))
                                           : (uint8_t)((v * max + 127u) / 255u);
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

// 16 pixels as one vector (GCC and Clang vector extensions; the compiler
// lowers them to SSE2/NEON or to scalar code).
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint16_t u16x16 __attribute__((vector_size(32)));

// Quantizes a row of 8-bit coverage. lut[255] is 2^bpp - 1; for
// GLYPH_QUANT_TRUNCATE the vector loop shifts by 8 - bpp as the table does;
// for GLYPH_QUANT_ROUND it computes the same q = t / 255 with t = v * max + 127, as
// (t + 1 + (t >> 8)) >> 8 in 16-bit lanes (t <= 65152, and the sum stays
// below 65536), exact for t < 65535 (checked against the table
// for every v and bpp by test_render). The table is a load per pixel, which
// no compiler vectorizes: at 48 px this loop was a tenth of glyphpack's
// instructions.
static void gray_row(const uint8_t *src, unsigned w, enum glyph_quantize qm, const uint8_t lut[256],
                     uint8_t *dst)
{
    uint16_t max = lut[255];
    unsigned shift = max == 15 ? 4u : max == 3 ? 6u : 7u;
    if (max == 255) { // 8 bpp: the identity
        memcpy(dst, src, w);
        return;
    }
    if (w < 16) {
        for (unsigned x = 0; x < w; x++) {
            dst[x] = lut[src[x]];
        }
        return;
    }
    // The last step overlaps the one before when w is not a multiple of 16:
    // those pixels are simply computed twice.
    for (unsigned x = 0;; x = x + 32 <= w ? x + 16 : w - 16) {
        u8x16 in;
        memcpy(&in, src + x, sizeof(in));
        u8x16 q;
        if (qm == GLYPH_QUANT_TRUNCATE) {
            q = in >> (uint8_t)shift;
        } else {
            u16x16 t = __builtin_convertvector(in, u16x16) * max + 127;
            q = __builtin_convertvector((t + 1 + (t >> 8)) >> 8, u8x16);
        }
        memcpy(dst + x, &q, sizeof(q));
        if (x + 16 == w) {
            return;
        }
    }
}

int glyph_bitmap_to_levels(const FT_Bitmap *bm, unsigned bpp, enum glyph_quantize q,
                           const uint8_t lut[256], uint8_t *dst)
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
    if (bits == 8 && grays == 256 && bm->pitch == (int)w && (h == 0 || w <= UINT_MAX / h)) {
        // Rows without padding (FreeType's anti-aliased renderer): one run,
        // so narrow glyphs also take the 16-pixel steps.
        gray_row(bm->buffer, w * h, q, lut, dst);
        return 0;
    }
    for (unsigned r = 0; r < h; r++) {
        const uint8_t *src = row_ptr(bm, r);
        uint8_t *out = dst + (size_t)r * w;
        if (bits == 8 && grays == 256) {
            gray_row(src, w, q, lut, out);
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
