// The pixel format table. Ids are stable (they appear in .bin headers):
// append new formats, never renumber.
#include <stddef.h>

#include "glyph/pixfmt.h"

#define LE GLYPH_BYTE_ORDER_LE
#define BE GLYPH_BYTE_ORDER_BE
#define NO GLYPH_BYTE_ORDER_NONE
#define HA GLYPH_PIXFMT_HAS_ALPHA
#define GR GLYPH_PIXFMT_GREY
#define AO (GLYPH_PIXFMT_ALPHA_ONLY | GLYPH_PIXFMT_HAS_ALPHA)
#define IX GLYPH_PIXFMT_INDEXED

// clang-format off
static const struct glyph_pixfmt formats[] = {
    // name       alias        id bpp flags order  R  G  B  A     R   G   B   A    EVE
    {"RGB565",   "RGB565_LE",   1, 16, 0,  LE, {5, 6, 5, 0}, {11,  5,  0,  0}, "RGB565",
     "16-bit R5 G6 B5, little-endian word (EVE, LVGL, framebuf.RGB565)"},
    {"RGB565_BE", NULL,         2, 16, 0,  BE, {5, 6, 5, 0}, {11,  5,  0,  0}, NULL,
     "16-bit R5 G6 B5, big-endian word (ST7789/ILI9341 SPI wire order)"},
    {"BGR565",   "BGR565_LE",   3, 16, 0,  LE, {5, 6, 5, 0}, { 0,  5, 11,  0}, NULL,
     "16-bit B5 G6 R5 (blue in the high bits), little-endian word"},
    {"BGR565_BE", NULL,         4, 16, 0,  BE, {5, 6, 5, 0}, { 0,  5, 11,  0}, NULL,
     "16-bit B5 G6 R5 (blue in the high bits), big-endian word (panels with MADCTL BGR)"},
    {"RGB888",   NULL,          5, 24, 0,  BE, {8, 8, 8, 0}, {16,  8,  0,  0}, NULL,
     "24-bit, bytes R, G, B"},
    {"BGR888",   NULL,          6, 24, 0,  LE, {8, 8, 8, 0}, {16,  8,  0,  0}, NULL,
     "24-bit, bytes B, G, R"},
    {"ARGB8888", NULL,          7, 32, HA, LE, {8, 8, 8, 8}, {16,  8,  0, 24}, NULL,
     "32-bit word A<<24|R<<16|G<<8|B, little-endian: bytes B, G, R, A (EVE PALETTED8 entries)"},
    {"RGBA8888", NULL,          8, 32, HA, BE, {8, 8, 8, 8}, {24, 16,  8,  0}, NULL,
     "32-bit, bytes R, G, B, A"},
    {"ARGB4444", "ARGB4",       9, 16, HA, LE, {4, 4, 4, 4}, { 8,  4,  0, 12}, "ARGB4",
     "16-bit A4 R4 G4 B4, little-endian word (EVE ARGB4)"},
    {"ARGB1555", NULL,         10, 16, HA, LE, {5, 5, 5, 1}, {10,  5,  0, 15}, "ARGB1555",
     "16-bit A1 R5 G5 B5, little-endian word (EVE ARGB1555)"},
    {"RGB332",   NULL,         11,  8, 0,  NO, {3, 3, 2, 0}, { 5,  2,  0,  0}, "RGB332",
     "8-bit R3 G3 B2"},
    {"ARGB2",    "ARGB2222",   12,  8, HA, NO, {2, 2, 2, 2}, { 4,  2,  0,  6}, "ARGB2",
     "8-bit A2 R2 G2 B2"},
    {"L8",       "GS8",        13,  8, GR, NO, {8, 0, 0, 0}, { 0,  0,  0,  0}, "L8",
     "8-bit luminance"},
    {"L4",       "GS4",        14,  4, GR, NO, {4, 0, 0, 0}, { 0,  0,  0,  0}, "L4",
     "4-bit luminance, 2 pixels per byte"},
    {"L2",       "GS2",        15,  2, GR, NO, {2, 0, 0, 0}, { 0,  0,  0,  0}, "L2",
     "2-bit luminance, 4 pixels per byte"},
    {"L1",       "MONO",       16,  1, GR, NO, {1, 0, 0, 0}, { 0,  0,  0,  0}, "L1",
     "1-bit luminance (1 = white), 8 pixels per byte"},
    {"A8",       NULL,         17,  8, AO, NO, {0, 0, 0, 8}, { 0,  0,  0,  0}, "L8",
     "8-bit alpha mask"},
    {"A4",       NULL,         18,  4, AO, NO, {0, 0, 0, 4}, { 0,  0,  0,  0}, "L4",
     "4-bit alpha mask, 2 pixels per byte"},
    {"A1",       NULL,         19,  1, AO, NO, {0, 0, 0, 1}, { 0,  0,  0,  0}, "L1",
     "1-bit alpha mask (1 = opaque), 8 pixels per byte"},
    {"I8",       NULL,         20,  8, IX, NO, {0, 0, 0, 0}, { 0,  0,  0,  0}, "PALETTED8",
     "8-bit palette index, up to 256 colours"},
    {"I4",       NULL,         21,  4, IX, NO, {0, 0, 0, 0}, { 0,  0,  0,  0}, NULL,
     "4-bit palette index, up to 16 colours"},
    {"I2",       NULL,         22,  2, IX, NO, {0, 0, 0, 0}, { 0,  0,  0,  0}, NULL,
     "2-bit palette index, up to 4 colours"},
    {"I1",       NULL,         23,  1, IX, NO, {0, 0, 0, 0}, { 0,  0,  0,  0}, NULL,
     "1-bit palette index, 2 colours"},
    {"A2",       NULL,         24,  2, AO, NO, {0, 0, 0, 2}, { 0,  0,  0,  0}, "L2",
     "2-bit alpha mask, 4 pixels per byte"},
    {"AL88",     NULL,         25, 16, GR | HA, LE, {8, 0, 0, 8}, { 0,  0,  0,  8}, NULL,
     "16-bit luminance and alpha: bytes L, A (LVGL AL88)"},
    {"ARGB8565", NULL,         26, 24, HA, LE, {5, 6, 5, 8}, {11,  5,  0, 16}, NULL,
     "24-bit RGB565 word then alpha: bytes G2..0 B, R G5..3, A (LVGL ARGB8565)"},
};
// clang-format on

#define FORMAT_COUNT (sizeof(formats) / sizeof(formats[0]))

size_t glyph_pixfmt_count(void)
{
    return FORMAT_COUNT;
}

const struct glyph_pixfmt *glyph_pixfmt_at(size_t i)
{
    return i < FORMAT_COUNT ? &formats[i] : NULL;
}

static int name_equal(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z') {
            ca -= 'a' - 'A';
        }
        if (cb >= 'a' && cb <= 'z') {
            cb -= 'a' - 'A';
        }
        if (ca != cb) {
            return 0;
        }
        if (ca == 0) {
            return 1;
        }
    }
}

const struct glyph_pixfmt *glyph_pixfmt_find(const char *name)
{
    if (name == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (name_equal(name, formats[i].name) ||
            (formats[i].alias != NULL && name_equal(name, formats[i].alias))) {
            return &formats[i];
        }
    }
    return NULL;
}

const struct glyph_pixfmt *glyph_pixfmt_by_id(unsigned id)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (formats[i].id == id) {
            return &formats[i];
        }
    }
    return NULL;
}

int glyph_pixfmt_is_plane(const struct glyph_pixfmt *fmt)
{
    return fmt->bpp <= 8 &&
           (fmt->flags & (GLYPH_PIXFMT_GREY | GLYPH_PIXFMT_ALPHA_ONLY | GLYPH_PIXFMT_INDEXED)) != 0;
}

int glyph_pixfmt_is_palette_format(const struct glyph_pixfmt *fmt)
{
    return fmt->bpp % 8 == 0 &&
           (fmt->flags & (GLYPH_PIXFMT_GREY | GLYPH_PIXFMT_ALPHA_ONLY | GLYPH_PIXFMT_INDEXED)) == 0;
}

void glyph_pixfmt_store(const struct glyph_pixfmt *fmt, uint8_t *p, uint32_t word)
{
    unsigned n = fmt->bpp / 8u;
    for (unsigned i = 0; i < n; i++) {
        unsigned sh = fmt->byte_order == GLYPH_BYTE_ORDER_BE ? 8u * (n - 1 - i) : 8u * i;
        p[i] = (uint8_t)(word >> sh);
    }
}

uint32_t glyph_pixfmt_load(const struct glyph_pixfmt *fmt, const uint8_t *p)
{
    unsigned n = fmt->bpp / 8u;
    uint32_t word = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned sh = fmt->byte_order == GLYPH_BYTE_ORDER_BE ? 8u * (n - 1 - i) : 8u * i;
        word |= (uint32_t)p[i] << sh;
    }
    return word;
}

unsigned glyph_channel_reduce(unsigned v, unsigned bits)
{
    if (bits == 0) {
        return 0;
    }
    unsigned max = (1u << bits) - 1u;
    return (v * max + 127u) / 255u;
}

unsigned glyph_channel_expand(unsigned q, unsigned bits)
{
    if (bits == 0) {
        return 0;
    }
    unsigned max = (1u << bits) - 1u;
    return (q * 255u + max / 2u) / max;
}

unsigned glyph_luma709(unsigned r, unsigned g, unsigned b)
{
    return (2126u * r + 7152u * g + 722u * b + 5000u) / 10000u;
}
