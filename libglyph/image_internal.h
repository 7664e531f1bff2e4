// libglyph private: the pieces of image conversion shared between convert.c
// (alpha, grey, storing), dither.c (channel and index quantization) and
// quantize.c.
#ifndef GLYPH_IMAGE_INTERNAL_H
#define GLYPH_IMAGE_INTERNAL_H

#include <stdint.h>

#include "glyph/context.h"
#include "glyph/image.h"

// Floyd-Steinberg tables cover channel inputs -FS_BIAS .. FS_RANGE - FS_BIAS - 1
// (a value plus the diffused error).
#define FS_BIAS  256
#define FS_RANGE 768

// Per-conversion state for reducing prepared RGBA rows (8 bits per channel)
// to channel values of the target widths. Tables are built once per call
// from the format table, so the per-pixel loop never looks anything up by
// name and does only integer arithmetic.

struct dither {
    enum glyph_dither mode;
    uint32_t width;
    unsigned nch;           // active channels (bits 1..7; 8-bit channels copy through)
    unsigned ch[4];         // their slots
    unsigned copy_mask;     // slots with 8 bits: copied unchanged
    uint8_t quant[4][256];  // 8-bit value -> reduced value (round to nearest)
    uint8_t expand[4][256]; // reduced value -> 8-bit value
    int16_t bayer[4][64];   // ordered dithering offsets per slot
    // Floyd-Steinberg: reduced value and residual (clamped value minus what
    // the display shows) for inputs -FS_BIAS .. FS_RANGE - FS_BIAS - 1.
    uint8_t fs_quant[4][FS_RANGE];
    int16_t fs_resid[4][FS_RANGE];
    uint16_t fs_word[4][FS_RANGE]; // fs_quant shifted into a 16-bit word
    uint32_t bg_term[3][256];      // bg * (255 - a) + 127, for flattening
    int32_t *err;                  // FS: two rows of (width + 2) * 4 errors, x16
    // Indexed formats: the palette as the display will show it.
    unsigned pal_count;
    int pal[256][4];
    int spal[256][5];    // pal sorted by green; slot 4 = index into pal
    uint64_t *cache_key; // nearest-colour cache, 4096 entries: key | 1 << 32
    uint8_t *cache_idx;
};

// Sets up `d` for channel widths bits[4] (direct formats) or for an indexed
// palette (`pal` non-NULL, `pal_count` entries of expanded RGBA).
int dither_init(struct glyph_ctx *ctx, struct dither *d, enum glyph_dither mode, uint32_t width,
                const uint8_t bits[4], const uint8_t (*pal)[4], unsigned pal_count);
void dither_finish(struct glyph_ctx *ctx, struct dither *d);

// Reduces one prepared row (4 bytes per pixel) of row number `y` to channel
// values, 4 per pixel in `out`. Slots without bits are not written: pass a
// row that starts zeroed and reuse it. Rows must come in order 0, 1, 2...
void dither_row(struct dither *d, const uint8_t *in, uint32_t y, uint8_t *out);

// Fills fs_word from fs_quant for the word layout `shift`, and bg_term for
// flattening onto `bg`.
void dither_word_tables(struct dither *d, const uint8_t shift[4], const unsigned bg[3]);

// Flattens one raw RGBA row onto `bg`, diffuses errors (FS mode, channels in
// slots 0..2) and stores 16-bit words in either byte order: the fast path
// for RGB565/BGR565. Same output as prep_row + dither_row + store_row.
void dither_fs_rgb16_row(struct dither *d, const uint8_t *in, uint32_t y, const unsigned bg[3],
                         int big_endian, uint8_t *dst);

// Maps one prepared row to palette indices.
void dither_row_indexed(struct dither *d, const uint8_t *in, uint32_t y, uint8_t *out);

#endif
