#include <string.h>

#include "glyph/error.h"
#include "glyph/pack.h"

int glyph_pack_format_valid(const struct glyph_pack_format *fmt)
{
    if (fmt->bpp != 1 && fmt->bpp != 2 && fmt->bpp != 4 && fmt->bpp != 8) {
        return 0;
    }
    if (fmt->layout != GLYPH_LAYOUT_ROWS && fmt->layout != GLYPH_LAYOUT_PAGES) {
        return 0;
    }
    if (fmt->bit_order != GLYPH_BIT_MSB_FIRST && fmt->bit_order != GLYPH_BIT_LSB_FIRST) {
        return 0;
    }
    if (fmt->row_align == 0) {
        return fmt->layout == GLYPH_LAYOUT_ROWS;
    }
    return fmt->row_align <= 256 && (fmt->row_align & (fmt->row_align - 1)) == 0;
}

static size_t align_up(size_t v, size_t a)
{
    if (a <= 1) {
        return v;
    }
    size_t r = v % a;
    return r == 0 ? v : v + (a - r);
}

size_t glyph_pack_stride(const struct glyph_pack_format *fmt, uint32_t width)
{
    if (!glyph_pack_format_valid(fmt) || fmt->row_align == 0) {
        return 0;
    }
    if (fmt->layout == GLYPH_LAYOUT_PAGES) {
        return align_up(width, fmt->row_align);
    }
    size_t bits = (size_t)width * fmt->bpp;
    return align_up((bits + 7) / 8, fmt->row_align);
}

size_t glyph_pack_size(const struct glyph_pack_format *fmt, uint32_t width, uint32_t height)
{
    if (!glyph_pack_format_valid(fmt) || width == 0 || height == 0) {
        return 0;
    }
    if (fmt->row_align == 0) {
        // Bit-packed rows: width and height are 32-bit, so this fits 64 bits.
        uint64_t bits = (uint64_t)width * height * fmt->bpp;
        uint64_t bytes = (bits + 7) / 8;
        return bytes > SIZE_MAX ? 0 : (size_t)bytes;
    }
    size_t stride = glyph_pack_stride(fmt, width);
    size_t lines = height;
    if (fmt->layout == GLYPH_LAYOUT_PAGES) {
        size_t per_byte = 8 / fmt->bpp;
        lines = (height + per_byte - 1) / per_byte;
    }
    if (stride != 0 && lines > SIZE_MAX / stride) {
        return 0;
    }
    return stride * lines;
}

// Position of pixel `i` (0-based) within its byte, as a shift from bit 0.
static unsigned field_shift(const struct glyph_pack_format *fmt, size_t i)
{
    unsigned per_byte = 8 / fmt->bpp;
    unsigned slot = (unsigned)(i % per_byte);
    if (fmt->bit_order == GLYPH_BIT_MSB_FIRST) {
        slot = per_byte - 1 - slot;
    }
    return slot * fmt->bpp;
}

// Byte index and pixel index within that byte for pixel (x, y).
static void locate(const struct glyph_pack_format *fmt, size_t stride, uint32_t width, uint32_t x,
                   uint32_t y, size_t *byte, size_t *within)
{
    size_t per_byte = 8 / fmt->bpp;
    if (fmt->layout == GLYPH_LAYOUT_PAGES) {
        *byte = (y / per_byte) * stride + x;
        *within = y % per_byte;
    } else if (fmt->row_align == 0) {
        size_t pos = (size_t)y * width + x;
        *byte = pos / per_byte;
        *within = pos % per_byte;
    } else {
        *byte = (size_t)y * stride + x / per_byte;
        *within = x % per_byte;
    }
}

// One byte-aligned row. Inlined with constant bpp and bit order, so that
// the inner loop unrolls: whole output bytes are assembled in a register
// instead of OR-ing each pixel into memory.
static inline __attribute__((always_inline)) void pack_row(const uint8_t *row, uint32_t width,
                                                           uint8_t *out, unsigned bpp, int msb)
{
    const unsigned per = 8 / bpp, mask = (1u << bpp) - 1u;
    uint32_t x = 0;
    for (; width - x >= per; x += per) {
        unsigned byte = 0;
        for (unsigned k = 0; k < per; k++) {
            byte |= (row[x + k] & mask) << ((msb ? per - 1u - k : k) * bpp);
        }
        *out++ = (uint8_t)byte;
    }
    if (x < width) {
        unsigned byte = 0;
        for (unsigned k = 0; x + k < width; k++) {
            byte |= (row[x + k] & mask) << ((msb ? per - 1u - k : k) * bpp);
        }
        *out = (uint8_t)byte;
    }
}

// Byte-aligned rows, the common case for fonts (about 10x fewer
// instructions than the general loop below; the results are equal).
static void pack_rows_aligned(const struct glyph_pack_format *fmt, const uint8_t *src,
                              size_t src_pitch, uint32_t width, uint32_t height, uint8_t *dst,
                              size_t stride)
{
    int msb = fmt->bit_order == GLYPH_BIT_MSB_FIRST;
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *row = src + (size_t)y * src_pitch;
        uint8_t *out = dst + (size_t)y * stride;
        switch (fmt->bpp * 2 + (unsigned)msb) {
        case 2:
            pack_row(row, width, out, 1, 0);
            break;
        case 3:
            pack_row(row, width, out, 1, 1);
            break;
        case 4:
            pack_row(row, width, out, 2, 0);
            break;
        case 5:
            pack_row(row, width, out, 2, 1);
            break;
        case 8:
            pack_row(row, width, out, 4, 0);
            break;
        case 9:
            pack_row(row, width, out, 4, 1);
            break;
        default:
            memcpy(out, row, width); // 8 bpp
            break;
        }
    }
}

int glyph_pack_plane(const struct glyph_pack_format *fmt, const uint8_t *src, size_t src_pitch,
                     uint32_t width, uint32_t height, uint8_t *dst, size_t dst_len)
{
    size_t need = glyph_pack_size(fmt, width, height);
    if (!glyph_pack_format_valid(fmt) || dst_len < need || src_pitch < width) {
        return GLYPH_ERR_INVALID_ARG;
    }
    if (need == 0) {
        return 0;
    }
    memset(dst, 0, need);
    size_t stride = glyph_pack_stride(fmt, width);
    if (fmt->layout == GLYPH_LAYOUT_ROWS && fmt->row_align != 0) {
        pack_rows_aligned(fmt, src, src_pitch, width, height, dst, stride);
        return 0;
    }
    uint8_t mask = (uint8_t)((1u << fmt->bpp) - 1u);
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *row = src + (size_t)y * src_pitch;
        for (uint32_t x = 0; x < width; x++) {
            size_t byte, within;
            locate(fmt, stride, width, x, y, &byte, &within);
            dst[byte] |= (uint8_t)((row[x] & mask) << field_shift(fmt, within));
        }
    }
    return 0;
}

int glyph_unpack_plane(const struct glyph_pack_format *fmt, const uint8_t *src, size_t src_len,
                       uint32_t width, uint32_t height, uint8_t *dst, size_t dst_pitch)
{
    size_t need = glyph_pack_size(fmt, width, height);
    if (!glyph_pack_format_valid(fmt) || src_len < need || dst_pitch < width) {
        return GLYPH_ERR_INVALID_ARG;
    }
    size_t stride = glyph_pack_stride(fmt, width);
    uint8_t mask = (uint8_t)((1u << fmt->bpp) - 1u);
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *row = dst + (size_t)y * dst_pitch;
        for (uint32_t x = 0; x < width; x++) {
            size_t byte, within;
            locate(fmt, stride, width, x, y, &byte, &within);
            row[x] = (uint8_t)((src[byte] >> field_shift(fmt, within)) & mask);
        }
    }
    return 0;
}
