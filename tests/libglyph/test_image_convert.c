// Conversion to every pixel format, checked byte for byte against the
// formulas of docs/image-formats.md computed here independently (per format
// by name, not through the library's table); stride alignment, pages layout
// and bit orders; decode-back round trips within each format's quantization
// error (exact for 8 bits per channel); indexed formats with a given palette.
// Inputs are PNGs written with libpng and decoded through the library.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"
#include "png_fixture.h"

#define W 11
#define H 6

static struct glyph_image *load_rgba(struct glyph_ctx *ctx, const uint8_t *rgba, uint32_t w,
                                     uint32_t h)
{
    size_t len = 0;
    uint8_t *png = fixture_rgba_png(rgba, w, h, &len);
    struct glyph_image *img = NULL;
    if (png == NULL || glyph_image_decode_memory(ctx, png, len, &img) != 0) {
        fprintf(stderr, "fixture decode failed\n");
        exit(1);
    }
    free(png);
    return img;
}

static void test_pixels(uint8_t *rgba)
{
    for (unsigned i = 0; i < W * H; i++) {
        uint8_t *p = rgba + 4 * i;
        p[0] = (uint8_t)(i * 23 + 1);
        p[1] = (uint8_t)(i * 41 + 100);
        p[2] = (uint8_t)(255 - i * 7);
        p[3] = i % 3 == 0 ? 255 : (uint8_t)(i * 53);
    }
    // Corners of the range.
    memcpy(rgba, (uint8_t[]){0, 0, 0, 255}, 4);
    memcpy(rgba + 4, (uint8_t[]){255, 255, 255, 255}, 4);
    memcpy(rgba + 8, (uint8_t[]){255, 255, 255, 0}, 4);
}

static unsigned rd(unsigned v, unsigned bits)
{
    unsigned max = (1u << bits) - 1u;
    return (v * max + 127u) / 255u;
}

static unsigned luma(unsigned r, unsigned g, unsigned b)
{
    return (2126u * r + 7152u * g + 722u * b + 5000u) / 10000u;
}

// The bytes of one pixel per the documented layout; returns the byte count,
// or for sub-byte formats stores the value in *value and returns 0.
static unsigned expect_pixel(const char *f, const uint8_t *px, uint8_t *out, unsigned *value)
{
    unsigned r = px[0], g = px[1], b = px[2], a = px[3];
    int has_alpha = strncmp(f, "ARGB", 4) == 0 || strcmp(f, "RGBA8888") == 0;
    if (!has_alpha && f[0] != 'A') {
        r = (r * a + 127u) / 255u; // flattened onto black
        g = (g * a + 127u) / 255u;
        b = (b * a + 127u) / 255u;
    }
    unsigned w;
    if (strcmp(f, "RGB565") == 0 || strcmp(f, "RGB565_BE") == 0) {
        w = rd(r, 5) << 11 | rd(g, 6) << 5 | rd(b, 5);
        out[0] = (uint8_t)(f[6] ? w >> 8 : w);
        out[1] = (uint8_t)(f[6] ? w : w >> 8);
        return 2;
    }
    if (strcmp(f, "BGR565") == 0 || strcmp(f, "BGR565_BE") == 0) {
        w = rd(b, 5) << 11 | rd(g, 6) << 5 | rd(r, 5);
        out[0] = (uint8_t)(f[6] ? w >> 8 : w);
        out[1] = (uint8_t)(f[6] ? w : w >> 8);
        return 2;
    }
    if (strcmp(f, "RGB888") == 0) {
        memcpy(out, (uint8_t[]){(uint8_t)r, (uint8_t)g, (uint8_t)b}, 3);
        return 3;
    }
    if (strcmp(f, "BGR888") == 0) {
        memcpy(out, (uint8_t[]){(uint8_t)b, (uint8_t)g, (uint8_t)r}, 3);
        return 3;
    }
    if (strcmp(f, "ARGB8888") == 0) {
        memcpy(out, (uint8_t[]){(uint8_t)b, (uint8_t)g, (uint8_t)r, (uint8_t)a}, 4);
        return 4;
    }
    if (strcmp(f, "RGBA8888") == 0) {
        memcpy(out, (uint8_t[]){(uint8_t)r, (uint8_t)g, (uint8_t)b, (uint8_t)a}, 4);
        return 4;
    }
    if (strcmp(f, "ARGB4444") == 0) {
        w = rd(a, 4) << 12 | rd(r, 4) << 8 | rd(g, 4) << 4 | rd(b, 4);
        out[0] = (uint8_t)w;
        out[1] = (uint8_t)(w >> 8);
        return 2;
    }
    if (strcmp(f, "ARGB1555") == 0) {
        w = rd(a, 1) << 15 | rd(r, 5) << 10 | rd(g, 5) << 5 | rd(b, 5);
        out[0] = (uint8_t)w;
        out[1] = (uint8_t)(w >> 8);
        return 2;
    }
    if (strcmp(f, "RGB332") == 0) {
        out[0] = (uint8_t)(rd(r, 3) << 5 | rd(g, 3) << 2 | rd(b, 2));
        return 1;
    }
    if (strcmp(f, "ARGB2") == 0) {
        out[0] = (uint8_t)(rd(a, 2) << 6 | rd(r, 2) << 4 | rd(g, 2) << 2 | rd(b, 2));
        return 1;
    }
    if (strcmp(f, "AL88") == 0) { // straight luminance, then alpha
        memcpy(out, (uint8_t[]){(uint8_t)luma(r, g, b), (uint8_t)a}, 2);
        return 2;
    }
    if (strcmp(f, "ARGB8565") == 0) {
        w = rd(r, 5) << 11 | rd(g, 6) << 5 | rd(b, 5);
        memcpy(out, (uint8_t[]){(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)a}, 3);
        return 3;
    }
    unsigned bits = (unsigned)atoi(f + 1);
    *value = f[0] == 'L' ? rd(luma(r, g, b), bits) : rd(a, bits);
    return 0;
}

static const char *const direct_formats[] = {
    "RGB565",   "RGB565_BE", "BGR565", "BGR565_BE", "RGB888", "BGR888",  "ARGB8888", "RGBA8888",
    "ARGB4444", "ARGB1555",  "RGB332", "ARGB2",     "L8",     "L4",      "L2",       "L1",
    "A8",       "A4",        "A2",     "A1",        "AL88",   "ARGB8565"};

// Expected bytes for a whole image in rows layout, MSB-first, stride aligned.
static size_t expect_image(const char *f, const uint8_t *rgba, unsigned align, uint8_t *out)
{
    uint8_t one[4];
    unsigned v = 0;
    unsigned n = expect_pixel(f, rgba, one, &v);
    unsigned bpp = n ? 8 * n : (unsigned)atoi(f + 1);
    size_t stride = ((size_t)W * bpp + 7) / 8;
    stride = (stride + align - 1) / align * align;
    memset(out, 0, stride * H);
    for (unsigned y = 0; y < H; y++) {
        for (unsigned x = 0; x < W; x++) {
            n = expect_pixel(f, rgba + 4 * (y * W + x), one, &v);
            if (n) {
                memcpy(out + y * stride + x * n, one, n);
            } else {
                unsigned per = 8 / bpp;
                unsigned shift = 8 - bpp * (x % per + 1);
                out[y * stride + x / per] |= (uint8_t)(v << shift);
            }
        }
    }
    return stride * H;
}

static void test_convert_every_format_exact_bytes(void)
{
    uint8_t rgba[W * H * 4];
    test_pixels(rgba);
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, W, H);
    static const unsigned aligns[] = {1, 4};
    for (size_t i = 0; i < sizeof(direct_formats) / sizeof(direct_formats[0]); i++) {
        for (size_t a = 0; a < 2; a++) {
            const char *name = direct_formats[i];
            struct glyph_convert_opts o;
            glyph_convert_opts_init(&o, glyph_pixfmt_find(name));
            o.stride_align = aligns[a];
            struct glyph_pixels *px = NULL;
            uint8_t want[W * H * 4 + 64];
            size_t n = expect_image(name, rgba, aligns[a], want);
            int err = o.format ? glyph_image_convert(ctx, img, &o, &px) : -999;
            if (err != 0 || px->size != n || memcmp(px->data, want, n) != 0 ||
                px->stride * H != n) {
                fprintf(stderr, "%s align %u: wrong bytes (err %d, size %zu want %zu)\n", name,
                        aligns[a], err, px ? px->size : 0, n);
                check_failures++;
            }
            glyph_pixels_destroy(px);
        }
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_convert_known_words(void)
{
    // Pure red, half grey, and an EVE ARGB8888 word, written out by hand;
    // formats without alpha see #123456 at alpha 0x78 flattened to #081828.
    uint8_t rgba[3 * 4] = {255, 0, 0, 255, 128, 128, 128, 255, 0x12, 0x34, 0x56, 0x78};
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, 3, 1);
    static const struct {
        const char *fmt;
        uint8_t bytes[12];
        size_t n;
    } cases[] = {
        {"RGB565", {0x00, 0xF8, 0x10, 0x84, 0xC5, 0x08}, 6},
        {"RGB565_BE", {0xF8, 0x00, 0x84, 0x10, 0x08, 0xC5}, 6},
        {"BGR565", {0x1F, 0x00, 0x10, 0x84, 0xC1, 0x28}, 6},
        {"ARGB8888", {0x00, 0x00, 0xFF, 0xFF, 0x80, 0x80, 0x80, 0xFF, 0x56, 0x34, 0x12, 0x78}, 12},
        {"RGBA8888", {0xFF, 0x00, 0x00, 0xFF, 0x80, 0x80, 0x80, 0xFF, 0x12, 0x34, 0x56, 0x78}, 12},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct glyph_convert_opts o;
        glyph_convert_opts_init(&o, glyph_pixfmt_find(cases[i].fmt));
        struct glyph_pixels *px = NULL;
        if (glyph_image_convert(ctx, img, &o, &px) != 0 || px->size != cases[i].n ||
            memcmp(px->data, cases[i].bytes, cases[i].n) != 0) {
            fprintf(stderr, "%s: known word wrong\n", cases[i].fmt);
            check_failures++;
        }
        glyph_pixels_destroy(px);
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_convert_pages_layout_ssd1306(void)
{
    // 3 x 10 image: column 0 white, column 1 black, column 2 white on row 9.
    uint8_t rgba[3 * 10 * 4];
    for (unsigned y = 0; y < 10; y++) {
        for (unsigned x = 0; x < 3; x++) {
            unsigned v = (x == 0 || (x == 2 && y == 9)) ? 255 : 0;
            memcpy(rgba + 4 * (y * 3 + x), (uint8_t[]){(uint8_t)v, (uint8_t)v, (uint8_t)v, 255}, 4);
        }
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, 3, 10);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("l1"));
    o.layout = GLYPH_LAYOUT_PAGES;
    o.bit_order = GLYPH_BIT_LSB_FIRST;
    struct glyph_pixels *px = NULL;
    // Page 0: 0xFF, 0x00, 0x00; page 1 (rows 8, 9): 0x03, 0x00, 0x02.
    static const uint8_t want[6] = {0xFF, 0x00, 0x00, 0x03, 0x00, 0x02};
    if (glyph_image_convert(ctx, img, &o, &px) != 0 || px->size != 6 || px->stride != 3 ||
        memcmp(px->data, want, 6) != 0) {
        fprintf(stderr, "MONO_VLSB pages wrong\n");
        check_failures++;
    }
    glyph_pixels_destroy(px);
    // Colour words have no pages layout.
    glyph_convert_opts_init(&o, glyph_pixfmt_find("RGB565"));
    o.layout = GLYPH_LAYOUT_PAGES;
    px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != GLYPH_ERR_INVALID_ARG || px != NULL) {
        fprintf(stderr, "pages accepted for RGB565\n");
        check_failures++;
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static int channel_err(const char *f, unsigned c)
{
    const struct glyph_pixfmt *p = glyph_pixfmt_find(f);
    unsigned bits = p->bits[c];
    if (bits == 0 || bits == 8) {
        return 0;
    }
    // Reduce then expand is off by at most half a step, plus rounding.
    return (int)(255u / ((1u << bits) - 1u) / 2u + 1u);
}

static void test_convert_round_trip_within_quantization(void)
{
    uint8_t rgba[W * H * 4];
    test_pixels(rgba);
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, W, H);
    for (size_t i = 0; i < sizeof(direct_formats) / sizeof(direct_formats[0]); i++) {
        const char *name = direct_formats[i];
        const struct glyph_pixfmt *f = glyph_pixfmt_find(name);
        for (int layout = 0; layout < 2; layout++) {
            for (int order = 0; order < 2; order++) {
                struct glyph_convert_opts o;
                glyph_convert_opts_init(&o, f);
                if (!glyph_pixfmt_is_plane(f) && (layout || order)) {
                    continue;
                }
                o.layout = (enum glyph_layout)layout;
                o.bit_order = (enum glyph_bit_order)order;
                struct glyph_pixels *px = NULL;
                struct glyph_image *back = NULL;
                if (glyph_image_convert(ctx, img, &o, &px) != 0 ||
                    glyph_pixels_decode(ctx, px, &back) != 0) {
                    fprintf(stderr, "%s: convert/decode failed\n", name);
                    check_failures++;
                    glyph_pixels_destroy(px);
                    continue;
                }
                for (unsigned p = 0; p < W * H && !check_failures; p++) {
                    const uint8_t *s = rgba + 4 * p, *d = back->rgba + 4 * p;
                    unsigned a = s[3];
                    unsigned fr = (s[0] * a + 127u) / 255u, fg = (s[1] * a + 127u) / 255u,
                             fb = (s[2] * a + 127u) / 255u;
                    int want[4];
                    if ((f->flags & GLYPH_PIXFMT_GREY) && (f->flags & GLYPH_PIXFMT_HAS_ALPHA)) {
                        unsigned l = luma(s[0], s[1], s[2]); // AL88: straight alpha
                        want[0] = want[1] = want[2] = (int)l;
                        want[3] = (int)a;
                    } else if (f->flags & GLYPH_PIXFMT_GREY) {
                        unsigned l = luma(fr, fg, fb);
                        want[0] = want[1] = want[2] = (int)l;
                        want[3] = 255;
                    } else if (f->flags & GLYPH_PIXFMT_ALPHA_ONLY) {
                        want[0] = want[1] = want[2] = 0;
                        want[3] = (int)a;
                    } else if (f->flags & GLYPH_PIXFMT_HAS_ALPHA) {
                        want[0] = s[0], want[1] = s[1], want[2] = s[2], want[3] = (int)a;
                    } else {
                        want[0] = (int)fr, want[1] = (int)fg, want[2] = (int)fb, want[3] = 255;
                    }
                    for (unsigned c = 0; c < 4; c++) {
                        unsigned slot = (f->flags & GLYPH_PIXFMT_GREY) && c < 3 ? 0 : c;
                        int tol = channel_err(name, slot);
                        if (abs(d[c] - want[c]) > tol) {
                            fprintf(stderr, "%s layout %d order %d: pixel %u ch %u: %u vs %d\n",
                                    name, layout, order, p, c, d[c], want[c]);
                            check_failures++;
                        }
                    }
                }
                glyph_image_destroy(back);
                glyph_pixels_destroy(px);
            }
        }
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_convert_alpha_modes(void)
{
    uint8_t rgba[4] = {200, 100, 50, 128};
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, 1, 1);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("RGBA8888"));
    struct glyph_pixels *px = NULL;
    uint8_t premul[4] = {(200 * 128 + 127) / 255, (100 * 128 + 127) / 255, (50 * 128 + 127) / 255,
                         128};
    o.alpha = GLYPH_ALPHA_PREMULTIPLY;
    if (glyph_image_convert(ctx, img, &o, &px) != 0 || memcmp(px->data, premul, 4) != 0) {
        fprintf(stderr, "premultiply wrong\n");
        check_failures++;
    }
    glyph_pixels_destroy(px);
    px = NULL;
    o.alpha = GLYPH_ALPHA_FLATTEN;
    o.background[0] = 0, o.background[1] = 255, o.background[2] = 10;
    uint8_t flat[4] = {(200 * 128 + 0 * 127 + 127) / 255, (100 * 128 + 255 * 127 + 127) / 255,
                       (50 * 128 + 10 * 127 + 127) / 255, 255};
    if (glyph_image_convert(ctx, img, &o, &px) != 0 || memcmp(px->data, flat, 4) != 0) {
        fprintf(stderr, "flatten wrong\n");
        check_failures++;
    }
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_convert_indexed_with_given_palette(void)
{
    struct glyph_palette pal = {
        4, {{0, 0, 0, 255}, {255, 0, 0, 255}, {0, 255, 0, 255}, {0x12, 0x34, 0x56, 255}}};
    uint8_t rgba[W * H * 4];
    uint8_t idx[W * H];
    for (unsigned i = 0; i < W * H; i++) {
        idx[i] = (uint8_t)((i * 7 + i / 3) % 4);
        memcpy(rgba + 4 * i, pal.rgba[idx[i]], 4);
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = load_rgba(ctx, rgba, W, H);
    static const char *const pfs[] = {"ARGB8888", "RGB888", "RGB565"};
    for (size_t k = 0; k < 3; k++) {
        struct glyph_convert_opts o;
        glyph_convert_opts_init(&o, glyph_pixfmt_find("I2"));
        o.palette = &pal;
        o.palette_format = glyph_pixfmt_find(pfs[k]);
        struct glyph_pixels *px = NULL;
        uint8_t want[3 * H];
        memset(want, 0, sizeof(want));
        for (unsigned y = 0; y < H; y++) {
            for (unsigned x = 0; x < W; x++) {
                want[y * 3 + x / 4] |= (uint8_t)(idx[y * W + x] << (6 - 2 * (x % 4)));
            }
        }
        int err = glyph_image_convert(ctx, img, &o, &px);
        if (err != 0 || px->size != sizeof(want) || memcmp(px->data, want, sizeof(want)) != 0 ||
            px->palette_count != 4) {
            fprintf(stderr, "I2 with %s palette: wrong indices (err %d)\n", pfs[k], err);
            check_failures++;
        } else {
            // Entry 3 (#123456) in the palette format.
            const uint8_t *e = px->palette + 3 * (px->palette_size / 4);
            unsigned w565 = rd(0x12, 5) << 11 | rd(0x34, 6) << 5 | rd(0x56, 5);
            int ok = k == 0   ? memcmp(e, (uint8_t[]){0x56, 0x34, 0x12, 0xFF}, 4) == 0
                     : k == 1 ? memcmp(e, (uint8_t[]){0x12, 0x34, 0x56}, 3) == 0
                              : (e[0] == (w565 & 0xFF) && e[1] == (w565 >> 8));
            if (!ok) {
                fprintf(stderr, "%s palette entry bytes wrong\n", pfs[k]);
                check_failures++;
            }
        }
        glyph_pixels_destroy(px);
    }
    // A palette larger than the index holds is refused.
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("I1"));
    o.palette = &pal;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != GLYPH_ERR_PALETTE || px != NULL) {
        fprintf(stderr, "4-colour palette accepted for I1\n");
        check_failures++;
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_pixfmt_table_lookup(void)
{
    if (glyph_pixfmt_find("rgb565_le") != glyph_pixfmt_find("RGB565") ||
        glyph_pixfmt_find("argb4") != glyph_pixfmt_find("ARGB4444") ||
        glyph_pixfmt_find("nope") != NULL || glyph_pixfmt_count() < 26) {
        fprintf(stderr, "format lookup wrong\n");
        check_failures++;
    }
    for (size_t i = 0; i < glyph_pixfmt_count(); i++) {
        const struct glyph_pixfmt *f = glyph_pixfmt_at(i);
        if (glyph_pixfmt_by_id(f->id) != f || glyph_pixfmt_find(f->name) != f) {
            fprintf(stderr, "%s: id or name not unique\n", f->name);
            check_failures++;
        }
        unsigned used = 0;
        for (unsigned c = 0; c < 4; c++) {
            if (!glyph_pixfmt_is_plane(f) && f->bits[c] != 0) {
                unsigned mask = ((1u << f->bits[c]) - 1u) << f->shift[c];
                if ((used & mask) != 0 || f->shift[c] + f->bits[c] > f->bpp) {
                    fprintf(stderr, "%s: channels overlap or overflow\n", f->name);
                    check_failures++;
                }
                used |= mask;
            }
        }
    }
}

int main(void)
{
    test_pixfmt_table_lookup();
    test_convert_every_format_exact_bytes();
    test_convert_known_words();
    test_convert_pages_layout_ssd1306();
    test_convert_round_trip_within_quantization();
    test_convert_alpha_modes();
    test_convert_indexed_with_given_palette();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
