// formats/eve.h against words worked out by hand from the programming
// guides' bit layouts (BITMAP_LAYOUT 0x07: format 23:19, linestride 18:9,
// height 8:0; _H 0x28: linestride 3:2, height 1:0; BITMAP_SIZE 0x08: width
// 17:9, height 8:0; _H 0x29; BITMAP_EXT_FORMAT 0x2E: 15:0; PALETTE_SOURCE
// 0x2A: 21:0), the limits per chip, the minimum alignments, and the ASTC
// block order of Bridgetek's astc_tile2 written out for a 4 x 2 grid.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "formats/error.h"
#include "formats/eve.h"

static struct fmt_asset image(unsigned format, uint32_t addr, uint32_t w, uint32_t h,
                              uint32_t stride, uint32_t size)
{
    struct fmt_asset a = {.kind = BUNDLE_KIND_IMAGE,
                          .format = format,
                          .addr = addr,
                          .width = w,
                          .height = h,
                          .stride = stride,
                          .size = size};
    snprintf(a.name, sizeof a.name, "pic");
    return a;
}

static void test_bt81x_rgb565(void)
{
    struct fmt_asset a = image(BUNDLE_FMT_RGB565, 0x3900, 96, 48, 192, 192 * 48);
    struct fmt_eve_words w;
    char why[256];
    CHECK(fmt_eve_words(&a, FMT_EVE_BT81X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.bitmap_source == 0x01003900u, "BITMAP_SOURCE 0x%08x", (unsigned)w.bitmap_source);
    CHECK(w.bitmap_layout == 0x07398030u, "BITMAP_LAYOUT 0x%08x", (unsigned)w.bitmap_layout);
    CHECK(w.bitmap_layout_h == 0x28000000u && w.bitmap_size_h == 0x29000000u, "_H words");
    CHECK(w.bitmap_size == 0x0800C030u, "BITMAP_SIZE 0x%08x", (unsigned)w.bitmap_size);
    CHECK(w.bitmap_ext_format == 0x2E000007u, "BITMAP_EXT_FORMAT names RGB565 again");
    CHECK(w.flags == (FMT_EVE_W_SOURCE | FMT_EVE_W_LAYOUT | FMT_EVE_W_H | FMT_EVE_W_EXT),
          "BT81x image words");
}

static void test_high_bits_and_limits(void)
{
    struct fmt_asset a = image(BUNDLE_FMT_L8, 0x100, 2000, 3, 2000, 6000);
    struct fmt_eve_words w;
    char why[256];
    CHECK(fmt_eve_words(&a, FMT_EVE_FT81X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.bitmap_layout == (0x07000000u | 3u << 19 | 976u << 9 | 3u), "low bits of 2000");
    CHECK(w.bitmap_layout_h == 0x28000004u, "linestride 2000: bits 11:10 = 1");
    CHECK(w.bitmap_size == 0x0803A003u && w.bitmap_size_h == 0x2900000Cu, "width 2000 = 3:464");
    CHECK(!(w.flags & FMT_EVE_W_EXT), "FT81x has no BITMAP_EXT_FORMAT");
    CHECK(fmt_eve_words(&a, FMT_EVE_FT80X, &w, why, sizeof why) == FMT_ERR_RANGE &&
              strstr(why, "image 'pic'") && strstr(why, "2000") && strstr(why, "FT80x") &&
              strstr(why, "1023"),
          "FT80x stride limit: %s", why);
    a = image(BUNDLE_FMT_L8, 0x100, 511, 511, 511, 511 * 511);
    CHECK(fmt_eve_words(&a, FMT_EVE_FT80X, &w, why, sizeof why) == 0 && !(w.flags & FMT_EVE_W_H),
          "FT80x 511 x 511, no _H words: %s", why);
    a = image(BUNDLE_FMT_L8, 0x100, 2048, 1, 2048, 2048);
    CHECK(fmt_eve_words(&a, FMT_EVE_BT81X, &w, why, sizeof why) == FMT_ERR_RANGE &&
              strstr(why, "2047"),
          "2048 px is over every EVE's BITMAP_SIZE: %s", why);
    a = image(BUNDLE_FMT_L2, 0x100, 8, 8, 2, 16);
    CHECK(fmt_eve_words(&a, FMT_EVE_FT80X, &w, why, sizeof why) == FMT_ERR_INVALID_ARG &&
              strstr(why, "L2"),
          "FT80x has no L2: %s", why);
    a = image(BUNDLE_FMT_RGB565, 0x40000000u, 8, 8, 16, 128);
    CHECK(fmt_eve_words(&a, FMT_EVE_FT81X, &w, why, sizeof why) == FMT_ERR_RANGE &&
              strstr(why, "BITMAP_SOURCE"),
          "an address BITMAP_SOURCE cannot hold: %s", why);
}

static void test_paletted_and_astc(void)
{
    struct fmt_asset a = image(BUNDLE_FMT_PALETTED8, 0x100, 10, 10, 10, 100);
    a.aux0 = 0x2000; // the palette's address
    struct fmt_eve_words w;
    char why[256];
    CHECK(fmt_eve_words(&a, FMT_EVE_FT81X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.palette_source == 0x2A002000u, "PALETTE_SOURCE");
    CHECK(w.palette_pass[0] == 0x2A002003u && w.palette_pass[1] == 0x2A002002u &&
              w.palette_pass[2] == 0x2A002001u && w.palette_pass[3] == 0x2A002000u,
          "PALETTED8 passes A, R, G, B: table + 3, 2, 1, 0");
    // ASTC 8x8, 100 x 50 px: 13 x 7 blocks, padded to 14 x 8.
    a = image(BUNDLE_FMT_GLFORMAT, 0x40, 100, 50, 14 * 16, 14 * 16 * 8);
    a.aux0 = fmt_eve_astc_code(8, 8);
    CHECK(fmt_eve_words(&a, FMT_EVE_BT81X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.bitmap_layout == 0x07F9C008u, "GLFORMAT, 224 bytes per block row, 8 block rows");
    CHECK(w.bitmap_ext_format == 0x2E0093B7u, "BITMAP_EXT_FORMAT ASTC 8x8 (0x93B7)");
    CHECK(w.bitmap_size == (0x08000000u | 100u << 9 | 50u), "drawn 100 x 50");
    CHECK(fmt_eve_words(&a, FMT_EVE_FT81X, &w, why, sizeof why) == FMT_ERR_INVALID_ARG &&
              strstr(why, "ASTC"),
          "ASTC only on BT81x: %s", why);
}

static void test_fonts(void)
{
    struct fmt_asset a = {.kind = BUNDLE_KIND_FONT,
                          .format = BUNDLE_FMT_L4,
                          .addr = 0x1000,
                          .width = 16,
                          .height = 19,
                          .stride = 8,
                          .aux0 = 32,
                          .aux1 = 95,
                          .size = 148 + 95 * 152};
    snprintf(a.name, sizeof a.name, "sans");
    struct fmt_eve_words w;
    char why[256];
    CHECK(fmt_eve_words(&a, FMT_EVE_FT81X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.flags == FMT_EVE_W_SETFONT2 && w.setfont2_ptr == 0x1000 && w.setfont2_first == 32,
          "CMD_SETFONT2(handle, address, first code point)");
    // FT80x: glyph 0 at 0x1000 + 148 - 32 * 152 < 0.
    CHECK(fmt_eve_words(&a, FMT_EVE_FT80X, &w, why, sizeof why) == FMT_ERR_RANGE &&
              strstr(why, "font 'sans'") && strstr(why, "0x126c"),
          "FT80x font below RAM_G: %s", why);
    a.addr = 0x2000;
    CHECK(fmt_eve_words(&a, FMT_EVE_FT80X, &w, why, sizeof why) == 0, "%s", why);
    CHECK(w.setfont_ptr == 0x2000 && w.bitmap_source == (0x01000000u | (0x2000 + 148 - 32 * 152)),
          "FT80x: CMD_SETFONT and glyph 0's BITMAP_SOURCE");
    CHECK(w.bitmap_layout == (0x07000000u | 2u << 19 | 8u << 9 | 19u), "L4 cells");
}

static void test_alignment_and_names(void)
{
    CHECK(fmt_eve_min_align(BUNDLE_KIND_FONT, BUNDLE_FMT_L1) == 4, "font metric block");
    CHECK(fmt_eve_min_align(BUNDLE_KIND_IMAGE, BUNDLE_FMT_RGB565) == 2 &&
              fmt_eve_min_align(BUNDLE_KIND_IMAGE, BUNDLE_FMT_ARGB4) == 2 &&
              fmt_eve_min_align(BUNDLE_KIND_IMAGE, BUNDLE_FMT_ARGB1555) == 2,
          "16-bit images");
    CHECK(fmt_eve_min_align(BUNDLE_KIND_IMAGE, BUNDLE_FMT_GLFORMAT) == 64, "ASTC");
    CHECK(fmt_eve_min_align(BUNDLE_KIND_PALETTE, BUNDLE_FMT_PALETTED8) == 4 &&
              fmt_eve_min_align(BUNDLE_KIND_PALETTE, BUNDLE_FMT_PALETTED565) == 2,
          "palettes");
    CHECK(fmt_eve_min_align(BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8) == 1 &&
              fmt_eve_min_align(BUNDLE_KIND_RAW, BUNDLE_FMT_NONE) == 1,
          "bytes");
    CHECK(fmt_eve_chip_parse("bt815") == FMT_EVE_BT81X &&
              fmt_eve_chip_parse("FT81x") == FMT_EVE_FT81X &&
              fmt_eve_chip_parse("FT801") == FMT_EVE_FT80X && fmt_eve_chip_parse("FT900") == 0,
          "chip names");
    unsigned bw, bh;
    CHECK(fmt_eve_astc_block(37808, &bw, &bh) && bw == 4 && bh == 4, "37808 is 4x4");
    CHECK(fmt_eve_astc_block(37821, &bw, &bh) && bw == 12 && bh == 12, "37821 is 12x12");
    CHECK(!fmt_eve_astc_block(37822, &bw, &bh) && fmt_eve_astc_code(7, 7) == 0 &&
              fmt_eve_astc_code(6, 6) == 37812,
          "ASTC codes");
}

static void test_astc_tile_order(void)
{
    uint8_t src[8 * 16], dst[8 * 16];
    for (int i = 0; i < 8 * 16; i++) {
        src[i] = (uint8_t)(i / 16); // block k of a 4 x 2 raster holds k
    }
    CHECK(fmt_eve_astc_tile(dst, src, 4, 2) == 0, "even grid");
    static const uint8_t want[8] = {0, 4, 5, 1, 2, 6, 7, 3};
    for (int k = 0; k < 8; k++) {
        CHECK(dst[16 * k] == want[k] && dst[16 * k + 15] == want[k], "stored block %d is %u", k,
              want[k]);
    }
    // 3 x 3: a pair of rows with a last odd column, then a last odd row.
    uint8_t src9[9 * 16], dst9[9 * 16];
    for (int i = 0; i < 9 * 16; i++) {
        src9[i] = (uint8_t)(i / 16);
    }
    CHECK(fmt_eve_astc_tile(dst9, src9, 3, 3) == 0, "odd grid");
    static const uint8_t want9[9] = {0, 3, 4, 1, 2, 5, 6, 7, 8};
    for (int k = 0; k < 9; k++) {
        CHECK(dst9[16 * k] == want9[k], "3 x 3: stored block %d is %u", k, want9[k]);
    }
    CHECK(fmt_eve_astc_tile(dst, src, 0, 2) == FMT_ERR_INVALID_ARG, "empty grid refused");
}

int main(void)
{
    test_bt81x_rgb565();
    test_high_bits_and_limits();
    test_paletted_and_astc();
    test_fonts();
    test_alignment_and_names();
    test_astc_tile_order();
    return check_status();
}
