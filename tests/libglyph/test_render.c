// FreeType bitmap conversion on hand-made FT_Bitmaps: negative pitch (the
// buffer starts with the bottom row), monochrome, 2- and 4-bit grey and grey
// with fewer than 256 levels, against expected levels written out here.
#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_test_util.h"
#include "glyph/error.h"
#include "render.h"

static FT_Bitmap bitmap(unsigned w, unsigned h, int pitch, unsigned char mode, unsigned short grays,
                        unsigned char *buf)
{
    FT_Bitmap bm;
    memset(&bm, 0, sizeof(bm));
    bm.width = w;
    bm.rows = h;
    bm.pitch = pitch;
    bm.pixel_mode = mode;
    bm.num_grays = grays;
    bm.buffer = buf;
    return bm;
}

static void expect(const char *name, const FT_Bitmap *bm, unsigned bpp, const uint8_t *want)
{
    uint8_t lut[256], out[64];
    glyph_quant_table(bpp, GLYPH_QUANT_ROUND, lut);
    memset(out, 0xEE, sizeof(out));
    int err = glyph_bitmap_to_levels(bm, bpp, GLYPH_QUANT_ROUND, lut, out);
    CHECK(err == 0, "%s: %s", name, glyph_error_name(err));
    size_t n = (size_t)bm->width * bm->rows;
    CHECK(memcmp(out, want, n) == 0, "%s: wrong levels", name);
    CHECK(out[n] == 0xEE, "%s: wrote past the plane", name);
}

// The documented formulas, written out once here for the loops below.
static unsigned want_level(unsigned v, unsigned bpp, enum glyph_quantize q)
{
    return q == GLYPH_QUANT_TRUNCATE ? v >> (8 - bpp) : (v * ((1u << bpp) - 1) + 127) / 255;
}

static void test_quant_table_formula(void)
{
    uint8_t lut[256];
    glyph_quant_table(4, GLYPH_QUANT_ROUND, lut);
    CHECK(lut[0] == 0 && lut[8] == 0 && lut[9] == 1 && lut[255] == 15 && lut[128] == 8, "4 bpp");
    glyph_quant_table(2, GLYPH_QUANT_ROUND, lut);
    CHECK(lut[42] == 0 && lut[43] == 1 && lut[127] == 1 && lut[128] == 2 && lut[255] == 3, "2 bpp");
    glyph_quant_table(1, GLYPH_QUANT_ROUND, lut);
    CHECK(lut[127] == 0 && lut[128] == 1, "1 bpp threshold");
    // Truncation: a level per 2^(8 - bpp) coverage values, faint pixels 0.
    glyph_quant_table(4, GLYPH_QUANT_TRUNCATE, lut);
    CHECK(lut[15] == 0 && lut[16] == 1 && lut[239] == 14 && lut[240] == 15 && lut[255] == 15,
          "4 bpp truncated");
    glyph_quant_table(2, GLYPH_QUANT_TRUNCATE, lut);
    CHECK(lut[63] == 0 && lut[64] == 1 && lut[191] == 2 && lut[192] == 3, "2 bpp truncated");
    glyph_quant_table(1, GLYPH_QUANT_TRUNCATE, lut);
    CHECK(lut[127] == 0 && lut[128] == 1, "1 bpp truncated");
    for (int q = GLYPH_QUANT_ROUND; q <= GLYPH_QUANT_TRUNCATE; q++) {
        glyph_quant_table(8, (enum glyph_quantize)q, lut);
        for (unsigned v = 0; v < 256; v++) {
            CHECK(lut[v] == v, "8 bpp identity at %u", v);
        }
    }
}

// Every 8-bit coverage value through a 256-grey bitmap equals the formula.
static void test_gray_all_levels_all_bpp(void)
{
    unsigned char buf[256];
    for (unsigned v = 0; v < 256; v++) {
        buf[v] = (unsigned char)v;
    }
    FT_Bitmap bm = bitmap(256, 1, 256, FT_PIXEL_MODE_GRAY, 256, buf);
    for (int q = GLYPH_QUANT_ROUND; q <= GLYPH_QUANT_TRUNCATE; q++) {
        for (unsigned bpp = 1; bpp <= 8; bpp *= 2) {
            uint8_t lut[256], out[256];
            glyph_quant_table(bpp, (enum glyph_quantize)q, lut);
            CHECK(glyph_bitmap_to_levels(&bm, bpp, (enum glyph_quantize)q, lut, out) == 0,
                  "convert");
            for (unsigned v = 0; v < 256; v++) {
                unsigned want = want_level(v, bpp, (enum glyph_quantize)q);
                CHECK(out[v] == want, "q %d bpp %u v %u: %u want %u", q, bpp, v, out[v], want);
            }
        }
    }
}

// Every row width 1..70 (the 16-pixel vector steps, the overlapping last
// step and the short-row path), rows unpadded (one run) and padded (row by
// row), every coverage value in every column position: equal to the
// formula, and nothing written past the plane.
static void test_gray_every_width(void)
{
    enum { H = 4, PAD = 3 };
    unsigned char buf[(70 + PAD) * H];
    uint8_t out[70 * H + 1];
    for (unsigned k = 0; k < 8; k++) {
        unsigned bpp = 1u << (k % 4);
        enum glyph_quantize q = k < 4 ? GLYPH_QUANT_ROUND : GLYPH_QUANT_TRUNCATE;
        uint8_t lut[256];
        glyph_quant_table(bpp, q, lut);
        for (unsigned w = 1; w <= 70; w++) {
            for (unsigned shift = 0; shift < 256; shift += 37) {
                for (unsigned pad = 0; pad <= PAD; pad += PAD) {
                    unsigned pitch = w + pad;
                    for (unsigned i = 0; i < pitch * H; i++) {
                        buf[i] = (unsigned char)((i * 11 + shift) & 255);
                    }
                    FT_Bitmap bm = bitmap(w, H, (int)pitch, FT_PIXEL_MODE_GRAY, 256, buf);
                    memset(out, 0xEE, sizeof(out));
                    CHECK(glyph_bitmap_to_levels(&bm, bpp, q, lut, out) == 0, "convert");
                    unsigned bad = 0;
                    for (unsigned i = 0; i < w * H; i++) {
                        unsigned v = buf[i / w * pitch + i % w];
                        bad += out[i] != want_level(v, bpp, q);
                    }
                    CHECK(bad == 0 && out[w * H] == 0xEE, "q %d bpp %u width %u pad %u: %u wrong",
                          (int)q, bpp, w, pad, bad);
                }
            }
        }
    }
}

static void test_negative_pitch_gray(void)
{
    // Memory holds the bottom row first; rows are padded to 4 bytes.
    unsigned char buf[] = {7, 8, 9, 0, 1, 2, 3, 0};
    FT_Bitmap up = bitmap(3, 2, -4, FT_PIXEL_MODE_GRAY, 256, buf);
    expect("gray up-flow", &up, 8, (const uint8_t[]){1, 2, 3, 7, 8, 9});
    FT_Bitmap down = bitmap(3, 2, 4, FT_PIXEL_MODE_GRAY, 256, buf);
    expect("gray down-flow", &down, 8, (const uint8_t[]){7, 8, 9, 1, 2, 3});
}

static void test_mono_rows(void)
{
    unsigned char buf[] = {0xA5, 0x80, 0x00, 0xFF, 0x40, 0x00};
    FT_Bitmap bm = bitmap(10, 2, 3, FT_PIXEL_MODE_MONO, 2, buf);
    expect("mono 1 bpp", &bm, 1,
           (const uint8_t[]){1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1});
    expect("mono 4 bpp", &bm, 4, (const uint8_t[]){15, 0,  15, 0,  0,  15, 0,  15, 15, 0,
                                                   15, 15, 15, 15, 15, 15, 15, 15, 0,  15});
    FT_Bitmap up = bitmap(10, 2, -3, FT_PIXEL_MODE_MONO, 2, buf);
    expect("mono up-flow", &up, 1,
           (const uint8_t[]){1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0});
}

static void test_gray2_gray4_and_few_grays(void)
{
    unsigned char g2[] = {0x1B}; // 0, 1, 2, 3
    FT_Bitmap bm2 = bitmap(4, 1, 1, FT_PIXEL_MODE_GRAY2, 4, g2);
    expect("gray2 to 8 bpp", &bm2, 8, (const uint8_t[]){0, 85, 170, 255});
    unsigned char g4[] = {0x0F, 0x80};
    FT_Bitmap bm4 = bitmap(3, 1, 2, FT_PIXEL_MODE_GRAY4, 16, g4);
    expect("gray4 to 4 bpp", &bm4, 4, (const uint8_t[]){0, 15, 8});
    unsigned char g5[] = {0, 1, 2, 3, 4};
    FT_Bitmap bm5 = bitmap(5, 1, 5, FT_PIXEL_MODE_GRAY, 5, g5);
    expect("5 grays to 8 bpp", &bm5, 8, (const uint8_t[]){0, 63, 127, 191, 255});
}

static void test_unsupported_modes(void)
{
    uint8_t lut[256], out[16];
    unsigned char buf[16] = {0};
    glyph_quant_table(8, GLYPH_QUANT_ROUND, lut);
    FT_Bitmap lcd = bitmap(3, 1, 3, FT_PIXEL_MODE_LCD, 256, buf);
    CHECK(glyph_bitmap_to_levels(&lcd, 8, GLYPH_QUANT_ROUND, lut, out) == GLYPH_ERR_UNSUPPORTED,
          "LCD");
    FT_Bitmap bgra = bitmap(1, 1, 4, FT_PIXEL_MODE_BGRA, 256, buf);
    CHECK(glyph_bitmap_to_levels(&bgra, 8, GLYPH_QUANT_ROUND, lut, out) == GLYPH_ERR_UNSUPPORTED,
          "BGRA");
    FT_Bitmap one = bitmap(1, 1, 1, FT_PIXEL_MODE_GRAY, 1, buf);
    CHECK(glyph_bitmap_to_levels(&one, 8, GLYPH_QUANT_ROUND, lut, out) == GLYPH_ERR_UNSUPPORTED,
          "1 grey level");
}

int main(void)
{
    test_quant_table_formula();
    test_gray_all_levels_all_bpp();
    test_gray_every_width();
    test_negative_pitch_gray();
    test_mono_rows();
    test_gray2_gray4_and_few_grays();
    test_unsupported_modes();
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
