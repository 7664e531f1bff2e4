// libglyph private: FreeType bitmaps to quantized levels.
#ifndef GLYPH_RENDER_H
#define GLYPH_RENDER_H

#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "glyph/glyphset.h"

// Quantization table for `bpp` (1, 2, 4, 8) and 8-bit coverage v: lut[v] =
// (v * (2^bpp - 1) + 127) / 255 for GLYPH_QUANT_ROUND, v >> (8 - bpp) for
// GLYPH_QUANT_TRUNCATE.
void glyph_quant_table(unsigned bpp, enum glyph_quantize q, uint8_t lut[256]);

// Writes bm->width x bm->rows levels, row-major with pitch bm->width, top row
// first whatever the sign of bm->pitch (negative: the buffer starts with the
// bottom row). Grey bitmaps go through `lut`, made by glyph_quant_table for
// `bpp` and `q` (num_grays levels other than 256 are scaled to 0..255
// first); monochrome bitmaps give 0 or 2^bpp - 1. Returns 0, or
// GLYPH_ERR_UNSUPPORTED for LCD and colour bitmaps.
int glyph_bitmap_to_levels(const FT_Bitmap *bm, unsigned bpp, enum glyph_quantize q,
                           const uint8_t lut[256], uint8_t *dst);

#endif
