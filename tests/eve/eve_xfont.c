// Extended fonts, format 1 (BT81x), in the EVE model: CMD_SETFONT2 on a
// block whose first word is 0x0100AAFF, and CMD_TEXT decoding UTF-8 for it.
//
// The block, as Bridgetek's code reads it (README.md, "Extended fonts"):
// +8 format, +12 swizzle, +16 layout width (bytes), +20 layout height,
// +24/+28 pixel width and height, +32 start of glyph data, +36 N (a multiple
// of 128), +40 gptr[N/128], then wptr[N/128]. The glyph of c is at start +
// gptr[c/128] + (c%128) * layout width * layout height; its width byte at
// the font block + wptr[c/128] + c%128 (EVE Asset Builder's files and
// Bridgetek's EvChargePoint, Lift2 and UnicodeRuntime demos; Eve-MCU-Dev's
// fonts.c reads wptr as an absolute address instead: README.md says why the
// model follows the former).
//
// CMD_SETFONT2 sets the handle's layout and size; CMD_TEXT emits, per
// character, BITMAP_SOURCE(glyph) and VERTEX2II at the pen, advancing it by
// the width byte. Modelled: L1, L2, L4, L8 glyphs with the identity swizzle,
// and ASTC glyphs (37808..37821: BITMAP_LAYOUT(GLFORMAT), BITMAP_EXT_FORMAT
// and BITMAP_SWIZZLE from the block, as EVE Asset Builder's ASTC fonts need).
// A character at or past N, ill-formed UTF-8 and anything else is an error.
#include "eve_priv.h"

#define XF_IDENTITY_SWIZZLE (2u << 9 | 3u << 6 | 4u << 3 | 5u)
#define OPT_RIGHTX          2048u

int eve_xfont_setfont2(struct eve_model *m, uint32_t font, uint32_t ptr, uint32_t firstchar)
{
    if (eve_ram_g_u32(m, ptr) != EVE_XFONT_SIGNATURE) {
        return 0;
    }
    uint32_t format = eve_ram_g_u32(m, ptr + 8), swizzle = eve_ram_g_u32(m, ptr + 12);
    uint32_t lw = eve_ram_g_u32(m, ptr + 16), lh = eve_ram_g_u32(m, ptr + 20);
    uint32_t pw = eve_ram_g_u32(m, ptr + 24), ph = eve_ram_g_u32(m, ptr + 28);
    uint32_t n = eve_ram_g_u32(m, ptr + 36);
    int l_format = format == 1 || format == 2 || format == 3 || format == 17; // L1 L4 L8 L2
    int astc = format >= 37808u && format <= 37821u;
    if (!(l_format && swizzle == XF_IDENTITY_SWIZZLE) && !astc) {
        n = 0; // not modelled
    }
    if (n == 0 || n % 128 != 0 || firstchar != 0) {
        eve_fail(m,
                 "CMD_SETFONT2(%u, 0x%x, %u): extended font with format %u, swizzle 0x%x, N %u "
                 "not modelled (L1/L2/L4/L8 with the identity swizzle, or ASTC; firstchar 0)",
                 (unsigned)font, (unsigned)ptr, (unsigned)firstchar, (unsigned)format,
                 (unsigned)swizzle, (unsigned)n);
        return 1;
    }
    m->fonts[font] = (struct eve_font){1, 1, ptr, 0};
    eve_copro_dl(m, (uint32_t)DL_BITMAP_HANDLE << 24 | font);
    uint32_t layout_format = astc ? 31u : format; // GLFORMAT
    eve_copro_dl(m, (uint32_t)DL_BITMAP_LAYOUT << 24 | (layout_format & 31u) << 19 |
                        (lw & 1023u) << 9 | (lh & 511u));
    eve_copro_dl(m, (uint32_t)DL_BITMAP_LAYOUT_H << 24 | (lw >> 10 & 3u) << 2 | (lh >> 9 & 3u));
    if (astc) {
        eve_copro_dl(m, (uint32_t)DL_BITMAP_EXT_FORMAT << 24 | format);
        eve_copro_dl(m, (uint32_t)DL_BITMAP_SWIZZLE << 24 | (swizzle & 0xFFFu));
    }
    eve_copro_dl(m, (uint32_t)DL_BITMAP_SIZE << 24 | (pw & 511u) << 9 | (ph & 511u));
    eve_copro_dl(m, (uint32_t)DL_BITMAP_SIZE_H << 24 | (pw >> 9 & 3u) << 2 | (ph >> 9 & 3u));
    return 1;
}

// Strict UTF-8 (RFC 3629). Returns the bytes used, 0 when ill-formed.
static unsigned next_cp(const uint8_t *s, uint32_t *cp)
{
    unsigned n = s[0] < 0x80                   ? 1
                 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
                 : s[0] >= 0xE0 && s[0] < 0xF0 ? 3
                 : s[0] >= 0xF0 && s[0] < 0xF5 ? 4
                                               : 0;
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t v = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
    for (unsigned i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u) {
            return 0;
        }
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if (n == 0 || v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return n;
}

struct glyph_at {
    uint32_t addr, width;
};

static int lookup(struct eve_model *m, uint32_t ptr, uint32_t cp, struct glyph_at *g)
{
    uint32_t n = eve_ram_g_u32(m, ptr + 36), pages = n / 128;
    if (cp >= n) {
        eve_fail(m, "CMD_TEXT: U+%04X is past the extended font's %u characters", (unsigned)cp,
                 (unsigned)n);
        return -1;
    }
    uint32_t gptr = eve_ram_g_u32(m, ptr + 40 + 4 * (cp / 128));
    uint32_t wptr = eve_ram_g_u32(m, ptr + 40 + 4 * pages + 4 * (cp / 128));
    uint32_t cell = eve_ram_g_u32(m, ptr + 16) * eve_ram_g_u32(m, ptr + 20);
    g->addr = eve_ram_g_u32(m, ptr + 32) + gptr + (cp % 128) * cell;
    g->width = eve_ram_g_byte(m, ptr + wptr + cp % 128);
    return 0;
}

void eve_xfont_draw(struct eve_model *m, int32_t x, int32_t y, uint32_t font, uint32_t options,
                    const uint8_t *s)
{
    uint32_t ptr = m->fonts[font].ptr;
    if (options & OPT_RIGHTX) {
        for (const uint8_t *p = s; *p != 0;) {
            uint32_t cp;
            struct glyph_at g;
            unsigned k = next_cp(p, &cp);
            if (k == 0 || lookup(m, ptr, cp, &g) < 0) {
                eve_fail(m, "CMD_TEXT: ill-formed UTF-8 or missing character");
                return;
            }
            x -= (int32_t)g.width;
            p += k;
        }
    }
    eve_copro_dl(m, (uint32_t)DL_BEGIN << 24 | PRIM_BITMAPS);
    while (*s != 0) {
        uint32_t cp;
        struct glyph_at g;
        unsigned k = next_cp(s, &cp);
        if (k == 0) {
            eve_fail(m, "CMD_TEXT: ill-formed UTF-8 at byte 0x%02x", s[0]);
            return;
        }
        if (lookup(m, ptr, cp, &g) < 0) {
            return;
        }
        if (x < 0 || x > 511 || y < 0 || y > 511) {
            eve_fail(m, "CMD_TEXT glyph at (%d, %d): only 0..511 is modelled (VERTEX2II)", (int)x,
                     (int)y);
            return;
        }
        eve_copro_dl(m, (uint32_t)DL_BITMAP_SOURCE << 24 | (g.addr & 0x3FFFFFu));
        eve_copro_dl(m, 0x80000000u | (uint32_t)x << 21 | (uint32_t)y << 12 | font << 7);
        x += (int32_t)g.width;
        s += k;
    }
    eve_copro_dl(m, (uint32_t)DL_END << 24);
}
