// formats private: the compressed glyph bitmaps of LVGL's lv_font_fmt_txt
// (bitmap_format 1 and 2), and the MSB-first bit writer the LVGL emitters
// share. Written from the rules of LVGL 9's decoder (see lvgl_rle.c and
// docs/lvgl.md), not from any encoder.
#ifndef FMT_LVGL_RLE_H
#define FMT_LVGL_RLE_H

#include <stddef.h>
#include <stdint.h>

// A growable bit string, most significant bit of each byte first. Errors are
// sticky: after a failed allocation `err` is FMT_ERR_NOMEM and writes are
// skipped.
struct lvgl_bits {
    uint8_t *buf;
    size_t cap;   // bytes allocated
    size_t nbits; // bits written
    int err;
};

void lvgl_bits_init(struct lvgl_bits *b);
void lvgl_bits_finish(struct lvgl_bits *b);
// Appends the low `n` bits of `v` (n <= 32), most significant first.
void lvgl_bits_put(struct lvgl_bits *b, uint32_t v, unsigned n);
// Makes room for `nbits` more bits (and 4 spare bytes) so that
// lvgl_bits_put_fast may follow; returns 0 or -1 (err set).
int lvgl_bits_reserve(struct lvgl_bits *b, size_t nbits);
// lvgl_bits_put for 1 <= n <= 25 and v < 2^n, into reserved room.
static inline void lvgl_bits_put_fast(struct lvgl_bits *b, uint32_t v, unsigned n)
{
    uint8_t *p = b->buf + (b->nbits >> 3);
    uint32_t w = v << (32u - n - (unsigned)(b->nbits & 7u));
    p[0] = (uint8_t)(p[0] | (w >> 24));
    p[1] = (uint8_t)(p[1] | (w >> 16));
    p[2] = (uint8_t)(p[2] | (w >> 8));
    p[3] = (uint8_t)(p[3] | w);
    b->nbits += n;
}
// Appends `nbits` bits of `src` (MSB first from its first byte).
void lvgl_bits_append(struct lvgl_bits *b, const uint8_t *src, size_t nbits);
// Pads with zero bits to a byte boundary.
void lvgl_bits_align(struct lvgl_bits *b);
// Bytes holding the bits written so far.
size_t lvgl_bits_bytes(const struct lvgl_bits *b);

// Runs longer than this are coded as repeated 75-value counter cycles first.
#define LVGL_RLE_TABLE_RUN 1024

// Optimal-cost tables for one bpp (2, 3 or 4: the depths LVGL decompresses).
struct lvgl_rle {
    unsigned bpp;
    // Bits of a whole run of k values, first literal included, by k (index
    // k, up to LVGL_RLE_TABLE_RUN + 1), followed by another run (0) or the
    // end of the glyph (1).
    uint32_t *run_bits[2];
    // Per decoder state (0: after a literal; 1 + j: j repeat bits read) and
    // run remainder r <= LVGL_RLE_TABLE_RUN: the fewest bits to emit r more
    // values of the run and leave the decoder ready for the next value's
    // literal (cost[0]) or for the end of the glyph (cost[1]), and the
    // action that achieves it.
    uint32_t *cost[2];
    uint8_t *act[2];
};

// Returns 0, FMT_ERR_INVALID_ARG (bpp) or FMT_ERR_NOMEM.
int lvgl_rle_init(struct lvgl_rle *r, unsigned bpp);
void lvgl_rle_finish(struct lvgl_rle *r);

// The value buffers below hold `n` values (each < 2^bpp) and must be
// readable up to v[n + 63]: runs are found 64 values at a time.

// Bits the compressed form of the values takes.
uint64_t lvgl_rle_cost(const struct lvgl_rle *r, const uint8_t *v, size_t n);

// Appends the compressed form of the values to `out`.
void lvgl_rle_encode(const struct lvgl_rle *r, const uint8_t *v, size_t n, struct lvgl_bits *out);

// Appends `n` values of `bpp` bits, uncompressed (bitmap_format 0), to
// `out`.
void lvgl_plain_encode(const uint8_t *v, size_t n, unsigned bpp, struct lvgl_bits *out);

// LVGL's line prefilter into `out`: the first row as it is, every other row
// XORed with the row above (`w` values a row, `h` rows).
void lvgl_rle_prefilter(uint8_t *restrict out, const uint8_t *restrict v, uint32_t w, uint32_t h);

#endif
