// Channel reduction with no dithering, ordered (Bayer 8x8) dithering or
// Floyd-Steinberg error diffusion (serpentine), and the same three for
// palette indices. Works row by row on prepared RGBA (convert.c), so the
// error buffers are two rows long whatever the image height.
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "image_internal.h"

static inline int clamp255(int v)
{
    return v < 0 ? 0 : (v > 255 ? 255 : v);
}

// Bayer threshold t(x, y) in 0..63 for the 8x8 matrix, built by the usual
// recursion M(2n) = [4M, 4M+2; 4M+3, 4M+1].
static unsigned bayer8(unsigned x, unsigned y)
{
    unsigned v = 0;
    for (unsigned bit = 0; bit < 3; bit++) {
        unsigned xb = (x >> bit) & 1u, yb = (y >> bit) & 1u;
        unsigned q = (xb ^ yb) ? (yb ? 3u : 2u) : (yb ? 1u : 0u);
        v += q << (2u * (2u - bit));
    }
    return v;
}

// Offset that spreads a value over one quantization step of 255/max:
// ((2t + 1) / 128 - 1/2) * 255 / max, rounded half away from zero.
static int16_t bayer_offset(unsigned t, unsigned max)
{
    int num = ((int)(2u * t) + 1 - 64) * 255;
    int den = 128 * (int)max;
    int off = num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
    return (int16_t)off;
}

static void fill_bayer(int16_t *tab, unsigned max)
{
    for (unsigned y = 0; y < 8; y++) {
        for (unsigned x = 0; x < 8; x++) {
            tab[y * 8 + x] = max == 0 ? 0 : bayer_offset(bayer8(x, y), max);
        }
    }
}

int dither_init(struct glyph_ctx *ctx, struct dither *d, enum glyph_dither mode, uint32_t width,
                const uint8_t bits[4], const uint8_t (*pal)[4], unsigned pal_count)
{
    memset(d, 0, sizeof(*d));
    d->mode = mode;
    d->width = width;
    if (pal != NULL) {
        d->pal_count = pal_count;
        for (unsigned i = 0; i < pal_count; i++) {
            for (unsigned c = 0; c < 4; c++) {
                d->pal[i][c] = pal[i][c];
            }
        }
        // Ordered dithering over a palette: spread one step of a uniform
        // grid with about as many levels per channel as the palette's cube
        // root.
        unsigned k = 1;
        while (k * k * k < pal_count) {
            k++;
        }
        for (unsigned c = 0; c < 3; c++) {
            fill_bayer(d->bayer[c], k < 2 ? 1 : k - 1);
            d->ch[d->nch++] = c;
        }
        d->cache_key = glyph_calloc(ctx, 4096, sizeof(uint64_t));
        d->cache_idx = glyph_calloc(ctx, 4096, 1);
        if (d->cache_key == NULL || d->cache_idx == NULL) {
            dither_finish(ctx, d);
            return GLYPH_ERR_NOMEM;
        }
    } else {
        for (unsigned c = 0; c < 4; c++) {
            unsigned b = bits[c];
            for (unsigned v = 0; v < 256; v++) {
                d->quant[c][v] = (uint8_t)glyph_channel_reduce(v, b);
                d->expand[c][v] = (uint8_t)glyph_channel_expand(v, b);
            }
            fill_bayer(d->bayer[c], b == 0 ? 0 : (1u << b) - 1u);
            // Error diffusion tables over every value an input plus its
            // incoming error can take: |error| <= 255, so -255..510.
            for (int v = -FS_BIAS; v < FS_RANGE - FS_BIAS; v++) {
                int cv = clamp255(v);
                uint8_t q = d->quant[c][cv];
                d->fs_quant[c][v + FS_BIAS] = q;
                d->fs_resid[c][v + FS_BIAS] = (int16_t)(cv - d->expand[c][q]);
            }
            if (b == 8) {
                d->copy_mask |= 1u << c;
            } else if (b > 0) {
                d->ch[d->nch++] = c;
            }
        }
    }
    if (mode == GLYPH_DITHER_FS) {
        d->err = glyph_calloc(ctx, 2 * ((size_t)width + 2) * 4, sizeof(int32_t));
        if (d->err == NULL) {
            dither_finish(ctx, d);
            return GLYPH_ERR_NOMEM;
        }
    }
    return 0;
}

void dither_finish(struct glyph_ctx *ctx, struct dither *d)
{
    glyph_free(ctx, d->err);
    glyph_free(ctx, d->cache_key);
    glyph_free(ctx, d->cache_idx);
    d->err = NULL;
    d->cache_key = NULL;
    d->cache_idx = NULL;
}

// Slots with 8 bits pass through. Slots without bits are never written:
// the caller's output row starts zeroed (dither_row contract).
static void copy_fixed(const struct dither *d, const uint8_t *restrict in, uint8_t *restrict out)
{
    for (unsigned c = 0; c < 4; c++) {
        if ((d->copy_mask >> c) & 1u) {
            for (uint32_t x = 0; x < d->width; x++) {
                out[4 * x + c] = in[4 * x + c];
            }
        }
    }
}

// Row buffers of the error diffusion: `cur` holds what earlier pixels pushed
// into this row, `next` collects what this row pushes into the next one.
// Errors are kept x16 so the 7/16, 3/16, 5/16, 1/16 weights stay integers.
static void error_rows(struct dither *d, uint32_t y, int32_t **cur, int32_t **next)
{
    size_t len = ((size_t)d->width + 2) * 4;
    *cur = d->err + (y & 1u) * len;
    *next = d->err + ((y + 1u) & 1u) * len;
    memset(*next, 0, len * sizeof(int32_t));
}

// The hot loop of the benchmark (RGB565 + FS). Slots and channel count are
// constants at each call site, so the channel loop unrolls and folds. Per
// channel: the error from the left neighbour (7/16) stays in a register, the
// errors for the next row are summed in registers and each slot is stored
// once (3/16 + 5/16 + 1/16 from three pixels), and clamping, reduction and
// the residual come from two tables indexed by the unclamped value.
static inline __attribute__((always_inline)) void
fs_row_n(struct dither *d, const uint8_t *restrict in, uint32_t y, uint8_t *restrict out,
         const unsigned nch, const unsigned c0, const unsigned c1, const unsigned c2,
         const unsigned c3)
{
    const unsigned cs[4] = {c0, c1, c2, c3};
    size_t len = ((size_t)d->width + 2) * 4;
    const int32_t *restrict cur = d->err + (y & 1u) * len;
    int32_t *restrict next = d->err + ((y + 1u) & 1u) * len;
    const uint8_t *qt[4];
    const int16_t *rt[4];
    int32_t carry[4] = {0, 0, 0, 0}, s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0};
    for (unsigned k = 0; k < nch; k++) {
        qt[k] = d->fs_quant[cs[k]] + FS_BIAS;
        rt[k] = d->fs_resid[cs[k]] + FS_BIAS;
    }
    const uint32_t w = d->width;
    const ptrdiff_t dir = (y & 1u) ? -1 : 1;
    ptrdiff_t x = dir > 0 ? 0 : (ptrdiff_t)w - 1;
    for (uint32_t i = 0; i < w; i++, x += dir) {
        const uint8_t *p = in + 4 * x;
        uint8_t *o = out + 4 * x;
        const int32_t *ce = cur + 4 * (x + 1);
        int32_t *ne = next + 4 * (x + 1);
#pragma GCC unroll 4
        for (unsigned k = 0; k < nch; k++) {
            const unsigned c = cs[k];
            const int v = p[c] + ((ce[c] + carry[k] + 8) >> 4);
            const int e = rt[k][v];
            o[c] = qt[k][v];
            carry[k] = 7 * e;
            ne[(ptrdiff_t)c - 4 * dir] = s1[k] + 3 * e;
            s1[k] = s2[k] + 5 * e;
            s2[k] = e;
        }
    }
    x -= dir; // the last pixel
    for (unsigned k = 0; k < nch; k++) {
        next[4 * (x + 1) + cs[k]] = s1[k];
        next[4 * (x + 1 + dir) + cs[k]] = s2[k];
    }
}

static void fs_row(struct dither *d, const uint8_t *in, uint32_t y, uint8_t *out)
{
    const unsigned *ch = d->ch;
    if (d->nch == 3 && ch[0] == 0 && ch[1] == 1 && ch[2] == 2) {
        fs_row_n(d, in, y, out, 3, 0, 1, 2, 0); // RGB565, BGR565, RGB332
    } else if (d->nch == 4) {
        fs_row_n(d, in, y, out, 4, 0, 1, 2, 3); // ARGB4444, ARGB1555, ARGB2
    } else if (d->nch == 1 && ch[0] == 0) {
        fs_row_n(d, in, y, out, 1, 0, 0, 0, 0); // grey
    } else if (d->nch == 1 && ch[0] == 3) {
        fs_row_n(d, in, y, out, 1, 3, 0, 0, 0); // alpha masks
    } else if (d->nch == 1) {
        fs_row_n(d, in, y, out, 1, ch[0], 0, 0, 0);
    } else if (d->nch == 2) {
        fs_row_n(d, in, y, out, 2, ch[0], ch[1], 0, 0);
    } else if (d->nch == 3) {
        fs_row_n(d, in, y, out, 3, ch[0], ch[1], ch[2], 0);
    }
}

void dither_word_tables(struct dither *d, const uint8_t shift[4])
{
    for (unsigned c = 0; c < 4; c++) {
        for (unsigned i = 0; i < FS_RANGE; i++) {
            d->fs_word[c][i] = (uint16_t)(d->fs_quant[c][i] << shift[c]);
        }
    }
}

// Fused flatten + Floyd-Steinberg + 16-bit word store for colour formats
// whose channels are slots 0..2 (RGB565, BGR565 in either byte order): the
// same arithmetic as prep_row (flatten), fs_row_n and store_row, without the
// intermediate rows. Tables give each channel's value already shifted into
// place, so the word is three ors.
void dither_fs_rgb16_row(struct dither *d, const uint8_t *restrict in, uint32_t y,
                         const unsigned bg[3], int big_endian, uint8_t *restrict dst)
{
    size_t len = ((size_t)d->width + 2) * 4;
    const int32_t *restrict cur = d->err + (y & 1u) * len;
    int32_t *restrict next = d->err + ((y + 1u) & 1u) * len;
    const uint16_t *wt[3];
    const int16_t *rt[3];
    for (unsigned k = 0; k < 3; k++) {
        wt[k] = d->fs_word[k] + FS_BIAS;
        rt[k] = d->fs_resid[k] + FS_BIAS;
    }
    int32_t carry[3] = {8, 8, 8}, s1[3] = {0, 0, 0}, s2[3] = {0, 0, 0};
    const unsigned lo = big_endian ? 1 : 0, hi = big_endian ? 0 : 1;
    const uint32_t w = d->width;
    const ptrdiff_t dir = (y & 1u) ? -1 : 1;
    ptrdiff_t x = dir > 0 ? 0 : (ptrdiff_t)w - 1;
    for (uint32_t i = 0; i < w; i++, x += dir) {
        const uint8_t *p = in + 4 * x;
        unsigned px[3] = {p[0], p[1], p[2]};
        const unsigned a = p[3];
        if (a != 255) {
            const unsigned na = 255 - a;
            for (unsigned k = 0; k < 3; k++) {
                px[k] = (px[k] * a + bg[k] * na + 127) / 255;
            }
        }
        const int32_t *ce = cur + 4 * (x + 1);
        int32_t *ne = next + 4 * (x + 1);
        unsigned word = 0;
#pragma GCC unroll 3
        for (unsigned k = 0; k < 3; k++) {
            // carry holds 7/16 of the left neighbour's error plus the 8 that
            // rounds the division by 16.
            const int v = (int)px[k] + ((ce[k] + carry[k]) >> 4);
            const int e = rt[k][v];
            word |= wt[k][v];
            carry[k] = 7 * e + 8;
            ne[(ptrdiff_t)k - 4 * dir] = s1[k] + 3 * e;
            s1[k] = s2[k] + 5 * e;
            s2[k] = e;
        }
        dst[2 * x + lo] = (uint8_t)word;
        dst[2 * x + hi] = (uint8_t)(word >> 8);
    }
    x -= dir;
    for (unsigned k = 0; k < 3; k++) {
        next[4 * (x + 1) + k] = s1[k];
        next[4 * (x + 1 + dir) + k] = s2[k];
    }
}

void dither_row(struct dither *d, const uint8_t *in, uint32_t y, uint8_t *out)
{
    copy_fixed(d, in, out);
    if (d->nch == 0) {
        return;
    }
    if (d->mode == GLYPH_DITHER_FS) {
        fs_row(d, in, y, out);
        return;
    }
    const int16_t *row_off[4];
    for (unsigned c = 0; c < 4; c++) {
        row_off[c] = d->bayer[c] + (y & 7u) * 8;
    }
    for (uint32_t x = 0; x < d->width; x++) {
        const uint8_t *p = in + 4 * (size_t)x;
        uint8_t *o = out + 4 * (size_t)x;
        for (unsigned k = 0; k < d->nch; k++) {
            unsigned c = d->ch[k];
            int v = p[c];
            if (d->mode == GLYPH_DITHER_ORDERED) {
                v = clamp255(v + row_off[c][x & 7u]);
            }
            o[c] = d->quant[c][v];
        }
    }
}

static unsigned nearest(struct dither *d, const int v[4])
{
    uint32_t key =
        (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | (uint32_t)v[3];
    uint32_t h = (key * 2654435761u) >> 20;
    uint64_t tagged = (uint64_t)key | (1ull << 32);
    if (d->cache_key[h] == tagged) {
        return d->cache_idx[h];
    }
    unsigned best = 0;
    int best_d = INT_MAX;
    for (unsigned i = 0; i < d->pal_count; i++) {
        int dr = v[0] - d->pal[i][0], dg = v[1] - d->pal[i][1];
        int db = v[2] - d->pal[i][2], da = v[3] - d->pal[i][3];
        int dist = dr * dr + dg * dg + db * db + da * da;
        if (dist < best_d) {
            best_d = dist;
            best = i;
        }
    }
    d->cache_key[h] = tagged;
    d->cache_idx[h] = (uint8_t)best;
    return best;
}

static int in_palette(struct dither *d, const int v[4])
{
    unsigned i = nearest(d, v);
    return d->pal[i][0] == v[0] && d->pal[i][1] == v[1] && d->pal[i][2] == v[2] &&
           d->pal[i][3] == v[3];
}

// Colour channels are diffused or dithered; alpha is matched as given.
void dither_row_indexed(struct dither *d, const uint8_t *in, uint32_t y, uint8_t *out)
{
    const uint32_t w = d->width;
    if (d->mode != GLYPH_DITHER_FS) {
        for (uint32_t x = 0; x < w; x++) {
            const uint8_t *p = in + 4 * (size_t)x;
            int v[4] = {p[0], p[1], p[2], p[3]};
            // Colours the palette holds exactly are not dithered (as with
            // direct formats, whose offsets stay under half a step).
            if (d->mode == GLYPH_DITHER_ORDERED && !in_palette(d, v)) {
                for (unsigned c = 0; c < 3; c++) {
                    v[c] = clamp255(v[c] + d->bayer[c][(y & 7u) * 8 + (x & 7u)]);
                }
            }
            out[x] = (uint8_t)nearest(d, v);
        }
        return;
    }
    int32_t *cur, *next;
    error_rows(d, y, &cur, &next);
    const int dir = (y & 1u) ? -1 : 1;
    const int step = 4 * dir;
    for (uint32_t i = 0; i < w; i++) {
        uint32_t x = dir > 0 ? i : w - 1 - i;
        const uint8_t *p = in + 4 * (size_t)x;
        int32_t *ce = cur + 4 * ((size_t)x + 1);
        int32_t *ne = next + 4 * ((size_t)x + 1);
        int v[4] = {0, 0, 0, p[3]};
        for (unsigned c = 0; c < 3; c++) {
            v[c] = clamp255(p[c] + ((ce[c] + 8) >> 4));
        }
        unsigned idx = nearest(d, v);
        out[x] = (uint8_t)idx;
        for (int c = 0; c < 3; c++) {
            int e = v[c] - d->pal[idx][c];
            ce[c + step] += e * 7;
            ne[c - step] += e * 3;
            ne[c] += e * 5;
            ne[c + step] += e;
        }
    }
}
