// The model's extended fonts (eve_xfont.c) on a font block built here by
// hand from the documented layout (docs/eve-fonts.md), not by rasterd: the
// glyph and width lookups (gptr from the start of glyph data, wptr from the
// font block), and what it must report instead of drawing: ill-formed
// UTF-8, a character at or past N, a format or swizzle it does not model.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "eve_host.h"
#include "eve_model.h"

#define FONT  0x1000u // font block address
#define GLYPH 0x2000u // start of glyph data

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

// Two pages (N = 256), L8 cells of 2x2: U+0041 'A' on page 0 and U+00C4 on
// page 1, each a solid cell, 3 px wide; every other width 0.
static void load_font(struct eve_host *h, uint32_t format, uint32_t swizzle)
{
    uint8_t blk[40 + 16 + 3 * 128];
    memset(blk, 0, sizeof blk);
    const uint32_t hdr[10] = {0x0100AAFFu, sizeof blk, format, swizzle, 2, 2, 2, 2, GLYPH, 256};
    for (int i = 0; i < 10; i++) {
        put32(blk + 4 * i, hdr[i]);
    }
    put32(blk + 40, 0);               // gptr[0]: page 0 at GLYPH
    put32(blk + 44, 128 * 4);         // gptr[1]: page 1 after 128 cells of 4 bytes
    put32(blk + 48, 56 + 128);        // wptr[0]: relative to the font block
    put32(blk + 52, 56 + 256);        // wptr[1]
    blk[56 + 128 + 0x41] = 3;         // width of 'A'
    blk[56 + 256 + (0xC4 - 128)] = 3; // width of U+00C4
    static const uint8_t solid[4] = {255, 255, 255, 255};
    eve_host_write(h, FONT, blk, sizeof blk);
    eve_host_write(h, GLYPH + 0x41 * 4, solid, 4);
    eve_host_write(h, GLYPH + 128 * 4 + (0xC4 - 128) * 4, solid, 4);
}

static void frame(struct eve_host *h, const char *text)
{
    eve_host_cmd(h, 0xFFFFFF00u); // CMD_DLSTART
    eve_host_cmd(h, eve_dl_clear(1, 1, 1));
    eve_host_cmd(h, 0xFFFFFF3Bu); // CMD_SETFONT2(5, FONT, 0)
    eve_host_cmd(h, 5);
    eve_host_cmd(h, FONT);
    eve_host_cmd(h, 0);
    eve_host_text(h, 10, 20, 5, 0, text);
    eve_host_cmd(h, eve_dl_display());
    eve_host_cmd(h, 0xFFFFFF01u); // CMD_SWAP
    eve_host_flush(h);
}

static const char *draw(const char *text, uint32_t format, uint32_t swizzle, unsigned *lit)
{
    static char error[256];
    struct eve_host h;
    struct eve_model *m = eve_model_create();
    eve_host_init(&h, eve_model_spi_transfer, eve_model_spi_receive, m);
    load_font(&h, format, swizzle);
    frame(&h, text);
    const char *e = eve_model_error(m);
    snprintf(error, sizeof error, "%s", e != NULL ? e : "");
    unsigned w, hh;
    const uint8_t *f = eve_model_frame(m, &w, &hh);
    *lit = 0;
    for (size_t i = 0; f != NULL && i < (size_t)w * hh; i++) {
        *lit += f[3 * i] != 0;
    }
    eve_model_destroy(m);
    return error;
}

int main(void)
{
    const uint32_t identity = 2u << 9 | 3u << 6 | 4u << 3 | 5u;
    unsigned lit;
    const char *e = draw("A\xc3\x84"
                         "A",
                         3, identity, &lit);
    CHECK(e[0] == '\0' && lit == 12, "three 2x2 glyphs drawn (%u pixels): %s", lit, e);
    e = draw("A\xc3", 3, identity, &lit);
    CHECK(strstr(e, "ill-formed UTF-8") != NULL, "a cut sequence is reported: %s", e);
    e = draw("\xe4\xb8\xad", 3, identity, &lit); // U+4E2D, past N = 256
    CHECK(strstr(e, "past the extended font") != NULL, "a character past N is reported: %s", e);
    e = draw("A", 7, identity, &lit); // RGB565 glyphs
    CHECK(strstr(e, "not modelled") != NULL, "a non-L format is reported: %s", e);
    e = draw("A", 3, 0x24A, &lit);
    CHECK(strstr(e, "not modelled") != NULL, "a swizzle on L glyphs is reported: %s", e);
    return check_status();
}
