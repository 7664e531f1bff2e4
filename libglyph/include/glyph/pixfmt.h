// libglyph: the table of display pixel formats. One entry describes each
// format completely: bits per pixel, the position and width of every channel
// inside the pixel word, and the order in which the word's bytes are stored.
// Converting (convert.c), previewing (preview_image.c) and the emitters all
// read this table; nothing else knows a format's layout.
//
// A pixel of a format with bpp >= 8 is an unsigned integer "word" of bpp
// bits: word = sum over channels of (value << shift). Words of 16, 24 and 32
// bits are stored in `byte_order`; bpp 8 is one byte. Formats with bpp < 8
// (and every bpp-8 single-value format) go through the plane packer
// (glyph/pack.h) and so take a layout (rows or pages) and a bit order.
// docs/image-formats.md lists every format with its exact bytes.
#ifndef GLYPH_PIXFMT_H
#define GLYPH_PIXFMT_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

// Channel slots in glyph_pixfmt.bits/shift. Grey formats keep luminance in
// slot GLYPH_CH_R (called L); alpha-only formats use only GLYPH_CH_A.
enum glyph_channel {
    GLYPH_CH_R = 0,
    GLYPH_CH_G = 1,
    GLYPH_CH_B = 2,
    GLYPH_CH_A = 3,
};

enum glyph_pixfmt_flag {
    GLYPH_PIXFMT_HAS_ALPHA = 1u << 0, // an alpha channel (ARGB*, RGBA*, A*, AL88)
    // One luminance channel, slot GLYPH_CH_R; with HAS_ALPHA (AL88) a colour
    // word of luminance and alpha, else a plane.
    GLYPH_PIXFMT_GREY = 1u << 1,
    GLYPH_PIXFMT_ALPHA_ONLY = 1u << 2, // only alpha (masks): A8, A4, A1
    GLYPH_PIXFMT_INDEXED = 1u << 3,    // pixel = palette index of bpp bits
};

enum glyph_byte_order {
    GLYPH_BYTE_ORDER_NONE = 0, // bpp <= 8: one byte or part of a byte
    GLYPH_BYTE_ORDER_LE = 1,   // least significant byte of the word first
    GLYPH_BYTE_ORDER_BE = 2,   // most significant byte of the word first
};

struct glyph_pixfmt {
    const char *name;    // canonical, upper case: "RGB565"
    const char *alias;   // another accepted name or NULL: "RGB565_LE"
    uint8_t id;          // stable number, written in .bin headers
    uint8_t bpp;         // bits per pixel: 1, 2, 4, 8, 16, 24 or 32
    uint8_t flags;       // enum glyph_pixfmt_flag
    uint8_t byte_order;  // enum glyph_byte_order
    uint8_t bits[4];     // width of each channel slot in bits, 0 = absent
    uint8_t shift[4];    // position of each slot's lowest bit in the word
    const char *eve;     // EVE BITMAP_LAYOUT format name, or NULL
    const char *summary; // one line, for --help and generated comments
};

// The number of formats in the table and the i-th one (NULL past the end).
GLYPH_EXPORT size_t glyph_pixfmt_count(void);
GLYPH_EXPORT const struct glyph_pixfmt *glyph_pixfmt_at(size_t i);

// Looks a format up by name or alias, ignoring ASCII case; NULL if unknown.
GLYPH_EXPORT const struct glyph_pixfmt *glyph_pixfmt_find(const char *name);

// Looks a format up by its stable id; NULL if unknown.
GLYPH_EXPORT const struct glyph_pixfmt *glyph_pixfmt_by_id(unsigned id);

// 1 when the format's pixels go through the plane packer (bpp <= 8 and a
// single value per pixel: grey, alpha-only, indexed); 0 for colour words.
GLYPH_EXPORT int glyph_pixfmt_is_plane(const struct glyph_pixfmt *fmt);

// 1 when `fmt` may store palette entries: a colour format (not grey, alpha-only
// or indexed) whose pixels are whole bytes (RGB565, RGB888, ARGB8888, ...).
GLYPH_EXPORT int glyph_pixfmt_is_palette_format(const struct glyph_pixfmt *fmt);

// Stores `word` in bpp/8 bytes at `p` in the format's byte order (bpp >= 8).
GLYPH_EXPORT void glyph_pixfmt_store(const struct glyph_pixfmt *fmt, uint8_t *p, uint32_t word);

// Loads the word stored at `p` (bpp >= 8).
GLYPH_EXPORT uint32_t glyph_pixfmt_load(const struct glyph_pixfmt *fmt, const uint8_t *p);

// Reduces an 8-bit channel value to `bits` bits, rounding to nearest:
// (v * max + 127) / 255 with max = 2^bits - 1; 0 when bits is 0.
GLYPH_EXPORT unsigned glyph_channel_reduce(unsigned v, unsigned bits);

// Expands a `bits`-bit channel value to 8 bits, rounding to nearest:
// (q * 255 + max / 2) / max; 0 when bits is 0.
GLYPH_EXPORT unsigned glyph_channel_expand(unsigned q, unsigned bits);

// Rec. 709 luma of 8-bit sRGB values, rounded:
// (2126 R + 7152 G + 722 B + 5000) / 10000.
GLYPH_EXPORT unsigned glyph_luma709(unsigned r, unsigned g, unsigned b);

#ifdef __cplusplus
}
#endif

#endif
