// Checks glyph_pack_plane against hand-packed bytes for each layout and bit
// order, and that unpack inverts pack for every bpp x layout x order x align.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/pack.h"

static void check_bytes(const char *name, const struct glyph_pack_format *fmt, const uint8_t *src,
                        uint32_t w, uint32_t h, const uint8_t *want, size_t want_len)
{
    uint8_t out[64];
    size_t n = glyph_pack_size(fmt, w, h);
    if (n != want_len || glyph_pack_plane(fmt, src, w, w, h, out, sizeof(out)) != 0 ||
        memcmp(out, want, n) != 0) {
        fprintf(stderr, "%s: wrong bytes (size %zu, want %zu)\n", name, n, want_len);
        check_failures++;
    }
}

static void test_pack_known_bytes(void)
{
    const uint8_t row10[20] = {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    struct glyph_pack_format msb = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    check_bytes("rows_msb_1bpp", &msb, row10, 10, 2, (const uint8_t[]){0xB0, 0xC0, 0x40, 0x40}, 4);
    struct glyph_pack_format lsb = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_LSB_FIRST, 1};
    check_bytes("rows_lsb_1bpp", &lsb, row10, 10, 2, (const uint8_t[]){0x0D, 0x03, 0x02, 0x02}, 4);
    struct glyph_pack_format packed = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 0};
    const uint8_t ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    check_bytes("rows_bitpacked", &packed, ones, 3, 3, (const uint8_t[]){0xFF, 0x80}, 2);
    struct glyph_pack_format a4 = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 4};
    check_bytes("rows_align4", &a4, ones, 3, 1, (const uint8_t[]){0xE0, 0, 0, 0}, 4);
    // MONO_VLSB: column 0 of a 2x9 image set, column 1 clear.
    const uint8_t col[18] = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
    struct glyph_pack_format vlsb = {1, GLYPH_LAYOUT_PAGES, GLYPH_BIT_LSB_FIRST, 1};
    check_bytes("pages_lsb", &vlsb, col, 2, 9, (const uint8_t[]){0xFF, 0x00, 0x01, 0x00}, 4);
    struct glyph_pack_format vmsb = {1, GLYPH_LAYOUT_PAGES, GLYPH_BIT_MSB_FIRST, 1};
    check_bytes("pages_msb", &vmsb, col, 2, 9, (const uint8_t[]){0xFF, 0x00, 0x80, 0x00}, 4);
    const uint8_t nib[3] = {0x1, 0x2, 0xF};
    struct glyph_pack_format m4 = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    check_bytes("rows_msb_4bpp", &m4, nib, 3, 1, (const uint8_t[]){0x12, 0xF0}, 2);
    struct glyph_pack_format l4 = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_LSB_FIRST, 1};
    check_bytes("rows_lsb_4bpp", &l4, nib, 3, 1, (const uint8_t[]){0x21, 0x0F}, 2);
    const uint8_t two[4] = {3, 0, 1, 2};
    struct glyph_pack_format m2 = {2, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    check_bytes("rows_msb_2bpp", &m2, two, 4, 1, (const uint8_t[]){0xC6}, 1);
}

static void test_pack_round_trip_all_formats(void)
{
    static const unsigned bpps[] = {1, 2, 4, 8};
    static const unsigned aligns[] = {0, 1, 2, 4};
    srand(1);
    for (size_t b = 0; b < 4; b++) {
        for (int layout = 0; layout < 2; layout++) {
            for (int order = 0; order < 2; order++) {
                for (size_t a = 0; a < 4; a++) {
                    struct glyph_pack_format fmt = {bpps[b], (enum glyph_layout)layout,
                                                    (enum glyph_bit_order)order, aligns[a]};
                    if (!glyph_pack_format_valid(&fmt)) {
                        continue;
                    }
                    for (uint32_t w = 1; w < 20; w += 3) {
                        for (uint32_t h = 1; h < 20; h += 4) {
                            uint8_t src[400], back[400], packed[512];
                            for (size_t i = 0; i < w * h; i++) {
                                src[i] = (uint8_t)(rand() & ((1 << bpps[b]) - 1));
                            }
                            size_t n = glyph_pack_size(&fmt, w, h);
                            if (n == 0 || n > sizeof(packed) ||
                                glyph_pack_plane(&fmt, src, w, w, h, packed, n) != 0 ||
                                glyph_unpack_plane(&fmt, packed, n, w, h, back, w) != 0 ||
                                memcmp(src, back, w * h) != 0) {
                                fprintf(stderr,
                                        "round trip bpp %u layout %d order %d align %u "
                                        "%ux%u failed\n",
                                        bpps[b], layout, order, aligns[a], w, h);
                                check_failures++;
                            }
                        }
                    }
                }
            }
        }
    }
}

static void test_pack_rejects_bad_formats(void)
{
    struct glyph_pack_format bad_bpp = {3, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_pack_format packed_pages = {1, GLYPH_LAYOUT_PAGES, GLYPH_BIT_MSB_FIRST, 0};
    struct glyph_pack_format bad_align = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 3};
    uint8_t buf[4] = {0};
    if (glyph_pack_format_valid(&bad_bpp) || glyph_pack_format_valid(&packed_pages) ||
        glyph_pack_format_valid(&bad_align)) {
        fprintf(stderr, "invalid format accepted\n");
        check_failures++;
    }
    struct glyph_pack_format ok = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    if (glyph_unpack_plane(&ok, buf, 1, 8, 2, buf, 8) == 0) {
        fprintf(stderr, "short source accepted\n");
        check_failures++;
    }
}

int main(void)
{
    test_pack_known_bytes();
    test_pack_round_trip_all_formats();
    test_pack_rejects_bad_formats();
    return check_status();
}
