// Bitmap formats in the EVE model: where a texel's bits are and what colour
// they mean.
//
// Layout (FT81x programming guide, BITMAP_LAYOUT; ../shared/reference/eve.md):
// rows of `stride` bytes, top row first; cell k of a handle starts at
// source + k * stride * layout_height; sub-byte formats put the leftmost
// pixel in the most significant bits (L1 bit 7, L2 bits 7:6, L4 bits 7:4);
// 16-bit formats are little-endian words. Addresses wrap at 22 bits (FT81x
// BITMAP_SOURCE), so a font's virtual glyph-0 source below 0 still works.
//
// Colour: L1/L2/L4/L8 give alpha, with white colour (the programming
// guide's format figure shows them as an alpha channel only; colour comes
// from COLOR_RGB); RGB565 and RGB332 are opaque. An n-bit channel value q
// shows as (q * 255 + max / 2) / max with max = 2^n - 1, the expansion
// docs/image-formats.md documents as what the display shows (for 1, 2, 4
// and 8 bits it is exact bit replication; for 3, 5 and 6 bits it differs
// from replication by at most 1, which the tests allow).
//
// Paletted formats (FT81x programming guide, BITMAP_LAYOUT; the palette
// address is PALETTE_SOURCE): the 8-bit texel value is an index. PALETTED565
// and PALETTED4444 read the little-endian 16-bit entry at PALETTE_SOURCE +
// 2 x index (2-byte aligned) and show it like RGB565 / ARGB4. PALETTED8's
// entries are 4 bytes B, G, R, A, drawn in four passes that point
// PALETTE_SOURCE at the table + 3, + 2, + 1 and + 0 under COLOR_MASK
// (Bridgetek BRT_AN_074 example, Eve-MCU-Dev): the model's reading, as no
// text states it, is that a PALETTED8 texel is the one byte at
// PALETTE_SOURCE + 4 x index, in all four channels.
//
// GLFORMAT takes the format from BITMAP_EXT_FORMAT (BT81x); a
// BITMAP_EXT_FORMAT after another layout format must name the same format
// (anything else is not modelled). ASTC texels: eve_astc.c.
#include "eve_priv.h"

enum {
    FMT_ARGB1555 = 0,
    FMT_L1 = 1,
    FMT_L4 = 2,
    FMT_L8 = 3,
    FMT_RGB332 = 4,
    FMT_ARGB2 = 5,
    FMT_ARGB4 = 6,
    FMT_RGB565 = 7,
    FMT_PALETTED565 = 14,
    FMT_PALETTED4444 = 15,
    FMT_PALETTED8 = 16,
    FMT_L2 = 17,
    FMT_GLFORMAT = 31,
};

unsigned eve_bitmap_bpp(unsigned format)
{
    switch (format) {
    case FMT_L1:
        return 1;
    case FMT_L2:
        return 2;
    case FMT_L4:
        return 4;
    case FMT_L8:
    case FMT_RGB332:
    case FMT_ARGB2:
    case FMT_PALETTED565:
    case FMT_PALETTED4444:
    case FMT_PALETTED8:
        return 8;
    case FMT_ARGB1555:
    case FMT_ARGB4:
    case FMT_RGB565:
        return 16;
    default:
        return 0;
    }
}

static uint8_t expand(uint32_t q, unsigned bits)
{
    uint32_t max = (1u << bits) - 1u;
    return (uint8_t)(((q & max) * 255u + max / 2u) / max);
}

// The raw bits of texel (u, v): bpp bits, pixel order as documented above.
static uint32_t texel_bits(const struct eve_model *m, const struct eve_handle *h, uint32_t cell,
                           uint32_t u, uint32_t v, unsigned bpp)
{
    uint32_t row = h->source + cell * h->stride * h->layout_height + v * h->stride;
    uint32_t bit = u * bpp;
    uint32_t a = row + bit / 8;
    if (bpp == 16) {
        return (uint32_t)eve_ram_g_byte(m, a) | (uint32_t)eve_ram_g_byte(m, a + 1) << 8;
    }
    uint32_t byte = eve_ram_g_byte(m, a);
    return (byte >> (8 - bpp - bit % 8)) & ((1u << bpp) - 1u);
}

// Wraps or clips a coordinate; returns 0 if the texel is outside (BORDER).
static int wrap(int32_t *c, uint32_t size, unsigned repeat)
{
    if (size == 0) {
        return 0;
    }
    if (repeat) {
        int32_t s = (int32_t)size;
        *c = ((*c % s) + s) % s;
        return 1;
    }
    return *c >= 0 && (uint32_t)*c < size;
}

static struct eve_rgba decode(uint32_t q, unsigned format)
{
    struct eve_rgba t = {255, 255, 255, 255};
    switch (format) {
    case FMT_L1:
        t.a = expand(q, 1);
        break;
    case FMT_L2:
        t.a = expand(q, 2);
        break;
    case FMT_L4:
        t.a = expand(q, 4);
        break;
    case FMT_L8:
        t.a = (uint8_t)q;
        break;
    case FMT_RGB332:
        t = (struct eve_rgba){expand(q >> 5, 3), expand(q >> 2, 3), expand(q, 2), 255};
        break;
    case FMT_ARGB2:
        t = (struct eve_rgba){expand(q >> 4, 2), expand(q >> 2, 2), expand(q, 2),
                              expand(q >> 6, 2)};
        break;
    case FMT_ARGB4:
        t = (struct eve_rgba){expand(q >> 8, 4), expand(q >> 4, 4), expand(q, 4),
                              expand(q >> 12, 4)};
        break;
    case FMT_RGB565:
        t = (struct eve_rgba){expand(q >> 11, 5), expand(q >> 5, 6), expand(q, 5), 255};
        break;
    case FMT_ARGB1555:
        t = (struct eve_rgba){expand(q >> 10, 5), expand(q >> 5, 5), expand(q, 5),
                              expand(q >> 15, 1)};
        break;
    default:
        break;
    }
    return t;
}

// A palette entry for index q (see the file comment).
static struct eve_rgba lookup(struct eve_model *m, const struct eve_handle *h, uint32_t q)
{
    if (h->format == FMT_PALETTED8) {
        uint8_t b = eve_ram_g_byte(m, h->palette + 4u * q);
        return (struct eve_rgba){b, b, b, b};
    }
    if (h->palette % 2 != 0) {
        eve_fail(m, "PALETTE_SOURCE 0x%x is not 2-byte aligned for format %u", (unsigned)h->palette,
                 h->format);
    }
    uint32_t a = h->palette + 2u * q;
    uint32_t e = (uint32_t)eve_ram_g_byte(m, a) | (uint32_t)eve_ram_g_byte(m, a + 1) << 8;
    return decode(e, h->format == FMT_PALETTED565 ? FMT_RGB565 : FMT_ARGB4);
}

// BITMAP_SWIZZLE(r, g, b, a), 3 bits each from bit 9 down: each channel
// takes ZERO 0, ONE 1, RED 2, GREEN 3, BLUE 4 or ALPHA 5 of the texel (BT81x
// programming guide). The model applies it to GLFORMAT (ASTC) bitmaps, which
// is where Bridgetek's tools use it (extended fonts' ASTC glyphs).
#define SWIZZLE_IDENTITY (2u << 9 | 3u << 6 | 4u << 3 | 5u)

static struct eve_rgba swizzle(uint32_t sw, struct eve_rgba t)
{
    const uint8_t src[8] = {0, 255, t.r, t.g, t.b, t.a, 0, 0};
    return (struct eve_rgba){src[sw >> 9 & 7u], src[sw >> 6 & 7u], src[sw >> 3 & 7u], src[sw & 7u]};
}

// The format a handle draws: BITMAP_LAYOUT's, or BITMAP_EXT_FORMAT's for
// GLFORMAT. 0 (and an error) when they disagree.
static int draw_format(struct eve_model *m, const struct eve_handle *h, uint32_t *format)
{
    *format = h->format;
    if (h->format == FMT_GLFORMAT) {
        *format = h->ext_format;
        if (!h->ext_set) {
            eve_fail(m, "GLFORMAT bitmap without BITMAP_EXT_FORMAT");
            return 0;
        }
    } else if (h->ext_set && h->ext_format != h->format) {
        eve_fail(m, "BITMAP_EXT_FORMAT %u after BITMAP_LAYOUT format %u is not modelled",
                 (unsigned)h->ext_format, h->format);
        return 0;
    }
    return 1;
}

int eve_bitmap_texel(struct eve_model *m, const struct eve_handle *h, uint32_t cell, int32_t u,
                     int32_t v, struct eve_rgba *out)
{
    uint32_t format;
    if (!draw_format(m, h, &format)) {
        return -1;
    }
    if (h->format == FMT_GLFORMAT) {
        int rc = eve_astc_texel(m, h, cell, u, v, out);
        if (rc == 0 && h->swizzle_set) {
            *out = swizzle(h->swizzle, *out);
        }
        return rc;
    }
    if (h->swizzle_set && h->swizzle != SWIZZLE_IDENTITY) {
        eve_fail(m, "BITMAP_SWIZZLE 0x%03x on a format-%u bitmap is not modelled (GLFORMAT only)",
                 (unsigned)h->swizzle, h->format);
        return -1;
    }
    unsigned bpp = eve_bitmap_bpp(h->format);
    if (bpp == 0) {
        eve_fail(m, "bitmap format %u not modelled", h->format);
        return -1;
    }
    uint32_t layout_width = h->stride * 8u / bpp;
    if (!wrap(&u, layout_width, h->wrapx) || !wrap(&v, h->layout_height, h->wrapy)) {
        *out = (struct eve_rgba){0, 0, 0, 0};
        return 0;
    }
    uint32_t q = texel_bits(m, h, cell, (uint32_t)u, (uint32_t)v, bpp);
    *out = h->format >= FMT_PALETTED565 && h->format <= FMT_PALETTED8 ? lookup(m, h, q)
                                                                      : decode(q, h->format);
    return 0;
}
