// Palettes: a 16-colour image quantized to 16 colours is exact; on a natural
// image the error falls as the palette grows; indexed conversion with and
// without dithering; the palette text format and palettes from pixels.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"

static struct glyph_image *natural(struct glyph_ctx *ctx, uint32_t w, uint32_t h)
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, w, h, &img) != 0) {
        exit(1);
    }
    uint32_t seed = 12345;
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            int noise = (int)((seed >> 16) % 17) - 8;
            uint8_t *p = img->rgba + y * img->stride + 4 * x;
            int v[3] = {(int)(x * 255 / w) + noise, (int)(y * 255 / h) + noise,
                        (int)((x + y) * 127 / (w + h)) + 60 + noise};
            for (int c = 0; c < 3; c++) {
                p[c] = (uint8_t)(v[c] < 0 ? 0 : (v[c] > 255 ? 255 : v[c]));
            }
            p[3] = 255;
        }
    }
    return img;
}

static double mse(const struct glyph_image *a, const struct glyph_image *b)
{
    double s = 0;
    for (size_t i = 0; i < (size_t)a->width * a->height * 4; i++) {
        double d = (double)a->rgba[i] - b->rgba[i];
        s += d * d;
    }
    return s / ((double)a->width * a->height);
}

static double convert_mse(struct glyph_ctx *ctx, const struct glyph_image *img, const char *fmt,
                          unsigned size, enum glyph_dither dither)
{
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find(fmt));
    o.palette_size = size;
    o.dither = dither;
    struct glyph_pixels *px = NULL;
    struct glyph_image *back = NULL;
    double e = -1;
    if (glyph_image_convert(ctx, img, &o, &px) == 0 && glyph_pixels_decode(ctx, px, &back) == 0) {
        e = mse(img, back);
        if (size != 0 && px->palette_count > size) {
            e = -1;
        }
    }
    glyph_image_destroy(back);
    glyph_pixels_destroy(px);
    return e;
}

static void test_quantize_16_colours_exact(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, 40, 30, &img) != 0) {
        exit(1);
    }
    for (size_t i = 0; i < 40 * 30; i++) {
        unsigned k = (unsigned)((i * 7 + i / 40) % 16);
        uint8_t c[4] = {(uint8_t)(k * 16 + 3), (uint8_t)(255 - k * 11), (uint8_t)(k * k),
                        (uint8_t)(k < 4 ? 60 * k : 255)};
        memcpy(img->rgba + 4 * i, c, 4);
    }
    for (int d = 0; d < 3; d++) {
        double e = convert_mse(ctx, img, "I4", 16, (enum glyph_dither)d);
        if (e != 0) {
            fprintf(stderr, "16 colours to I4 (dither %d): error %f, want exact\n", d, e);
            check_failures++;
        }
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_quantize_error_falls_with_palette_size(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = natural(ctx, 96, 64);
    static const unsigned sizes[] = {2, 4, 16, 64, 256};
    double prev = 1e30;
    for (size_t i = 0; i < 5; i++) {
        double e = convert_mse(ctx, img, "I8", sizes[i], GLYPH_DITHER_NONE);
        printf("palette %3u: mse %.2f\n", sizes[i], e);
        if (e < 0 || e >= prev) {
            fprintf(stderr, "palette %u: error %f not below %f\n", sizes[i], e, prev);
            check_failures++;
        }
        prev = e;
    }
    // Dithered indexed conversion runs and stays in the same league.
    double fs = convert_mse(ctx, img, "I4", 0, GLYPH_DITHER_FS);
    double ord = convert_mse(ctx, img, "I4", 0, GLYPH_DITHER_ORDERED);
    if (fs < 0 || ord < 0) {
        fprintf(stderr, "dithered I4 failed\n");
        check_failures++;
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_palette_text_format(void)
{
    struct glyph_palette p;
    unsigned line = 0;
    const char *good = "; comment\n#ff0000 red\n\n  00ff00\r\n#80112233\n// more\n#ABCDEF";
    if (glyph_palette_parse_text(good, strlen(good), &p, &line) != 0 || p.count != 4 ||
        memcmp(p.rgba[0], (uint8_t[]){255, 0, 0, 255}, 4) != 0 ||
        memcmp(p.rgba[1], (uint8_t[]){0, 255, 0, 255}, 4) != 0 ||
        memcmp(p.rgba[2], (uint8_t[]){0x11, 0x22, 0x33, 0x80}, 4) != 0 ||
        memcmp(p.rgba[3], (uint8_t[]){0xAB, 0xCD, 0xEF, 255}, 4) != 0) {
        fprintf(stderr, "good palette text misparsed\n");
        check_failures++;
    }
    static const char *const bad[] = {"#ff00\n", "#ff0000\n#12345g\n", "#ff0000x\n", "",
                                      "; x\n",   "#1234567\n"};
    static const unsigned bad_line[] = {1, 2, 1, 0, 0, 1};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (glyph_palette_parse_text(bad[i], strlen(bad[i]), &p, &line) != GLYPH_ERR_PALETTE ||
            line != bad_line[i]) {
            fprintf(stderr, "bad palette %zu accepted or wrong line %u\n", i, line);
            check_failures++;
        }
    }
    char big[257 * 8 + 1];
    for (int i = 0; i < 257; i++) {
        snprintf(big + 8 * i, 9, "#%06x\n", i);
    }
    if (glyph_palette_parse_text(big, strlen(big), &p, &line) != GLYPH_ERR_PALETTE || line != 257) {
        fprintf(stderr, "257 colours accepted\n");
        check_failures++;
    }
}

static void test_palette_from_pixels(void)
{
    uint8_t px[5 * 4] = {1, 2, 3, 255, 9, 9, 9, 9, 1, 2, 3, 255, 0, 0, 0, 0, 9, 9, 9, 9};
    struct glyph_palette p;
    if (glyph_palette_from_pixels(px, 5, 1, 20, &p) != 0 || p.count != 3 ||
        memcmp(p.rgba[1], (uint8_t[]){9, 9, 9, 9}, 4) != 0) {
        fprintf(stderr, "palette from pixels wrong\n");
        check_failures++;
    }
}

static void test_indexed_nearest_matches_exhaustive_search(void)
{
    enum { QW = 61, QH = 29, NP = 200 };
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, QW, QH, &img) != 0) {
        exit(1);
    }
    uint32_t seed = 99;
    for (size_t i = 0; i < (size_t)QW * QH * 4; i++) {
        seed = seed * 1103515245u + 12345u;
        img->rgba[i] = (uint8_t)(seed >> 16);
    }
    struct glyph_palette pal;
    pal.count = NP;
    for (unsigned i = 0; i < NP; i++) {
        for (unsigned c = 0; c < 4; c++) {
            seed = seed * 1103515245u + 12345u;
            // Coarse values so that equal distances (ties) happen.
            pal.rgba[i][c] = (uint8_t)(((seed >> 16) % 8) * 32);
        }
    }
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("I8"));
    o.palette = &pal;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0) {
        fprintf(stderr, "I8 with 200-colour palette failed\n");
        check_failures++;
    } else {
        for (size_t p = 0; p < (size_t)QW * QH; p++) {
            const uint8_t *s = img->rgba + 4 * p;
            unsigned best = 0;
            long best_d = -1;
            for (unsigned i = 0; i < NP; i++) {
                long d = 0;
                for (unsigned c = 0; c < 4; c++) {
                    long t = (long)s[c] - pal.rgba[i][c];
                    d += t * t;
                }
                if (best_d < 0 || d < best_d) {
                    best_d = d;
                    best = i;
                }
            }
            if (px->data[p] != best) {
                fprintf(stderr, "pixel %zu: index %u, exhaustive search %u\n", p, px->data[p],
                        best);
                check_failures++;
                break;
            }
        }
    }
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

int main(void)
{
    test_indexed_nearest_matches_exhaustive_search();
    test_quantize_16_colours_exact();
    test_quantize_error_falls_with_palette_size();
    test_palette_text_format();
    test_palette_from_pixels();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
