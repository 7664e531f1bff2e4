// Fonts in the EVE model: CMD_SETFONT2 and CMD_TEXT with legacy fonts.
//
// A legacy font is a 148-byte metric block (FT81x programming guide, "ROM
// and RAM fonts"; Bridgetek EveApps EVE_GpuTypes.h): u8 width[128] (the
// advance of each code), then u32 format, u32 line stride, u32 max width,
// u32 height and u32 pointer to the glyph data. Under CMD_SETFONT2(font,
// ptr, firstchar) (FT81x and later) the pointer addresses the glyph of
// `firstchar`; glyph c is cell c of a bitmap whose source is pointer -
// firstchar * stride * height (docs of rasterd: ../shared/reference/eve.md,
// from Bridgetek's Eve-MCU-Dev and ESD code). CMD_SETFONT2 sets the bitmap
// handle up with display-list commands (BITMAP_HANDLE, BITMAP_SOURCE,
// BITMAP_LAYOUT(_H), BITMAP_SIZE(_H)), which is why it follows CMD_DLSTART.
//
// CMD_TEXT draws one cell per byte of the string at the pen position and
// advances the pen by width[c]; the cells' top edge is at y (no OPT_*
// option is modelled but OPT_RIGHTX, which ends the text at x). Codes 1 to
// 127 index legacy fonts. The coprocessor emits BEGIN(BITMAPS) and one
// VERTEX2II per glyph, so text must lie within 0..511 in both axes here.
//
// Extended fonts (format 1, BT81x): eve_text_setfont2 tells them apart by
// the signature at +0 and hands them to eve_xfont.c, as CMD_TEXT does.
#include "eve_priv.h"

#define METRIC_SIZE  148u
#define OPT_RIGHTX   2048u
#define OPT_MODELLED OPT_RIGHTX

uint32_t eve_ram_g_u32(const struct eve_model *m, uint32_t addr)
{
    uint8_t b[4];
    for (uint32_t i = 0; i < 4; i++) {
        b[i] = eve_ram_g_byte(m, addr + i);
    }
    return eve_load32(b);
}

static uint32_t metric(const struct eve_model *m, uint32_t ptr, uint32_t off)
{
    return eve_ram_g_u32(m, ptr + off);
}

void eve_text_setfont2(struct eve_model *m, uint32_t font, uint32_t ptr, uint32_t firstchar)
{
    if (font > 31 || ptr > EVE_RAM_G_SIZE - METRIC_SIZE || firstchar > 127) {
        m->fault = 1;
        m->stats.faults++;
        eve_fail(m, "CMD_SETFONT2(%u, 0x%x, %u): out of range", (unsigned)font, (unsigned)ptr,
                 (unsigned)firstchar);
        return;
    }
    if (eve_xfont_setfont2(m, font, ptr, firstchar)) {
        return;
    }
    uint32_t format = metric(m, ptr, 128), stride = metric(m, ptr, 132);
    uint32_t width = metric(m, ptr, 136), height = metric(m, ptr, 140);
    uint32_t gptr = metric(m, ptr, 144);
    uint32_t source = (gptr - firstchar * stride * height) & 0x3FFFFFu;
    m->fonts[font] = (struct eve_font){1, 0, ptr, firstchar};
    eve_copro_dl(m, (uint32_t)DL_BITMAP_HANDLE << 24 | font);
    eve_copro_dl(m, (uint32_t)DL_BITMAP_SOURCE << 24 | source);
    eve_copro_dl(m, (uint32_t)DL_BITMAP_LAYOUT << 24 | (format & 31u) << 19 |
                        (stride & 1023u) << 9 | (height & 511u));
    eve_copro_dl(m, (uint32_t)DL_BITMAP_LAYOUT_H << 24 | (stride >> 10 & 3u) << 2 |
                        (height >> 9 & 3u));
    eve_copro_dl(m, (uint32_t)DL_BITMAP_SIZE << 24 | (width & 511u) << 9 | (height & 511u));
    eve_copro_dl(m, (uint32_t)DL_BITMAP_SIZE_H << 24 | (width >> 9 & 3u) << 2 | (height >> 9 & 3u));
}

static uint32_t text_width(const struct eve_model *m, uint32_t ptr, const uint8_t *s)
{
    uint32_t w = 0;
    for (; *s != 0; s++) {
        w += eve_ram_g_byte(m, ptr + (*s & 127u));
    }
    return w;
}

void eve_text_draw(struct eve_model *m, int32_t x, int32_t y, uint32_t font, uint32_t options,
                   const uint8_t *s)
{
    if (font > 31 || !m->fonts[font].set) {
        eve_fail(m, "CMD_TEXT with font %u: ROM fonts are not modelled, use CMD_SETFONT2",
                 (unsigned)font);
        return;
    }
    if ((options & ~OPT_MODELLED) != 0) {
        eve_fail(m, "CMD_TEXT option 0x%x not modelled", (unsigned)options);
        return;
    }
    if (m->fonts[font].xfont) {
        eve_xfont_draw(m, x, y, font, options, s);
        return;
    }
    uint32_t ptr = m->fonts[font].ptr;
    if (options & OPT_RIGHTX) {
        x -= (int32_t)text_width(m, ptr, s);
    }
    eve_copro_dl(m, (uint32_t)DL_BEGIN << 24 | PRIM_BITMAPS);
    for (; *s != 0; s++) {
        unsigned c = *s;
        if (c > 127) {
            eve_fail(m, "CMD_TEXT byte 0x%02x: legacy fonts hold codes 1 to 127", c);
            return;
        }
        if (x < 0 || x > 511 || y < 0 || y > 511) {
            eve_fail(m, "CMD_TEXT glyph at (%d, %d): only 0..511 is modelled (VERTEX2II)", (int)x,
                     (int)y);
            return;
        }
        eve_copro_dl(m, 0x80000000u | (uint32_t)x << 21 | (uint32_t)y << 12 | font << 7 | c);
        x += eve_ram_g_byte(m, ptr + c);
    }
    eve_copro_dl(m, (uint32_t)DL_END << 24);
}

void eve_text_setfont(struct eve_model *m, uint32_t font, uint32_t ptr)
{
    if (font > 31 || ptr > EVE_RAM_G_SIZE - METRIC_SIZE) {
        m->fault = 1;
        m->stats.faults++;
        eve_fail(m, "CMD_SETFONT(%u, 0x%x): out of range", (unsigned)font, (unsigned)ptr);
        return;
    }
    m->fonts[font] = (struct eve_font){.set = 1, .ptr = ptr};
}
