// Dithering: on large flat areas the mean of the decoded pixels stays within
// half a quantization step of the input for ordered and Floyd-Steinberg
// dithering, for colour, grey and alpha channels; ordered dithering is
// deterministic and actually varies the output; 8-bit alpha is never touched.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph/error.h"
#include "glyph/image.h"

static int failed;

#define N 64

static struct glyph_image *flat(struct glyph_ctx *ctx, const uint8_t rgba[4])
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, N, N, &img) != 0) {
        exit(1);
    }
    for (size_t i = 0; i < (size_t)N * N; i++) {
        memcpy(img->rgba + 4 * i, rgba, 4);
    }
    return img;
}

static void check_mean(const char *fmt, enum glyph_dither mode, const uint8_t rgba[4])
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = flat(ctx, rgba);
    struct glyph_convert_opts o;
    const struct glyph_pixfmt *f = glyph_pixfmt_find(fmt);
    glyph_convert_opts_init(&o, f);
    o.dither = mode;
    struct glyph_pixels *px = NULL;
    struct glyph_image *back = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0 || glyph_pixels_decode(ctx, px, &back) != 0) {
        fprintf(stderr, "%s: convert failed\n", fmt);
        failed = 1;
        goto out;
    }
    for (unsigned c = 0; c < 4; c++) {
        unsigned slot = (f->flags & GLYPH_PIXFMT_GREY) && c < 3 ? 0 : c;
        unsigned bits = f->bits[slot];
        if (bits == 0 || bits == 8) {
            continue;
        }
        double want = rgba[c];
        if (f->flags & GLYPH_PIXFMT_GREY) {
            want = (2126.0 * rgba[0] + 7152.0 * rgba[1] + 722.0 * rgba[2]) / 10000.0;
        }
        double sum = 0;
        for (size_t i = 0; i < (size_t)N * N; i++) {
            sum += back->rgba[4 * i + c];
        }
        double mean = sum / (N * N);
        double step = 255.0 / ((1u << bits) - 1u);
        if (fabs(mean - want) > step / 2) {
            fprintf(stderr, "%s dither %d channel %u: mean %.2f, input %.2f, step %.1f\n", fmt,
                    (int)mode, c, mean, want, step);
            failed = 1;
        }
    }
out:
    glyph_image_destroy(back);
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_dither_preserves_flat_mean(void)
{
    static const uint8_t colours[][4] = {
        {100, 150, 200, 255}, {3, 250, 77, 255}, {128, 128, 128, 255}, {40, 90, 140, 100}};
    static const char *const fmts[] = {"RGB565", "RGB332", "ARGB4444", "ARGB1555", "ARGB2",
                                       "L4",     "L2",     "L1",       "A4",       "A1"};
    for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
        for (size_t c = 0; c < sizeof(colours) / sizeof(colours[0]); c++) {
            uint8_t col[4];
            memcpy(col, colours[c], 4);
            const struct glyph_pixfmt *pf = glyph_pixfmt_find(fmts[f]);
            if (!(pf->flags & GLYPH_PIXFMT_HAS_ALPHA)) {
                col[3] = 255; // flattening is checked elsewhere
            }
            check_mean(fmts[f], GLYPH_DITHER_ORDERED, col);
            check_mean(fmts[f], GLYPH_DITHER_FS, col);
        }
    }
}

static void test_dither_ordered_is_deterministic(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const uint8_t col[4] = {100, 150, 200, 255};
    struct glyph_image *img = flat(ctx, col);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("RGB565"));
    o.dither = GLYPH_DITHER_ORDERED;
    struct glyph_pixels *a = NULL, *b = NULL;
    if (glyph_image_convert(ctx, img, &o, &a) != 0 || glyph_image_convert(ctx, img, &o, &b) != 0 ||
        memcmp(a->data, b->data, a->size) != 0) {
        fprintf(stderr, "ordered dithering not deterministic\n");
        failed = 1;
    } else {
        // 100 lies between two RGB565 red levels, so the output must vary,
        // and repeat with period 8.
        int varies = 0;
        for (size_t i = 2; i < a->size; i += 2) {
            varies |= a->data[i] != a->data[0] || a->data[i + 1] != a->data[1];
        }
        int periodic = memcmp(a->data, a->data + 8 * a->stride, a->stride) == 0 &&
                       memcmp(a->data, a->data + 16, 16) == 0;
        if (!varies || !periodic) {
            fprintf(stderr, "ordered dithering output flat or not 8-periodic\n");
            failed = 1;
        }
    }
    glyph_pixels_destroy(a);
    glyph_pixels_destroy(b);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_dither_leaves_8bit_alpha_alone(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const uint8_t col[4] = {100, 150, 200, 77};
    struct glyph_image *img = flat(ctx, col);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("ARGB8888"));
    o.dither = GLYPH_DITHER_FS;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0) {
        failed = 1;
    } else {
        for (size_t i = 0; i < (size_t)N * N; i++) {
            if (memcmp(px->data + 4 * i, (uint8_t[]){200, 150, 100, 77}, 4) != 0) {
                fprintf(stderr, "8-bit channels changed by dithering at %zu\n", i);
                failed = 1;
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
    test_dither_preserves_flat_mean();
    test_dither_ordered_is_deterministic();
    test_dither_leaves_8bit_alpha_alone();
    if (failed) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
