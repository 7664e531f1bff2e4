// libglyph: packing a plane of small integers (glyph coverage levels, grey or
// palette indices) into display-native bytes, and unpacking it again.
//
// Layouts:
// - GLYPH_LAYOUT_ROWS: row-major; each byte holds 8/bpp horizontally adjacent
//   pixels. Rows either start on a byte boundary padded to `row_align` bytes,
//   or (row_align == 0, "bit-packed") follow each other with no padding.
// - GLYPH_LAYOUT_PAGES: column-major in pages, as SSD1306 and MicroPython's
//   framebuf.MONO_VLSB: each byte holds 8/bpp vertically adjacent pixels of one
//   column; a page is `width` such bytes (padded to `row_align`, minimum 1),
//   covering 8/bpp pixel rows; pages follow each other top to bottom.
// Bit order: GLYPH_BIT_MSB_FIRST puts the first pixel (leftmost in rows, top
// in pages) in the most significant bits of the byte; GLYPH_BIT_LSB_FIRST
// puts it in the least significant bits (MONO_VLSB is pages + LSB first).
// A pixel value keeps its own bit significance inside its field.
// For bpp 8 every layout reduces to one byte per pixel (pages then stores
// columns top to bottom, one pixel per byte).
#ifndef GLYPH_PACK_H
#define GLYPH_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glyph_layout {
    GLYPH_LAYOUT_ROWS = 0,
    GLYPH_LAYOUT_PAGES = 1,
};

enum glyph_bit_order {
    GLYPH_BIT_MSB_FIRST = 0,
    GLYPH_BIT_LSB_FIRST = 1,
};

struct glyph_pack_format {
    unsigned bpp;                   // 1, 2, 4 or 8 bits per pixel
    enum glyph_layout layout;       // default GLYPH_LAYOUT_ROWS
    enum glyph_bit_order bit_order; // default GLYPH_BIT_MSB_FIRST
    unsigned row_align;             // bytes; 0 = bit-packed rows (ROWS only), 1 = byte-aligned
};

// Bytes needed for a width x height plane in `fmt`, or 0 if the format is
// invalid or the size overflows. A 0 x N or N x 0 plane needs 0 bytes (check
// validity with glyph_pack_format_valid).
GLYPH_EXPORT size_t glyph_pack_size(const struct glyph_pack_format *fmt, uint32_t width,
                                    uint32_t height);

// Bytes from one row (ROWS) or one page (PAGES) to the next; 0 for bit-packed
// rows, whose rows are not byte-addressable.
GLYPH_EXPORT size_t glyph_pack_stride(const struct glyph_pack_format *fmt, uint32_t width);

// Returns 1 when bpp is 1/2/4/8, layout and bit order known, row_align is 0
// (ROWS only) or a power of two up to 256.
GLYPH_EXPORT int glyph_pack_format_valid(const struct glyph_pack_format *fmt);

// Packs `width` x `height` values (each < 2^bpp; higher bits are ignored),
// read row-major with `src_pitch` bytes between rows, into `dst`, which must
// hold glyph_pack_size() bytes; padding bits are zero. Returns 0 or
// GLYPH_ERR_INVALID_ARG.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_pack_plane(const struct glyph_pack_format *fmt,
                                                  const uint8_t *src, size_t src_pitch,
                                                  uint32_t width, uint32_t height, uint8_t *dst,
                                                  size_t dst_len);

// Inverse of glyph_pack_plane: unpacks into `width` x `height` values written
// row-major with `dst_pitch` bytes between rows. Returns 0 or
// GLYPH_ERR_INVALID_ARG (also when `src_len` is too small).
GLYPH_EXPORT GLYPH_NODISCARD int glyph_unpack_plane(const struct glyph_pack_format *fmt,
                                                    const uint8_t *src, size_t src_len,
                                                    uint32_t width, uint32_t height, uint8_t *dst,
                                                    size_t dst_pitch);

#ifdef __cplusplus
}
#endif

#endif
