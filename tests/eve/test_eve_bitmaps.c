// The model's paletted and ASTC bitmaps against hand-made data and the
// published rules: PALETTED565 and PALETTED4444 entries at PALETTE_SOURCE
// + 2 x index, PALETTED8 drawn in Bridgetek's four passes, PALETTE_SOURCE
// kept by SAVE_CONTEXT, ASTC blocks found where Bridgetek's astc_tile2
// puts them (constant-colour blocks, whose meaning the ASTC specification
// fixes: "void-extent" blocks), and BITMAP_EXT_FORMAT mistakes reported.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "eve_host.h"
#include "eve_model.h"

#define PALETTE_SOURCE(a) (0x2A000000u | (a))
#define EXT_FORMAT(f)     (0x2E000000u | (f))
#define BLEND(s, d)       (0x0B000000u | (s) << 3 | (d))
#define COLOR_MASK(m)     (0x20000000u | (m))
#define SAVE_CONTEXT      0x22000000u
#define RESTORE_CONTEXT   0x23000000u

static struct eve_model *fresh(struct eve_host *h)
{
    struct eve_model *m = eve_model_create();
    eve_host_init(h, eve_model_spi_transfer, eve_model_spi_receive, m);
    return m;
}

static void begin(struct eve_host *h, unsigned format, uint32_t src, uint32_t stride, uint32_t rows,
                  uint32_t w, uint32_t ht)
{
    eve_host_cmd(h, 0xFFFFFF00u); // CMD_DLSTART
    eve_host_cmd(h, eve_dl_clear(1, 1, 1));
    eve_host_cmd(h, eve_dl_bitmap_source(src));
    eve_host_cmd(h, eve_dl_bitmap_layout(format, stride, rows));
    eve_host_cmd(h, eve_dl_bitmap_layout_h(stride, rows));
    eve_host_cmd(h, eve_dl_bitmap_size(w, ht));
    eve_host_cmd(h, eve_dl_begin(1));
}

static const uint8_t *end(struct eve_model *m, struct eve_host *h)
{
    eve_host_cmd(h, eve_dl_end());
    eve_host_cmd(h, eve_dl_display());
    eve_host_cmd(h, 0xFFFFFF01u); // CMD_SWAP
    eve_host_flush(h);
    unsigned w, ht;
    return eve_model_frame(m, &w, &ht);
}

static int pixel_is(const uint8_t *f, unsigned x, unsigned y, unsigned r, unsigned g, unsigned b)
{
    const uint8_t *p = f + 3 * ((size_t)y * 480 + x);
    return p[0] == r && p[1] == g && p[2] == b;
}

static void test_paletted16(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    static const uint8_t lut565[6] = {0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00}; // red, green, blue
    static const uint8_t lut4444[4] = {0x00, 0x8F, 0xF0, 0xF0};            // A8 R15; A15 G15
    static const uint8_t idx[4] = {0, 1, 2, 1};
    eve_host_write(&h, 0x1000, lut565, sizeof lut565);
    eve_host_write(&h, 0x1010, lut4444, sizeof lut4444);
    eve_host_write(&h, 0x2000, idx, sizeof idx);
    begin(&h, 14, 0x2000, 4, 1, 4, 1);
    eve_host_cmd(&h, PALETTE_SOURCE(0x1000));
    eve_host_cmd(&h, SAVE_CONTEXT);
    eve_host_cmd(&h, PALETTE_SOURCE(0x1010));
    eve_host_cmd(&h, RESTORE_CONTEXT); // graphics context: back to 0x1000
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    eve_host_cmd(&h, eve_dl_bitmap_layout(15, 4, 1));
    eve_host_cmd(&h, PALETTE_SOURCE(0x1010));
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 1, 0, 0));
    const uint8_t *f = end(m, &h);
    CHECK(f != NULL && eve_model_error(m) == NULL, "model: %s", eve_model_error(m));
    if (f != NULL) {
        CHECK(pixel_is(f, 0, 0, 255, 0, 0) && pixel_is(f, 1, 0, 0, 255, 0) &&
                  pixel_is(f, 2, 0, 0, 0, 255) && pixel_is(f, 3, 0, 0, 255, 0),
              "PALETTED565: RGB565 entries by index (PALETTE_SOURCE restored by "
              "RESTORE_CONTEXT)");
        // ARGB4 0x8F00: alpha 8 -> 136, red 15 -> 255, blended over black.
        CHECK(pixel_is(f, 0, 1, 136, 0, 0) && pixel_is(f, 1, 1, 0, 255, 0),
              "PALETTED4444: ARGB4 entries, blended by their alpha");
    }
    eve_model_destroy(m);

    m = fresh(&h);
    eve_host_write(&h, 0x2000, idx, sizeof idx);
    begin(&h, 14, 0x2000, 4, 1, 4, 1);
    eve_host_cmd(&h, PALETTE_SOURCE(0x1001));
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    end(m, &h);
    CHECK(eve_model_error(m) != NULL, "an odd PALETTE_SOURCE for PALETTED565 is reported");
    eve_model_destroy(m);
}

static void test_paletted8_four_passes(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    // Entries B, G, R, A: (200, 100, 50, 255) and (10, 20, 30, 128).
    static const uint8_t lut[8] = {50, 100, 200, 255, 30, 20, 10, 128};
    static const uint8_t idx[2] = {0, 1};
    eve_host_write(&h, 0x3000, lut, sizeof lut);
    eve_host_write(&h, 0x2000, idx, sizeof idx);
    begin(&h, 16, 0x2000, 2, 1, 2, 1);
    static const unsigned mask[4] = {1, 8, 4, 2}; // A, R, G, B
    for (unsigned k = 0; k < 4; k++) {
        eve_host_cmd(&h, k == 0 ? BLEND(1, 0) : BLEND(3, 5));
        eve_host_cmd(&h, COLOR_MASK(mask[k]));
        eve_host_cmd(&h, PALETTE_SOURCE(0x3000 + 3 - k));
        eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    }
    const uint8_t *f = end(m, &h);
    CHECK(f != NULL && eve_model_error(m) == NULL, "model: %s", eve_model_error(m));
    // Over black: c * a / 255 rounded.
    if (f != NULL) {
        CHECK(pixel_is(f, 0, 0, 200, 100, 50), "PALETTED8 opaque entry");
        CHECK(pixel_is(f, 1, 0, (10 * 128 + 127) / 255, (20 * 128 + 127) / 255,
                       (30 * 128 + 127) / 255),
              "PALETTED8 half-transparent entry");
    }
    eve_model_destroy(m);
}

// An ASTC void-extent block (ASTC specification, "void-extent blocks"): a
// constant LDR colour, UNORM16 channels; no extent.
static void constant_block(uint8_t b[16], unsigned r, unsigned g, unsigned bl)
{
    static const uint8_t head[8] = {0xFC, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    unsigned c[4] = {r * 257u, g * 257u, bl * 257u, 65535u};
    memcpy(b, head, 8);
    for (int k = 0; k < 4; k++) {
        b[8 + 2 * k] = (uint8_t)c[k];
        b[9 + 2 * k] = (uint8_t)(c[k] >> 8);
    }
}

// 3 x 3 blocks of 4x4 texels: astc_tile2's order for a pair of rows (with a
// last odd column) and then a last odd row.
static void test_astc_block_order(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    // Stored block k shows at grid position at[k] = (column, row).
    static const uint8_t at[9][2] = {{0, 0}, {0, 1}, {1, 1}, {1, 0}, {2, 0},
                                     {2, 1}, {0, 2}, {1, 2}, {2, 2}};
    uint8_t data[9 * 16];
    for (unsigned k = 0; k < 9; k++) {
        constant_block(data + 16 * k, 20 * k + 10, 255 - 20 * k, 7 * k);
    }
    eve_host_write(&h, 0x4000, data, sizeof data);
    begin(&h, 31, 0x4000, 3 * 16, 3, 12, 12);
    eve_host_cmd(&h, EXT_FORMAT(37808)); // ASTC 4x4
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    const uint8_t *f = end(m, &h);
    CHECK(f != NULL && eve_model_error(m) == NULL, "model: %s", eve_model_error(m));
    for (unsigned k = 0; f != NULL && k < 9; k++) {
        unsigned x = at[k][0] * 4u + 1, y = at[k][1] * 4u + 2;
        CHECK(pixel_is(f, x, y, 20 * k + 10, 255 - 20 * k, 7 * k),
              "stored block %u shows at block (%u, %u)", k, at[k][0], at[k][1]);
    }
    eve_model_destroy(m);
}

static void test_ext_format_mistakes(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    begin(&h, 31, 0x4000, 32, 2, 8, 8); // GLFORMAT without BITMAP_EXT_FORMAT
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    end(m, &h);
    CHECK(eve_model_error(m) != NULL, "GLFORMAT without BITMAP_EXT_FORMAT is reported");
    eve_model_destroy(m);

    m = fresh(&h);
    begin(&h, 7, 0x4000, 16, 8, 8, 8); // RGB565, then an extended format saying L8
    eve_host_cmd(&h, EXT_FORMAT(3));
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    end(m, &h);
    CHECK(eve_model_error(m) != NULL, "a BITMAP_EXT_FORMAT contradicting the layout is reported");
    eve_model_destroy(m);

    m = fresh(&h);
    begin(&h, 7, 0x4000, 16, 8, 8, 8); // the same format twice: fine
    eve_host_cmd(&h, EXT_FORMAT(7));
    eve_host_cmd(&h, eve_dl_vertex2ii(0, 0, 0, 0));
    end(m, &h);
    CHECK(eve_model_error(m) == NULL, "BITMAP_EXT_FORMAT repeating the layout's format: %s",
          eve_model_error(m));
    eve_model_destroy(m);
}

int main(void)
{
    test_paletted16();
    test_paletted8_four_passes();
    test_astc_block_order();
    test_ext_format_mistakes();
    return check_status();
}
