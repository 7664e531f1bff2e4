// The LVGL image emitters' contract (formats/lvgl_image.h): pixels that do
// not match the format, options LVGL cannot take and sizes past LVGL's
// 16-bit fields are refused with a reason and nothing written; the format
// table is consistent with libglyph's; the .bin header and the C
// descriptor agree with the bytes. What LVGL decodes from them is
// tests/lvgl/test_lvgl_image.c.
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"
#include "formats/error.h"
#include "formats/lvgl_image.h"

static struct glyph_image *image(struct glyph_ctx *ctx, uint32_t w, uint32_t h)
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, w, h, &img) != 0) {
        abort();
    }
    for (size_t i = 0; i < (size_t)w * h * 4; i++) {
        img->rgba[i] = (uint8_t)(i * 29 + i / 7);
    }
    return img;
}

static struct glyph_pixels *convert(struct glyph_ctx *ctx, const struct glyph_image *img,
                                    const char *fmt, enum glyph_bit_order order, unsigned align)
{
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find(fmt));
    o.bit_order = order;
    o.stride_align = align;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0) {
        abort();
    }
    return px;
}

// Writes .bin into a membuf; returns the error, the membuf length in *len.
static int write_bin(const struct glyph_pixels *px, const struct fmt_lvgl_image_opts *o,
                     size_t *len, char *why, size_t why_len)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    int err = fmt_lvgl_image_write_bin(&mb.sink, px, o, NULL, why, why_len);
    *len = mb.len;
    fmt_membuf_finish(&mb);
    return err;
}

static void test_table_matches_libglyph(void)
{
    CHECK(fmt_lvgl_cf_count() == 21 && fmt_lvgl_cf_at(21) == NULL);
    for (size_t i = 0; i < fmt_lvgl_cf_count(); i++) {
        const struct fmt_lvgl_cf *cf = fmt_lvgl_cf_at(i);
        CHECK(glyph_pixfmt_find(cf->pixfmt) != NULL, "%s: no libglyph %s", cf->name, cf->pixfmt);
        CHECK(fmt_lvgl_cf_find(cf->name) == cf, "%s: lookup", cf->name);
        for (size_t j = 0; j < i; j++) {
            CHECK(fmt_lvgl_cf_at(j)->cf != cf->cf, "%s: cf 0x%x twice", cf->name, cf->cf);
        }
    }
    CHECK(fmt_lvgl_cf_find("rgb565a8") == fmt_lvgl_cf_find("RGB565A8"));
    CHECK(fmt_lvgl_cf_find("BGR888") == NULL && fmt_lvgl_cf_find(NULL) == NULL);
}

static void test_refusals_name_the_reason(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = image(ctx, 5, 3);
    struct glyph_pixels *rgb = convert(ctx, img, "RGB565", GLYPH_BIT_MSB_FIRST, 1);
    struct glyph_pixels *lsb = convert(ctx, img, "A1", GLYPH_BIT_LSB_FIRST, 1);
    struct glyph_pixels *packed = convert(ctx, img, "A1", GLYPH_BIT_MSB_FIRST, 0);
    struct fmt_lvgl_image_opts o = {.cf = fmt_lvgl_cf_find("RGB888"), .stride_align = 1};
    char why[200];
    size_t len;
    why[0] = '\0';
    CHECK(write_bin(rgb, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG && len == 0 &&
              strstr(why, "BGR888") != NULL,
          "RGB565 pixels as RGB888: '%s'", why);
    o.cf = fmt_lvgl_cf_find("A1");
    CHECK(write_bin(lsb, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG && len == 0,
          "LSB-first A1");
    CHECK(write_bin(packed, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG && len == 0,
          "bit-packed A1");
    o.cf = fmt_lvgl_cf_find("RGB565");
    o.premultiplied = 1;
    CHECK(write_bin(rgb, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG && len == 0,
          "premultiplied RGB565");
    o.premultiplied = 0;
    o.stride_align = 3;
    CHECK(write_bin(rgb, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG, "align 3");
    o.stride_align = 1;
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    o.symbol = "2bad";
    CHECK(fmt_lvgl_image_write_c(&mb.sink, rgb, &o, NULL, why, sizeof(why)) ==
                  FMT_ERR_INVALID_ARG &&
              mb.len == 0,
          "symbol '2bad'");
    o.symbol = "a\"b";
    CHECK(fmt_lvgl_image_write_c(&mb.sink, rgb, &o, NULL, why, sizeof(why)) ==
                  FMT_ERR_INVALID_ARG &&
              mb.len == 0,
          "symbol with a quote");
    fmt_membuf_finish(&mb);
    // A plain .bin LVGL 9.5 does not open; SMALLEST then never picks none.
    struct glyph_pixels *l8 = convert(ctx, img, "L8", GLYPH_BIT_MSB_FIRST, 1);
    o.cf = fmt_lvgl_cf_find("L8");
    CHECK(write_bin(l8, &o, &len, why, sizeof(why)) == FMT_ERR_INVALID_ARG && len == 0 &&
              strstr(why, "compressed") != NULL,
          "plain L8 .bin: '%s'", why);
    o.compress = FMT_LVGL_COMPRESS_SMALLEST;
    struct fmt_lvgl_image_info info;
    fmt_membuf_init(&mb);
    CHECK(fmt_lvgl_image_write_bin(&mb.sink, l8, &o, &info, why, sizeof(why)) == 0 &&
              info.compress != FMT_LVGL_COMPRESS_NONE && mb.len == 12 + info.data_size &&
              (mb.data[2] & FMT_LVGL_IMAGE_FLAG_COMPRESSED) != 0,
          "smallest L8 .bin");
    fmt_membuf_finish(&mb);
    glyph_pixels_destroy(l8);
    glyph_pixels_destroy(packed);
    glyph_pixels_destroy(lsb);
    glyph_pixels_destroy(rgb);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_rows_past_65535_bytes_are_refused(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = image(ctx, 16384, 1); // ARGB8888: 65536 bytes a row
    struct glyph_pixels *px = convert(ctx, img, "ARGB8888", GLYPH_BIT_MSB_FIRST, 1);
    struct fmt_lvgl_image_opts o = {.cf = fmt_lvgl_cf_find("ARGB8888"), .stride_align = 1};
    char why[200] = "";
    size_t len;
    CHECK(write_bin(px, &o, &len, why, sizeof(why)) == FMT_ERR_RANGE && len == 0 &&
              strstr(why, "65535") != NULL,
          "16384 ARGB8888 pixels a row: '%s'", why);
    o.cf = fmt_lvgl_cf_find("XRGB8888"); // same bytes, one less pixel fits
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    img = image(ctx, 16383, 1);
    px = convert(ctx, img, "ARGB8888", GLYPH_BIT_MSB_FIRST, 1);
    CHECK(write_bin(px, &o, &len, why, sizeof(why)) == 0 && len == 12 + 16383 * 4, "16383");
    o.stride_align = 256; // 65536 again
    CHECK(write_bin(px, &o, &len, why, sizeof(why)) == FMT_ERR_RANGE, "16383 aligned to 256");
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

// The forced method is used even when it is larger than the data; the .bin
// and the C file carry the same bytes.
static void test_forced_compression_and_containers_agree(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = image(ctx, 7, 5); // noise: RLE grows it
    struct glyph_pixels *px = convert(ctx, img, "ARGB8888", GLYPH_BIT_MSB_FIRST, 1);
    struct fmt_lvgl_image_opts o = {.cf = fmt_lvgl_cf_find("ARGB8888"),
                                    .stride_align = 4,
                                    .compress = FMT_LVGL_COMPRESS_RLE,
                                    .symbol = "noise"};
    struct fmt_membuf bin, c;
    fmt_membuf_init(&bin);
    fmt_membuf_init(&c);
    struct fmt_lvgl_image_info bi, ci;
    CHECK(fmt_lvgl_image_write_bin(&bin.sink, px, &o, &bi, NULL, 0) == 0);
    CHECK(fmt_lvgl_image_write_c(&c.sink, px, &o, &ci, NULL, 0) == 0);
    CHECK(bi.compress == FMT_LVGL_COMPRESS_RLE && bi.data_size > bi.raw_size &&
              bi.raw_size == 7 * 4 * 5 && bi.stride == 28 && bi.stride == ci.stride &&
              bi.raw_size == ci.raw_size && bi.data_size == ci.data_size &&
              bi.compress == ci.compress,
          "forced RLE: %zu of %zu bytes", bi.data_size, bi.raw_size);
    CHECK(bin.len == 12 + bi.data_size && bin.data[0] == 0x19 && bin.data[1] == 0x10 &&
          bin.data[4] == 7 && bin.data[6] == 5 && bin.data[8] == 28);
    // The C array holds the same bytes as the .bin after its header.
    char first[64];
    snprintf(first, sizeof(first), "0x%02x, 0x%02x, 0x%02x, 0x%02x,", bin.data[12], bin.data[13],
             bin.data[14], bin.data[15]);
    fmt_sink_write(&c.sink, "", 1);
    CHECK(strstr((const char *)c.data, first) != NULL &&
              strstr((const char *)c.data, "const lv_image_dsc_t noise = {") != NULL,
          "C file");
    fmt_membuf_finish(&bin);
    fmt_membuf_finish(&c);
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

int main(void)
{
    test_table_matches_libglyph();
    test_refusals_name_the_reason();
    test_rows_past_65535_bytes_are_refused();
    test_forced_compression_and_containers_agree();
    return check_status();
}
